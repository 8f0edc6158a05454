/** Roles (spec §4.5): named sets of scopes, assigned to users (and, via isAdmin, to M2M apps). */
import { z } from 'zod';
import type { Db } from '../db/driver.ts';
import {
  countRoles,
  deleteRole,
  findRoles,
  insertRole,
  roleSearchColumns,
  updateRole,
} from '../db/queries/roles.ts';
import { insertRoleScopes } from '../db/queries/roles-scopes.ts';
import { Page } from '../http/pagination.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { assertOwnTenant } from '../http/tenant-field.ts';
import { generateId } from '../libraries/ids.ts';
import { assertNotInternalName, assertScopesExist, requireRole, roleNotFound } from '../libraries/roles.ts';
import { searchConditionFrom } from '../libraries/search.ts';
import {
  idListGuard,
  roleDescriptionGuard,
  roleGuard,
  roleNameGuard,
  roleResponseGuard,
} from '../schemas/role.ts';

const idParams = z.object({ id: z.string().min(1) });

export const registerRoleRoutes = (router: Router, { db }: { db: Db }) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/roles',
      summary: 'List roles',
      description:
        'Internal roles are hidden. Each role carries `usersCount` and up to three `featuredUsers`. Supports the search parameters over id, name and description, and `excludeUserId`.',
      query: z.object({ excludeUserId: z.string().min(1).optional() }),
      pagination: 'required',
      response: z.array(roleResponseGuard),
      status: [200, 400, 401, 403],
      handler: async ({ query, pagination }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const condition = searchConditionFrom(ctx.URL.searchParams, roleSearchColumns);
        return Page.of(
          findRoles(db, tenantId, pagination!, condition, query.excludeUserId),
          countRoles(db, tenantId, condition, query.excludeUserId),
        );
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/roles',
      summary: 'Create a role',
      description: 'With `scopeIds`, the role is created holding those scopes.',
      body: z.object({
        tenantId: z.string().max(21).optional(),
        name: roleNameGuard,
        description: roleDescriptionGuard,
        scopeIds: idListGuard.optional(),
      }),
      response: roleGuard,
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        assertOwnTenant(ctx, body.tenantId);
        assertNotInternalName(body.name);
        return db.transaction(async (tx) => {
          if (body.scopeIds) await assertScopesExist(tx, tenantId, body.scopeIds);
          const role = await insertRole(tx, {
            tenantId,
            id: generateId(),
            name: body.name,
            description: body.description,
          });
          if (body.scopeIds) await insertRoleScopes(tx, tenantId, role.id, [...new Set(body.scopeIds)]);
          return role;
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/roles/:id',
      summary: 'Get a role',
      params: idParams,
      response: roleGuard,
      status: [200, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) => requireRole(db, ctx.state.tenant.id, id),
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/roles/:id',
      summary: 'Update a role',
      params: idParams,
      body: z.object({ name: roleNameGuard.optional(), description: roleDescriptionGuard.optional() }),
      response: roleGuard,
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ params: { id }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        assertNotInternalName(body.name);
        await requireRole(db, tenantId, id, { writable: true });
        return (await updateRole(db, tenantId, id, body)) ?? Promise.reject(roleNotFound(id));
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/roles/:id',
      summary: 'Delete a role',
      description: 'Users and applications holding it lose its scopes from their next token on.',
      params: idParams,
      status: [204, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        await requireRole(db, tenantId, id, { writable: true });
        if (!(await deleteRole(db, tenantId, id))) throw roleNotFound(id);
      },
    }),
  );
};
