/**
 * `/me` on the admin tenant (spec §3.4): the signed-in console user's own profile, password,
 * social identities and verification codes. Mounted at `/me`, not under `/api`.
 */
import { z } from 'zod';
import type { ConnectorHost } from '../connectors/host.ts';
import { readSocialUserInfo } from '../connectors/social-user-info.ts';
import type { Db } from '../db/driver.ts';
import { findSignInExperience } from '../db/queries/sign-in-experiences.ts';
import {
  findUserByIdentity,
  findUserWithCredentials,
  mergeUserCustomData,
  updateUser,
} from '../db/queries/users.ts';
import { insertVerificationStatus, secondsSinceVerification } from '../db/queries/verification-statuses.ts';
import { ApiError, assertThat } from '../errors/api-error.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import type { AppContext } from '../http/types.ts';
import { hashPassword, passwordEncryptionMethod, verifyPassword } from '../libraries/passwords.ts';
import { userNotFound } from '../libraries/users.ts';
import { sendVerificationCode, verifyVerificationCode } from '../libraries/verification-codes.ts';
import { clearable, emailGuard, passwordGuard, userInfoGuard, usernameGuard } from '../schemas/user.ts';

/** A password change needs the current password verified within this window. */
const verificationWindowSeconds = 10 * 60;

