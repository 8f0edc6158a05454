/** Applications (spec §4.3): OIDC clients of this tenant. */
import { z } from 'zod';
import type { Db, Queryable } from '../db/driver.ts';
import {
  countApplications,
  deleteApplication,
  findApplicationById,
  findApplications,
  insertApplication,
  updateApplication,
} from '../db/queries/applications.ts';
import {
  deleteApplicationRole,
  hasApplicationRole,
  insertApplicationRole,
} from '../db/queries/applications-roles.ts';
import { findRoleByName, internalAdminRoleName } from '../db/queries/roles.ts';
import { ApiError, assertThat } from '../errors/api-error.ts';
import { Page } from '../http/pagination.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { assertOwnTenant } from '../http/tenant-field.ts';
import { generateId, generateSecret } from '../libraries/ids.ts';
import { assertValidClientUris } from '../libraries/redirect-uris.ts';
import { demoAppId, demoApplication } from '../oidc/virtual-clients.ts';
import {
  applicationCreateGuard,
  applicationGuard,
  applicationPatchGuard,
  applicationWithAdminGuard,
} from '../schemas/application.ts';

const idParams = z.object({ id: z.string().min(1) });

const notFound = (id: string) =>
  new ApiError('entity.not_exists_with_id', { status: 404, interpolation: { name: 'application', id } });

export const registerApplicationRoutes = (router: Router, { db }: { db: Db }) => {
  const adminRoleId = async (tx: Queryable, tenantId: string) => {
    const role = await findRoleByName(tx, tenantId, internalAdminRoleName);
    if (!role) {
      const details = 'This tenant has no internal admin role; isAdmin is not available here.';
      throw new ApiError('guard.invalid_input', { status: 400, details, interpolation: { type: 'body' } });
    }
    return role.id;
  };

  router.add(
    defineRoute({
      method: 'get',
      path: '/applications',
      summary: 'List applications',
      description: 'Newest first.',
      pagination: 'required',
      response: z.array(applicationGuard),
      status: [200, 400, 401, 403],
      handler: async ({ pagination }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const { limit, offset } = pagination!;
        const [items, total] = await Promise.all([
          findApplications(db, tenantId, limit, offset),
          countApplications(db, tenantId),
        ]);
        return new Page(items, total);
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/applications',
      summary: 'Create an application',
      body: applicationCreateGuard,
      response: applicationGuard,
      status: [200, 400, 401, 403, 422],
      handler: async ({ body }, ctx) => {
        assertOwnTenant(ctx, body.tenantId);
        const oidcClientMetadata = {
          redirectUris: [],
          postLogoutRedirectUris: [],
          ...body.oidcClientMetadata,
        };
        assertValidClientUris(body.type, oidcClientMetadata);
        return insertApplication(db, {
          tenantId: ctx.state.tenant.id,
          id: generateId(),
          name: body.name,
          secret: body.secret ?? generateSecret(),
          description: body.description ?? null,
          type: body.type,
          oidcClientMetadata,
          customClientMetadata: body.customClientMetadata ?? {},
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/applications/:id',
      summary: 'Get an application',
      description: 'Includes `isAdmin`. The id `demo-app` is the built-in Live Preview application.',
      params: idParams,
      response: applicationWithAdminGuard,
      status: [200, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) => {
        const { tenant } = ctx.state;
        if (id === demoAppId && tenant.id === 'default')
          return { ...demoApplication(tenant), isAdmin: false };
        const app = await findApplicationById(db, tenant.id, id);
        if (!app) throw notFound(id);
        const role = await findRoleByName(db, tenant.id, internalAdminRoleName);
        return { ...app, isAdmin: role ? await hasApplicationRole(db, tenant.id, id, role.id) : false };
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/applications/:id',
      summary: 'Update an application',
      description:
        'JSON fields are shallow-merged (sending `oidcClientMetadata.redirectUris` replaces that list and keeps the other keys). `isAdmin` grants or removes management-API access (machine-to-machine applications only).',
      params: idParams,
      body: applicationPatchGuard,
      response: applicationWithAdminGuard,
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ params: { id }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        assertOwnTenant(ctx, body.tenantId);
        const { isAdmin, tenantId: _tenantId, oidcClientMetadata, customClientMetadata, ...fields } = body;
        return db.transaction(async (tx) => {
          const current = await findApplicationById(tx, tenantId, id);
          if (!current) throw notFound(id);
          const type = fields.type ?? current.type;
          const mergedOidc = { ...current.oidcClientMetadata, ...oidcClientMetadata };
          if (oidcClientMetadata || fields.type) assertValidClientUris(type, mergedOidc);
          const updated = await updateApplication(tx, tenantId, id, {
            ...fields,
            oidcClientMetadata: oidcClientMetadata ? mergedOidc : undefined,
            customClientMetadata: customClientMetadata
              ? { ...current.customClientMetadata, ...customClientMetadata }
              : undefined,
          });
          if (!updated) throw notFound(id);
          if (isAdmin !== undefined) {
            assertThat(!isAdmin || type === 'MachineToMachine', 'guard.invalid_input', {
              status: 400,
              details: 'isAdmin applies to machine-to-machine applications only.',
              interpolation: { type: 'body' },
            });
            const roleId = await adminRoleId(tx, tenantId);
            if (isAdmin) await insertApplicationRole(tx, tenantId, id, roleId);
            else await deleteApplicationRole(tx, tenantId, id, roleId);
          }
          const role = await findRoleByName(tx, tenantId, internalAdminRoleName);
          return { ...updated, isAdmin: role ? await hasApplicationRole(tx, tenantId, id, role.id) : false };
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/applications/:id',
      summary: 'Delete an application',
      description: 'Its tokens stop working: the client no longer exists.',
      params: idParams,
      status: [204, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) => {
        if (!(await deleteApplication(db, ctx.state.tenant.id, id))) throw notFound(id);
      },
    }),
  );
};
