/** The scopes a role holds (spec §4.5). */
import { z } from 'zod';
import type { Db } from '../db/driver.ts';
import {
  countRoleScopes,
  deleteRoleScope,
  findLinkedScopeIds,
  findRoleScopes,
  insertRoleScopes,
  roleScopeSearchColumns,
} from '../db/queries/roles-scopes.ts';
import { ApiError } from '../errors/api-error.ts';
import { Page } from '../http/pagination.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { assertScopesExist, requireRole } from '../libraries/roles.ts';
import { parseSearch, searchCondition } from '../libraries/search.ts';
import { idListGuard, scopeWithResourceGuard } from '../schemas/role.ts';

const idParams = z.object({ id: z.string().min(1) });

export const registerRoleScopeRoutes = (router: Router, { db }: { db: Db }) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/roles/:id/scopes',
      summary: 'List the scopes of a role',
      description:
        'Each scope carries its `resource` (paginated or not; Logto 1.0 added it only when paginated). Paginated when `page` or `page_size` is given; supports the search parameters.',
      params: idParams,
      pagination: 'optional',
      response: z.array(scopeWithResourceGuard),
      status: [200, 400, 401, 403, 404],
      handler: async ({ params: { id }, pagination }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        await requireRole(db, tenantId, id);
        const condition = searchCondition(
          parseSearch(ctx.URL.searchParams, ['id', 'name', 'description']),
          roleScopeSearchColumns,
        );
        const items = await findRoleScopes(db, tenantId, id, pagination, condition);
        return pagination ? new Page(items, await countRoleScopes(db, tenantId, id, condition)) : items;
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/roles/:id/scopes',
      summary: 'Add scopes to a role',
      description: 'Returns all the scopes the role holds afterwards.',
      params: idParams,
      body: z.object({ scopeIds: idListGuard }),
      response: z.array(scopeWithResourceGuard),
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ params: { id }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        return db.transaction(async (tx) => {
          await requireRole(tx, tenantId, id, { writable: true });
          const scopeIds = [...new Set(body.scopeIds)];
          await assertScopesExist(tx, tenantId, scopeIds);
          const [linked] = await findLinkedScopeIds(tx, tenantId, id, scopeIds);
          if (linked) throw new ApiError('role.scope_exists', { status: 422, data: { scopeId: linked } });
          await insertRoleScopes(tx, tenantId, id, scopeIds);
          return findRoleScopes(tx, tenantId, id);
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/roles/:id/scopes/:scopeId',
      summary: 'Remove a scope from a role',
      params: idParams.extend({ scopeId: z.string().min(1) }),
      status: [204, 401, 403, 404],
      handler: async ({ params: { id, scopeId } }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        await requireRole(db, tenantId, id, { writable: true });
        if (!(await deleteRoleScope(db, tenantId, id, scopeId))) {
          throw new ApiError('entity.not_found', { status: 404 });
        }
      },
    }),
  );
};
