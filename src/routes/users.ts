/** Users (spec §4.2): create, list and search, read, change, suspend, delete. */
import { z } from 'zod';
import type { Db } from '../db/driver.ts';
import {
  countUsers,
  deleteUser,
  deleteUserIdentity,
  findUsers,
  mergeUserCustomData,
  updateUser,
  userSearchColumns,
} from '../db/queries/users.ts';
import { ApiError, assertThat } from '../errors/api-error.ts';
import { Page } from '../http/pagination.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { hashPassword, passwordEncryptionMethod } from '../libraries/passwords.ts';
import { searchConditionFrom } from '../libraries/search.ts';
import { createUser, requireUser, revokeUserArtifacts, userNotFound } from '../libraries/users.ts';
import {
  clearable,
  emailGuard,
  passwordGuard,
  phoneGuard,
  userInfoGuard,
  usernameGuard,
} from '../schemas/user.ts';

const params = z.object({ userId: z.string().min(1) });
const customDataGuard = z.record(z.string(), z.unknown());

export const registerUserRoutes = (
  router: Router,
  { db, userDefaultRoleNames }: { db: Db; userDefaultRoleNames: readonly string[] },
) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/users',
      summary: 'List users',
      description:
        'Newest first. Supports the search parameters over id, primaryEmail, primaryPhone, username and name, and `excludeRoleId` (users without that role).',
      query: z.object({ excludeRoleId: z.string().min(1).optional() }),
      pagination: 'required',
      response: z.array(userInfoGuard),
      status: [200, 400, 401, 403],
      handler: async ({ query, pagination }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const condition = searchConditionFrom(ctx.URL.searchParams, userSearchColumns);
        return Page.of(
          findUsers(db, tenantId, pagination!, condition, query.excludeRoleId),
          countUsers(db, tenantId, condition, query.excludeRoleId),
        );
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/users',
      summary: 'Create a user',
      description:
        'Every field is optional. The user gets the roles named by `USER_DEFAULT_ROLE_NAMES`. A taken username, email (case-insensitive) or phone is 422.',
      body: z.object({
        primaryPhone: phoneGuard.optional(),
        primaryEmail: emailGuard.optional(),
        username: usernameGuard.optional(),
        password: passwordGuard.optional(),
        name: z.string().max(128).optional(),
      }),
      response: userInfoGuard,
      status: [200, 400, 401, 403, 422],
      handler: async ({ body: { password, ...fields } }, ctx) => {
        const passwordEncrypted = password ? await hashPassword(password) : undefined;
        return db.transaction((tx) =>
          createUser(
            tx,
            ctx.state.tenant.id,
            {
              ...fields,
              passwordEncrypted,
              passwordEncryptionMethod: passwordEncrypted ? passwordEncryptionMethod : undefined,
            },
            { defaultRoleNames: userDefaultRoleNames },
          ),
        );
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/users/:userId',
      summary: 'Get a user',
      params,
      response: userInfoGuard,
      status: [200, 401, 403, 404],
      handler: async ({ params: { userId } }, ctx) => requireUser(db, ctx.state.tenant.id, userId),
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/users/:userId',
      summary: 'Update a user',
      description:
        'Sets the given fields; `""` or `null` clears one. `customData` is replaced as a whole (use `/custom-data` to merge).',
      params,
      body: z.object({
        username: clearable(usernameGuard),
        primaryEmail: clearable(emailGuard),
        primaryPhone: clearable(phoneGuard),
        name: clearable(z.string().max(128)),
        avatar: clearable(z.url().max(2048)),
        customData: customDataGuard.optional(),
      }),
      response: userInfoGuard,
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ params: { userId }, body }, ctx) => {
        const user = await updateUser(db, ctx.state.tenant.id, userId, body);
        if (!user) throw userNotFound();
        return user;
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/users/:userId/custom-data',
      summary: 'Get a user’s custom data',
      params,
      response: customDataGuard,
      status: [200, 401, 403, 404],
      handler: async ({ params: { userId } }, ctx) =>
        (await requireUser(db, ctx.state.tenant.id, userId)).customData,
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/users/:userId/custom-data',
      summary: 'Merge into a user’s custom data',
      description: 'Top-level keys of `customData` replace the stored ones; others are kept.',
      params,
      body: z.object({ customData: customDataGuard }),
      response: customDataGuard,
      status: [200, 400, 401, 403, 404],
      handler: async ({ params: { userId }, body }, ctx) => {
        const merged = await mergeUserCustomData(db, ctx.state.tenant.id, userId, body.customData);
        if (!merged) throw userNotFound();
        return merged;
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/users/:userId/password',
      summary: 'Set a user’s password',
      params,
      body: z.object({ password: passwordGuard }),
      response: userInfoGuard,
      status: [200, 400, 401, 403, 404],
      handler: async ({ params: { userId }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        await requireUser(db, tenantId, userId);
        const user = await updateUser(db, tenantId, userId, {
          passwordEncrypted: await hashPassword(body.password),
          passwordEncryptionMethod,
        });
        if (!user) throw userNotFound();
        return user;
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/users/:userId/is-suspended',
      summary: 'Suspend or reinstate a user',
      description:
        'A suspended user cannot sign in, and every session, grant and token it holds ends at once.',
      params,
      body: z.object({ isSuspended: z.boolean() }),
      response: userInfoGuard,
      status: [200, 400, 401, 403, 404],
      handler: async ({ params: { userId }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        return db.transaction(async (tx) => {
          const user = await updateUser(tx, tenantId, userId, { isSuspended: body.isSuspended });
          if (!user) throw userNotFound();
          if (body.isSuspended) await revokeUserArtifacts(tx, tenantId, userId);
          return user;
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/users/:userId',
      summary: 'Delete a user',
      description: 'Also ends the user’s sessions and tokens. You cannot delete yourself.',
      params,
      status: [204, 400, 401, 403, 404],
      handler: async ({ params: { userId } }, ctx) => {
        assertThat(ctx.state.auth?.id !== userId, 'user.cannot_delete_self', { status: 400 });
        const tenantId = ctx.state.tenant.id;
        await db.transaction(async (tx) => {
          if (!(await deleteUser(tx, tenantId, userId))) throw userNotFound();
          await revokeUserArtifacts(tx, tenantId, userId);
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/users/:userId/identities/:target',
      summary: 'Unlink a social identity from a user',
      params: params.extend({ target: z.string().min(1) }),
      response: userInfoGuard,
      status: [200, 401, 403, 404],
      handler: async ({ params: { userId, target } }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const user = await deleteUserIdentity(db, tenantId, userId, target);
        if (user) return user;
        await requireUser(db, tenantId, userId);
        throw new ApiError('user.identity_not_exist', { status: 404 });
      },
    }),
  );
};
