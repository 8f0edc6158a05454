/** API resources (spec §4.4): the APIs tokens can be issued for, identified by their indicator. */
import { z } from 'zod';
import type { Db } from '../db/driver.ts';
import {
  countResources,
  deleteResource,
  findResourceById,
  findResources,
  findScopesByResourceIds,
  insertResource,
  updateResource,
} from '../db/queries/resources.ts';
import { ApiError, assertThat } from '../errors/api-error.ts';
import { Page } from '../http/pagination.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { assertOwnTenant } from '../http/tenant-field.ts';
import { generateId } from '../libraries/ids.ts';
import { accessTokenTtlGuard, indicatorGuard, resourceGuard, scopeGuard } from '../schemas/resource.ts';
import { managementApiIndicator } from '../tenancy/tenant.ts';

const idParams = z.object({ id: z.string().min(1) });
const withScopes = resourceGuard.extend({ scopes: z.array(scopeGuard) });

export const resourceNotFound = (id: string) =>
  new ApiError('entity.not_exists_with_id', { status: 404, interpolation: { name: 'resource', id } });

export const registerResourceRoutes = (router: Router, { db }: { db: Db }) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/resources',
      summary: 'List API resources',
      description:
        'Paginated only when `page` or `page_size` is given. `includeScopes=true` adds each resource’s scopes.',
      query: z.object({ includeScopes: z.string().optional() }),
      pagination: 'optional',
      response: z.array(resourceGuard.extend({ scopes: z.array(scopeGuard).optional() })),
      status: [200, 400, 401, 403],
      handler: async ({ query, pagination }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const resources = await findResources(db, tenantId, pagination);
        const include =
          query.includeScopes !== undefined && !['false', '0', 'no'].includes(query.includeScopes);
        let items: z.infer<typeof withScopes>[] | typeof resources = resources;
        if (include) {
          const scopes = await findScopesByResourceIds(
            db,
            tenantId,
            resources.map((resource) => resource.id),
          );
          items = resources.map((resource) => ({
            ...resource,
            scopes: scopes.filter((s) => s.resourceId === resource.id),
          }));
        }
        return pagination ? new Page(items, await countResources(db, tenantId)) : items;
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/resources',
      summary: 'Create an API resource',
      body: z.object({
        tenantId: z.string().max(21).optional(),
        name: z.string().min(1).max(256),
        indicator: indicatorGuard,
        accessTokenTtl: accessTokenTtlGuard.optional(),
      }),
      response: withScopes,
      status: [200, 400, 401, 403, 422],
      handler: async ({ body }, ctx) => {
        assertOwnTenant(ctx, body.tenantId);
        const resource = await insertResource(db, {
          tenantId: ctx.state.tenant.id,
          id: generateId(),
          name: body.name,
          indicator: body.indicator,
          accessTokenTtl: body.accessTokenTtl ?? 3600,
        });
        return { ...resource, scopes: [] };
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/resources/:id',
      summary: 'Get an API resource',
      params: idParams,
      response: resourceGuard,
      status: [200, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) =>
        (await findResourceById(db, ctx.state.tenant.id, id)) ?? Promise.reject(resourceNotFound(id)),
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/resources/:id',
      summary: 'Update an API resource',
      params: idParams,
      body: z.object({
        tenantId: z.string().max(21).optional(),
        name: z.string().min(1).max(256).optional(),
        indicator: indicatorGuard.optional(),
        accessTokenTtl: accessTokenTtlGuard.optional(),
      }),
      response: resourceGuard,
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ params: { id }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        assertOwnTenant(ctx, body.tenantId);
        const current = await findResourceById(db, tenantId, id);
        if (!current) throw resourceNotFound(id);
        // The management API must keep its indicator, or no token could reach it any more.
        assertThat(
          body.indicator === undefined ||
            body.indicator === current.indicator ||
            current.indicator !== managementApiIndicator(tenantId),
          'resource.cannot_modify_management_api',
          { status: 400 },
        );
        const { tenantId: _ignored, ...patch } = body;
        return (await updateResource(db, tenantId, id, patch)) ?? Promise.reject(resourceNotFound(id));
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/resources/:id',
      summary: 'Delete an API resource',
      description: 'Its scopes are deleted with it, and removed from every role.',
      params: idParams,
      status: [204, 400, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const current = await findResourceById(db, tenantId, id);
        if (!current) throw resourceNotFound(id);
        assertThat(
          current.indicator !== managementApiIndicator(tenantId),
          'resource.cannot_delete_management_api',
          {
            status: 400,
          },
        );
        await deleteResource(db, tenantId, id);
      },
    }),
  );
};
