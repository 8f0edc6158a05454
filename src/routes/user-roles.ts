/** Role assignment (spec §4.2, §4.5), from the user's side and from the role's side. */
import { z } from 'zod';
import type { Db, Queryable } from '../db/driver.ts';
import { findRolesByIds, roleSearchColumns } from '../db/queries/roles.ts';
import { findUsersByIds, userSearchColumns } from '../db/queries/users.ts';
import {
  countRoleUsers,
  countUserRoles,
  deleteUserRole,
  deleteUserRolesExcept,
  findAssignments,
  findRoleUsers,
  findUserRoles,
  insertUsersRoles,
} from '../db/queries/users-roles.ts';
import { ApiError } from '../errors/api-error.ts';
import { Page } from '../http/pagination.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { requireRole, roleNotFound } from '../libraries/roles.ts';
import { searchConditionFrom } from '../libraries/search.ts';
import { requireUser } from '../libraries/users.ts';
import { idListGuard, roleGuard } from '../schemas/role.ts';
import { userInfoGuard } from '../schemas/user.ts';

const userParams = z.object({ userId: z.string().min(1) });
const roleParams = z.object({ id: z.string().min(1) });

const notAssigned = () => new ApiError('entity.not_found', { status: 404 });

const missingId = async (ids: string[], load: () => Promise<{ id: string }[]>) => {
  const found = new Set((await load()).map((row) => row.id));
  return ids.find((id) => !found.has(id));
};

/**
 * Gives each user each role, all or nothing: an unknown id is 404 and an existing assignment is
 * 422 (`user.role_exists` seen from a user, `role.user_exists` from a role), naming the first one.
 */
const assign = async (
  tx: Queryable,
  tenantId: string,
  { userIds, roleIds, from }: { userIds: string[]; roleIds: string[]; from: 'user' | 'role' },
) => {
  const missingRole = await missingId(roleIds, () => findRolesByIds(tx, tenantId, roleIds));
  if (missingRole) throw roleNotFound(missingRole);
  const missingUser = await missingId(userIds, () => findUsersByIds(tx, tenantId, userIds));
  if (missingUser) {
    throw new ApiError('entity.not_exists_with_id', {
      status: 404,
      interpolation: { name: 'user', id: missingUser },
    });
  }
  const [existing] = await findAssignments(tx, tenantId, userIds, roleIds);
  if (existing) {
    const data = from === 'user' ? { roleId: existing.roleId } : { userId: existing.userId };
    throw new ApiError(from === 'user' ? 'user.role_exists' : 'role.user_exists', {
      status: 422,
      data,
      interpolation: data,
    });
  }
  await insertUsersRoles(
    tx,
    tenantId,
    userIds.flatMap((userId) => roleIds.map((roleId) => ({ userId, roleId }))),
  );
};

export const registerUserRoleRoutes = (router: Router, { db }: { db: Db }) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/users/:userId/roles',
      summary: 'List the roles of a user',
      description: 'Internal roles are hidden. Supports the search parameters over id, name and description.',
      params: userParams,
      pagination: 'required',
      response: z.array(roleGuard),
      status: [200, 400, 401, 403, 404],
      handler: async ({ params: { userId }, pagination }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        await requireUser(db, tenantId, userId);
        const condition = searchConditionFrom(ctx.URL.searchParams, roleSearchColumns);
        return Page.of(
          findUserRoles(db, tenantId, userId, pagination!, condition),
          countUserRoles(db, tenantId, userId, condition),
        );
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/users/:userId/roles',
      summary: 'Assign roles to a user',
      description: 'A role the user already holds is 422 `user.role_exists`; nothing is assigned then.',
      params: userParams,
      body: z.object({ roleIds: idListGuard }),
      status: [201, 400, 401, 403, 404, 422],
      handler: async ({ params: { userId }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        await db.transaction(async (tx) => {
          await requireUser(tx, tenantId, userId);
          await assign(tx, tenantId, {
            userIds: [userId],
            roleIds: [...new Set(body.roleIds)],
            from: 'user',
          });
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'put',
      path: '/users/:userId/roles',
      summary: 'Replace the roles of a user',
      description: 'The user ends up holding exactly these roles.',
      params: userParams,
      body: z.object({ roleIds: z.array(z.string().min(1)).max(100) }),
      status: [200, 400, 401, 403, 404],
      handler: async ({ params: { userId }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const roleIds = [...new Set(body.roleIds)];
        await db.transaction(async (tx) => {
          await requireUser(tx, tenantId, userId);
          await deleteUserRolesExcept(tx, tenantId, userId, roleIds);
          const held = new Set(
            (await findAssignments(tx, tenantId, [userId], roleIds)).map((row) => row.roleId),
          );
          await assign(tx, tenantId, {
            userIds: [userId],
            roleIds: roleIds.filter((roleId) => !held.has(roleId)),
            from: 'user',
          });
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/users/:userId/roles/:roleId',
      summary: 'Remove a role from a user',
      params: userParams.extend({ roleId: z.string().min(1) }),
      status: [204, 401, 403, 404],
      handler: async ({ params: { userId, roleId } }, ctx) => {
        if (!(await deleteUserRole(db, ctx.state.tenant.id, userId, roleId))) throw notAssigned();
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/roles/:id/users',
      summary: 'List the users holding a role',
      description: 'Supports the user search parameters.',
      params: roleParams,
      pagination: 'required',
      response: z.array(userInfoGuard),
      status: [200, 400, 401, 403, 404],
      handler: async ({ params: { id }, pagination }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        await requireRole(db, tenantId, id);
        const condition = searchConditionFrom(ctx.URL.searchParams, userSearchColumns);
        return Page.of(
          findRoleUsers(db, tenantId, id, pagination!, condition),
          countRoleUsers(db, tenantId, id, condition),
        );
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/roles/:id/users',
      summary: 'Assign a role to users',
      description: 'A user who already holds the role is 422 `role.user_exists`; nothing is assigned then.',
      params: roleParams,
      body: z.object({ userIds: idListGuard }),
      status: [201, 400, 401, 403, 404, 422],
      handler: async ({ params: { id }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        await db.transaction(async (tx) => {
          await requireRole(tx, tenantId, id);
          await assign(tx, tenantId, { userIds: [...new Set(body.userIds)], roleIds: [id], from: 'role' });
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/roles/:id/users/:userId',
      summary: 'Remove a role from a user',
      params: roleParams.extend({ userId: z.string().min(1) }),
      status: [204, 401, 403, 404],
      handler: async ({ params: { id, userId } }, ctx) => {
        if (!(await deleteUserRole(db, ctx.state.tenant.id, userId, id))) throw notAssigned();
      },
    }),
  );
};
