/** Webhooks (spec §4, §9): `PostRegister`, `PostSignIn`, `PostResetPassword`, delivered by src/hooks/. */
import { z } from 'zod';
import type { Db } from '../db/driver.ts';
import { deleteHook, findHookById, findHooks, insertHook, updateHook } from '../db/queries/hooks.ts';
import { ApiError } from '../errors/api-error.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { assertOwnTenant } from '../http/tenant-field.ts';
import { generateId, generateSecret } from '../libraries/ids.ts';

const eventGuard = z.enum(['PostRegister', 'PostSignIn', 'PostResetPassword']);
const configGuard = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  headers: z.record(z.string(), z.string()).optional(),
  retries: z.number().int().min(0).max(3),
});
const hookGuard = z.object({
  tenantId: z.string(),
  id: z.string(),
  event: eventGuard,
  config: z.object({
    url: z.string(),
    headers: z.record(z.string(), z.string()).optional(),
    retries: z.number(),
  }),
  signingKey: z.string(),
  createdAt: z.number(),
});
const params = z.object({ id: z.string().min(1) });
const notFound = () => new ApiError('entity.not_found', { status: 404 });

export const registerHookRoutes = (router: Router, { db }: { db: Db }) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/hooks',
      summary: 'List webhooks',
      response: z.array(hookGuard),
      status: [200, 401, 403],
      handler: async (_input, ctx) => findHooks(db, ctx.state.tenant.id),
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/hooks',
      summary: 'Create a webhook',
      description:
        'Each delivery is signed: `logto-signature-sha-256` is the hex HMAC-SHA256 of the body with `signingKey`.',
      body: z.object({
        tenantId: z.string().max(21).optional(),
        event: eventGuard,
        config: configGuard,
        createdAt: z.number().optional(),
      }),
      response: hookGuard,
      status: [200, 400, 401, 403],
      handler: async ({ body }, ctx) => {
        assertOwnTenant(ctx, body.tenantId);
        return insertHook(db, {
          tenantId: ctx.state.tenant.id,
          id: generateId(),
          event: body.event,
          config: body.config,
          signingKey: generateSecret(),
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/hooks/:id',
      summary: 'Get a webhook',
      params,
      response: hookGuard,
      status: [200, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) => {
        const hook = await findHookById(db, ctx.state.tenant.id, id);
        if (!hook) throw notFound();
        return hook;
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/hooks/:id',
      summary: 'Update a webhook',
      description: 'The given `config` fields are merged into the stored config.',
      params,
      body: z.object({
        tenantId: z.string().max(21).optional(),
        event: eventGuard.optional(),
        config: configGuard.partial().optional(),
        createdAt: z.number().optional(),
      }),
      response: hookGuard,
      status: [200, 400, 401, 403, 404],
      handler: async ({ params: { id }, body }, ctx) => {
        assertOwnTenant(ctx, body.tenantId);
        const hook = await updateHook(db, ctx.state.tenant.id, id, {
          event: body.event,
          config: body.config,
        });
        if (!hook) throw notFound();
        return hook;
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/hooks/:id',
      summary: 'Delete a webhook',
      description: 'Its pending deliveries are dropped.',
      params,
      status: [204, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) => {
        if (!(await deleteHook(db, ctx.state.tenant.id, id))) throw notFound();
      },
    }),
  );
};