export const registerMeRoutes = (
  router: Router,
  { db, connectors }: { db: Db; connectors: ConnectorHost },
) => {
  /** The caller, who must exist and not be suspended. */
  const me = async (ctx: AppContext) => {
    const user = await findUserWithCredentials(db, ctx.state.tenant.id, ctx.state.auth?.id ?? '');
    if (!user) throw userNotFound();
    if (user.isSuspended) throw new ApiError('user.suspended', { status: 401 });
    return user;
  };
  const userInfo = (user: Awaited<ReturnType<typeof me>>) => {
    const {
      passwordEncrypted,
      passwordEncryptionMethod: _method,
      hasSocialIdentity: _social,
      ...info
    } = user;
    return passwordEncrypted ? { ...info, hasPassword: true } : info;
  };
  const meGuard = userInfoGuard.extend({ hasPassword: z.boolean().optional() });

  router.add(
    defineRoute({
      method: 'get',
      path: '',
      summary: 'Get my profile',
      description: '`hasPassword` is present (true) only when a password is set.',
      response: meGuard,
      status: [200, 401, 403, 404],
      handler: async (_input, ctx) => userInfo(await me(ctx)),
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '',
      summary: 'Update my profile',
      body: z.object({
        username: clearable(usernameGuard),
        primaryEmail: clearable(emailGuard),
        name: clearable(z.string().max(128)),
        avatar: clearable(z.url().max(2048)),
      }),
      response: meGuard,
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ body }, ctx) => {
        const user = await me(ctx);
        await updateUser(db, ctx.state.tenant.id, user.id, body);
        return userInfo(await me(ctx));
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/custom-data',
      summary: 'Get my custom data',
      response: z.record(z.string(), z.unknown()),
      status: [200, 401, 403, 404],
      handler: async (_input, ctx) => (await me(ctx)).customData,
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/custom-data',
      summary: 'Merge into my custom data',
      body: z.record(z.string(), z.unknown()),
      response: z.record(z.string(), z.unknown()),
      status: [200, 400, 401, 403, 404],
      handler: async ({ body }, ctx) => {
        const user = await me(ctx);
        return (await mergeUserCustomData(db, ctx.state.tenant.id, user.id, body)) ?? {};
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/password/verify',
      summary: 'Confirm my current password',
      description: 'Allows a password change for the next 10 minutes.',
      body: z.object({ password: z.string().min(1).max(256) }),
      status: [204, 400, 401, 403, 404, 422],
      handler: async ({ body }, ctx) => {
        const user = await me(ctx);
        const stored = { encrypted: user.passwordEncrypted, method: user.passwordEncryptionMethod };
        if (!(await verifyPassword(body.password, stored))) {
          throw new ApiError('session.invalid_credentials', { status: 422 });
        }
        await insertVerificationStatus(db, ctx.state.tenant.id, user.id);
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/password',
      summary: 'Set my password',
      description:
        'Replacing an existing password needs it confirmed (`/me/password/verify`) within 10 minutes.',
      body: z.object({ password: passwordGuard }),
      status: [204, 400, 401, 403, 404, 422],
      handler: async ({ body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const user = await me(ctx);
        if (user.passwordEncrypted) {
          const seconds = await secondsSinceVerification(db, tenantId, user.id);
          if (seconds === undefined)
            throw new ApiError('session.verification_session_not_found', { status: 400 });
          if (seconds > verificationWindowSeconds)
            throw new ApiError('session.verification_failed', { status: 422 });
        }
        await updateUser(db, tenantId, user.id, {
          passwordEncrypted: await hashPassword(body.password),
          passwordEncryptionMethod,
        });
      },
    }),
  );

  const socialConnectorsShown = async (tenantId: string) => {
    const { socialSignInConnectorTargets } = await findSignInExperience(db, tenantId);
    return (await connectors.list(db, tenantId)).filter(
      (connector) =>
        connector.factory.type === 'Social' &&
        socialSignInConnectorTargets.includes(connector.metadata.target),
    );
  };

  router.add(
    defineRoute({
      method: 'get',
      path: '/social/connectors',
      summary: 'List the social connectors I can link',
      response: z.array(z.looseObject({ id: z.string(), target: z.string() })),
      status: [200, 401, 403, 404],
      handler: async (_input, ctx) => {
        await me(ctx);
        return (await socialConnectorsShown(ctx.state.tenant.id)).map(({ row, factory, metadata }) => ({
          ...metadata,
          type: factory.type,
          id: row.id,
          connectorId: factory.metadata.id,
        }));
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/social/authorization-uri',
      summary: 'Where to send my browser to link a social account',
      body: z.object({
        connectorId: z.string().min(1),
        state: z.string().min(1),
        redirectUri: z.url({ protocol: /^https?$/ }),
      }),
      response: z.object({ redirectTo: z.string() }),
      status: [200, 400, 401, 403, 404, 422],
      handler: async ({ body }, ctx) => {
        await me(ctx);
        const connector = await connectors.socialConnector(db, ctx.state.tenant.id, body.connectorId);
        // No session store here (spec §3.4): connectors that need one cannot be used from /me.
        const redirectTo = await connector.factory.getAuthorizationUri(
          { state: body.state, redirectUri: body.redirectUri, connectorId: body.connectorId, jti: '' },
          connector.row.config,
          async () => undefined,
        );
        return { redirectTo };
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/social/link-identity',
      summary: 'Link a social account to me',
      body: z.object({ connectorId: z.string().min(1), connectorData: z.record(z.string(), z.unknown()) }),
      status: [204, 400, 401, 403, 404, 422],
      handler: async ({ body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const user = await me(ctx);
        const connector = await connectors.socialConnector(db, tenantId, body.connectorId);
        const raw = await connector.factory.getUserInfo(
          body.connectorData,
          connector.row.config,
          async () => undefined,
        );
        const social = readSocialUserInfo(raw);
        const target = connector.metadata.target;
        const owner = await findUserByIdentity(db, tenantId, target, social.id);
        if (owner && owner.id !== user.id)
          throw new ApiError('user.identity_already_in_use', { status: 422 });
        await updateUser(db, tenantId, user.id, {
          identities: { ...user.identities, [target]: { userId: social.id, details: social } },
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/social/identity/:connectorId',
      summary: 'Unlink a social account from me',
      params: z.object({ connectorId: z.string().min(1) }),
      status: [204, 401, 403, 404, 422],
      handler: async ({ params }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const user = await me(ctx);
        const connector = await connectors.socialConnector(db, tenantId, params.connectorId);
        const target = connector.metadata.target;
        assertThat(user.identities[target], 'user.identity_not_exist', { status: 404 });
        const { [target]: _removed, ...identities } = user.identities;
        await updateUser(db, tenantId, user.id, { identities });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/verification-codes',
      summary: 'Send me a one-time code',
      body: z.object({ email: emailGuard }),
      status: [204, 400, 401, 403, 404, 429],
      handler: async ({ body }, ctx) => {
        await me(ctx);
        await sendVerificationCode(db, connectors, ctx.state.tenant.id, { target: body, type: 'Generic' });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/verification-codes/verify',
      summary: 'Check a one-time code sent to me',
      description:
        'With `action: changePassword`, a correct code also allows a password change for 10 minutes.',
      body: z.object({
        email: emailGuard,
        verificationCode: z.string().min(1).max(16),
        action: z.enum(['changeEmail', 'changePassword']),
      }),
      status: [204, 400, 401, 403, 404],
      handler: async ({ body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const user = await me(ctx);
        // A code proves the caller is the account's owner only when it went to the account's email.
        if (
          body.action === 'changePassword' &&
          body.email.toLowerCase() !== user.primaryEmail?.toLowerCase()
        ) {
          throw new ApiError('verification_code.email_mismatch', { status: 400 });
        }
        await verifyVerificationCode(db, tenantId, {
          target: { email: body.email },
          type: 'Generic',
          code: body.verificationCode,
        });
        if (body.action === 'changePassword') await insertVerificationStatus(db, tenantId, user.id);
      },
    }),
  );
};
