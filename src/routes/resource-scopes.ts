/** Scopes of an API resource (spec §4.4). */
import { z } from 'zod';
import type { Db, Queryable } from '../db/driver.ts';
import { findResourceById } from '../db/queries/resources.ts';
import {
  countScopes,
  deleteScope,
  findScopeById,
  findScopes,
  insertScope,
  scopeSearchColumns,
  updateScope,
} from '../db/queries/scopes.ts';
import { ApiError, assertThat } from '../errors/api-error.ts';
import { Page } from '../http/pagination.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { generateId } from '../libraries/ids.ts';
import { parseSearch, searchCondition } from '../libraries/search.ts';
import { scopeGuard, scopeNameGuard } from '../schemas/resource.ts';
import { resourceNotFound } from './resources.ts';

const resourceParams = z.object({ resourceId: z.string().min(1) });
const scopeParams = resourceParams.extend({ scopeId: z.string().min(1) });

const scopeNotFound = (id: string) =>
  new ApiError('entity.not_exists_with_id', { status: 404, interpolation: { name: 'scope', id } });

const assertNoSpace = (name: string | undefined) =>
  assertThat(name === undefined || !/\s/.test(name), 'scope.name_with_space', { status: 400 });

export const registerResourceScopeRoutes = (router: Router, { db }: { db: Db }) => {
  const requireResource = async (q: Queryable, tenantId: string, resourceId: string) => {
    if (!(await findResourceById(q, tenantId, resourceId))) throw resourceNotFound(resourceId);
  };

  router.add(
    defineRoute({
      method: 'get',
      path: '/resources/:resourceId/scopes',
      summary: 'List the scopes of an API resource',
      description:
        'Supports the search parameters (`search`, `search.name`, `mode`, …) over id, name and description.',
      params: resourceParams,
      pagination: 'required',
      response: z.array(scopeGuard),
      status: [200, 400, 401, 403, 404],
      handler: async ({ params: { resourceId }, pagination }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        await requireResource(db, tenantId, resourceId);
        const search = parseSearch(ctx.URL.searchParams, Object.keys(scopeSearchColumns));
        const condition = searchCondition(search, scopeSearchColumns);
        const [items, total] = await Promise.all([
          findScopes(db, tenantId, resourceId, pagination!, condition),
          countScopes(db, tenantId, resourceId, condition),
        ]);
        return new Page(items, total);
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/resources/:resourceId/scopes',
      summary: 'Create a scope',
      params: resourceParams,
      body: z.object({ name: scopeNameGuard, description: z.string().max(2048) }),
      response: scopeGuard,
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ params: { resourceId }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        assertNoSpace(body.name);
        await requireResource(db, tenantId, resourceId);
        return insertScope(db, {
          tenantId,
          id: generateId(),
          resourceId,
          name: body.name,
          description: body.description,
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/resources/:resourceId/scopes/:scopeId',
      summary: 'Update a scope',
      description: 'Both fields are optional (Logto 1.0 required both).',
      params: scopeParams,
      body: z.object({ name: scopeNameGuard.optional(), description: z.string().max(2048).optional() }),
      response: scopeGuard,
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ params: { resourceId, scopeId }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        assertNoSpace(body.name);
        const scope = await findScopeById(db, tenantId, scopeId);
        if (scope?.resourceId !== resourceId) throw scopeNotFound(scopeId);
        return (await updateScope(db, tenantId, scopeId, body)) ?? Promise.reject(scopeNotFound(scopeId));
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/resources/:resourceId/scopes/:scopeId',
      summary: 'Delete a scope',
      params: scopeParams,
      status: [204, 401, 403, 404],
      handler: async ({ params: { resourceId, scopeId } }, ctx) => {
        if (!(await deleteScope(db, ctx.state.tenant.id, resourceId, scopeId))) throw scopeNotFound(scopeId);
      },
    }),
  );
};
