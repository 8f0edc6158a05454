/**
 * The experience API (spec §8.3) the sign-in pages drive, one pending OIDC interaction at a time
 * (the `_interaction` cookie). The state machine is drawn in `src/interaction/README.md`.
 */
import { z } from 'zod';
import type { ConnectorHost } from '../../connectors/host.ts';
import { readSocialUserInfo } from '../../connectors/social-user-info.ts';
import type { Db, Queryable } from '../../db/driver.ts';
import { findApplicationById } from '../../db/queries/applications.ts';
import { findHooks, type HookEvent } from '../../db/queries/hooks.ts';
import { findSignInExperience } from '../../db/queries/sign-in-experiences.ts';
import { findUserById, findUserCredentials } from '../../db/queries/users.ts';
import { ApiError } from '../../errors/api-error.ts';
import { enqueueHookEvent } from '../../hooks/outbox.ts';
import type { HookWorker } from '../../hooks/worker.ts';
import { defineRoute } from '../../http/route.ts';
import type { Router } from '../../http/router.ts';
import type { AppContext } from '../../http/types.ts';
import { interactionLogOf } from '../../interaction/audit.ts';
import {
  assertEventAllowed,
  assertIdentifierEnabled,
  assertProfileEnabled,
} from '../../interaction/gating.ts';
import {
  identifierLogKey,
  loadStorage,
  mergeIdentifier,
  requireStorage,
  saveStorage,
} from '../../interaction/storage.ts';
import { type SubmitContext, submitInteraction } from '../../interaction/submit.ts';
import {
  eventGuard,
  type IdentifierPayload,
  type InteractionEvent,
  type InteractionStorage,
  identifierPayloadGuard,
  type ProfileInput,
  profileGuard,
  type StoredProfile,
} from '../../interaction/types.ts';
import { type VerificationContext, verifyIdentifier } from '../../interaction/verify-identifier.ts';
import { type ConfigCache, rowKey } from '../../libraries/config-cache.ts';
import { hashPassword, verifyPassword } from '../../libraries/passwords.ts';
import { sendVerificationCode, verifyVerificationCode } from '../../libraries/verification-codes.ts';
import { storeInteractionResult } from '../../oidc/interaction.ts';
import type { ProviderRegistry } from '../../oidc/registry.ts';
import { emailGuard, phoneGuard } from '../../schemas/user.ts';

export type ExperienceDeps = {
  db: Db;
  hooks: HookWorker;
  cache: ConfigCache;
  connectors: ConnectorHost;
  providers: ProviderRegistry;
  userDefaultRoleNames: readonly string[];
};

const redirectGuard = z.object({ redirectTo: z.string() });

export const registerExperienceRoutes = (router: Router, deps: ExperienceDeps) => {
  const { db, providers } = deps;
  // Read on every step of every sign-in; the cache drops it when it changes.
  const signInExperience = (tenantId: string) =>
    deps.cache.get(tenantId, 'sign-in-experience', () => findSignInExperience(db, tenantId));

  // Asked by every sign-in, registration and reset; the hooks themselves are read again in the
  // event's transaction when some listen (enqueueHookEvent).
  // `on` is the caller's transaction inside one (PGlite would wait forever for the outer handle).
  const hooksListen = (tenantId: string, event: HookEvent, on: Queryable = db) =>
    deps.cache.get(tenantId, `hooks:${event}`, async () => (await findHooks(on, tenantId, event)).length > 0);

  const verificationContext = (
    ctx: AppContext,
    event: InteractionEvent,
    interactionId: string,
    storage?: InteractionStorage,
  ): VerificationContext => ({
    db,
    tenantId: ctx.state.tenant.id,
    event,
    interactionId,
    address: ctx.ip,
    identifiers: storage?.identifiers ?? [],
    verifyCode: (target, code) =>
      verifyVerificationCode(db, ctx.state.tenant.id, {
        target,
        type: event,
        code,
        interactionJti: interactionId,
      }),
    verifySocial: async (connectorId, connectorData) => {
      const connector = await deps.connectors.socialConnector(db, ctx.state.tenant.id, connectorId);
      const raw = await connector.factory.getUserInfo(
        connectorData,
        connector.row.config,
        async () => storage?.connectorSession,
      );
      return { key: 'social', connectorId, userInfo: readSocialUserInfo(raw) };
    },
  });

  const checkIdentifier = async (ctx: AppContext, event: InteractionEvent, identifier: IdentifierPayload) => {
    if (event === 'ForgotPassword') return;
    assertIdentifierEnabled(await signInExperience(ctx.state.tenant.id), identifier);
  };

  /**
   * The profile as stored: its password hashed. Resetting a password to the one the account has
   * is refused here (`user.same_password`), while the plaintext is still at hand.
   */
  const storedProfile = async (
    ctx: AppContext,
    storage: Pick<InteractionStorage, 'event' | 'identifiers' | 'accountId'>,
    { password, ...rest }: ProfileInput,
  ): Promise<StoredProfile> => {
    if (password === undefined) return rest;
    if (storage.event === 'ForgotPassword') {
      const tenantId = ctx.state.tenant.id;
      const known = (storage.identifiers ?? []).find(
        (identifier) => identifier.key !== 'social' && identifier.value,
      );
      const credentials =
        storage.accountId !== undefined
          ? await findUserCredentials(db, tenantId, { kind: 'id', value: storage.accountId })
          : known?.key === 'emailVerified'
            ? await findUserCredentials(db, tenantId, { kind: 'email', value: known.value })
            : known?.key === 'phoneVerified'
              ? await findUserCredentials(db, tenantId, { kind: 'phone', value: known.value })
              : known?.key === 'accountId'
                ? await findUserCredentials(db, tenantId, { kind: 'id', value: known.value })
                : undefined;
      if (
        credentials?.passwordEncrypted &&
        (await verifyPassword(password, {
          encrypted: credentials.passwordEncrypted,
          method: credentials.passwordEncryptionMethod,
        }))
      ) {
        throw new ApiError('user.same_password', { status: 422 });
      }
    }
    return { ...rest, passwordEncrypted: await hashPassword(password) };
  };

  router.add(
    defineRoute({
      method: 'put',
      path: '/interaction',
      summary: 'Start (or restart) the sign-in, registration or password reset',
      description:
        'Replaces the interaction’s state with the event, the verified identifier and the profile. Checked against the sign-in experience unless the event is ForgotPassword.',
      body: z.object({
        event: eventGuard,
        identifier: identifierPayloadGuard.optional(),
        profile: profileGuard.optional(),
      }),
      status: [204, 400, 401, 403, 404, 422],
      handler: async ({ body: { event, identifier, profile } }, ctx) => {
        const provider = await providers.get(ctx.state.tenant.id);
        const { interaction } = await loadStorage(provider, ctx);
        if (event !== 'ForgotPassword') {
          const experience = await signInExperience(ctx.state.tenant.id);
          assertEventAllowed(experience, event);
          if (identifier) assertIdentifierEnabled(experience, identifier);
          if (profile) assertProfileEnabled(experience, profile);
        }
        const log = interactionLogOf(ctx);
        log.add(`Interaction.${event}.Update`, { event, profile });
        if (identifier) log.add(identifierLogKey(event, identifier), { identifier });
        const verified = identifier
          ? await verifyIdentifier(verificationContext(ctx, event, interaction.jti), identifier)
          : undefined;
        const identifiers = verified ? [verified] : undefined;
        const storage: InteractionStorage = {
          event,
          ...(identifiers ? { identifiers } : {}),
          ...(profile ? { profile: await storedProfile(ctx, { event, identifiers }, profile) } : {}),
        };
        await saveStorage(interaction, storage);
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/interaction',
      summary: 'Abort the sign-in',
      description: 'The client receives `error=oidc.aborted` at its redirect URI.',
      response: redirectGuard,
      status: [200, 400],
      handler: async (_input, ctx) => {
        const provider = await providers.get(ctx.state.tenant.id);
        const { interaction } = await loadStorage(provider, ctx);
        const redirectTo = await storeInteractionResult(
          interaction,
          { error: 'oidc.aborted', error_description: 'The end user aborted the interaction.' },
          { merge: false },
        );
        return { redirectTo };
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'put',
      path: '/interaction/event',
      summary: 'Switch between sign-in and registration',
      description:
        'Keeps the verified identifiers and the profile. Switching into or out of ForgotPassword is refused (`session.interaction_not_found`).',
      body: z.object({ event: eventGuard }),
      status: [204, 400, 403, 404],
      handler: async ({ body: { event } }, ctx) => {
        const provider = await providers.get(ctx.state.tenant.id);
        const { interaction, storage } = await requireStorage(provider, ctx);
        interactionLogOf(ctx).add(`Interaction.${event}.Update`, { event });
        if ((event === 'ForgotPassword') !== (storage.event === 'ForgotPassword')) {
          throw new ApiError('session.interaction_not_found', { status: 404 });
        }
        if (event !== 'ForgotPassword') {
          assertEventAllowed(await signInExperience(ctx.state.tenant.id), event);
        }
        await saveStorage(interaction, { ...storage, event });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/interaction/identifiers',
      summary: 'Verify one more identifier',
      description: 'Replaces an earlier verified identifier of the same kind.',
      body: identifierPayloadGuard,
      status: [204, 400, 401, 404, 422],
      handler: async ({ body: identifier }, ctx) => {
        const provider = await providers.get(ctx.state.tenant.id);
        const { interaction, storage } = await requireStorage(provider, ctx);
        interactionLogOf(ctx).add(identifierLogKey(storage.event, identifier), { identifier });
        await checkIdentifier(ctx, storage.event, identifier);
        const verified = await verifyIdentifier(
          verificationContext(ctx, storage.event, interaction.jti, storage),
          identifier,
        );
        // A connector session is read once (spec §7.1): gone after the social callback.
        const { connectorSession: _used, ...rest } = storage;
        await saveStorage(interaction, {
          ...('connectorData' in identifier ? rest : storage),
          identifiers: mergeIdentifier(storage.identifiers, verified),
        });
      },
    }),
  );

  const profileRoute = (method: 'put' | 'patch') =>
    defineRoute({
      method,
      path: '/interaction/profile',
      summary: method === 'put' ? 'Set the profile' : 'Add to the profile',
      description:
        method === 'put'
          ? 'Replaces the profile. A password is kept only as its hash.'
          : 'Merges these fields into the profile. A password is kept only as its hash.',
      body: profileGuard,
      status: [204, 400, 404, 422],
      handler: async ({ body }, ctx) => {
        const provider = await providers.get(ctx.state.tenant.id);
        const { interaction, storage } = await requireStorage(provider, ctx);
        interactionLogOf(ctx).add(
          `Interaction.${storage.event}.Profile.${method === 'put' ? 'Create' : 'Update'}`,
          {
            profile: body,
          },
        );
        if (storage.event !== 'ForgotPassword') {
          assertProfileEnabled(await signInExperience(ctx.state.tenant.id), body);
        }
        const given = await storedProfile(ctx, storage, body);
        const profile = method === 'put' ? given : { ...storage.profile, ...given };
        await saveStorage(interaction, { ...storage, profile });
      },
    });
  router.add(profileRoute('put'));
  router.add(profileRoute('patch'));

  router.add(
    defineRoute({
      method: 'delete',
      path: '/interaction/profile',
      summary: 'Clear the profile',
      status: [204, 400, 404],
      handler: async (_input, ctx) => {
        const provider = await providers.get(ctx.state.tenant.id);
        const { interaction, storage } = await requireStorage(provider, ctx);
        interactionLogOf(ctx).add(`Interaction.${storage.event}.Profile.Delete`);
        const { profile: _dropped, ...rest } = storage;
        await saveStorage(interaction, rest);
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/interaction/verification/verification-code',
      summary: 'Send a one-time code for this interaction',
      description:
        'Sends a six-digit code through the tenant’s email or SMS connector, for the interaction’s event. A new code replaces an unused one.',
      body: z.union([z.object({ email: emailGuard }), z.object({ phone: phoneGuard })]),
      status: [204, 400, 404],
      handler: async ({ body }, ctx) => {
        const provider = await providers.get(ctx.state.tenant.id);
        const { interaction, storage } = await requireStorage(provider, ctx);
        interactionLogOf(ctx).add(`Interaction.${storage.event}.Identifier.VerificationCode.Create`, {
          ...body,
        });
        await sendVerificationCode(db, deps.connectors, ctx.state.tenant.id, {
          target: body,
          type: storage.event,
          interactionJti: interaction.jti,
        });
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/interaction/verification/social-authorization-uri',
      summary: 'Where to send the browser to sign in with a social connector',
      description: 'The connector may keep a session (nonce, state) in the interaction until the callback.',
      body: z.object({
        connectorId: z.string().min(1),
        state: z.string().min(1),
        redirectUri: z.url({ protocol: /^https?$/ }),
      }),
      response: redirectGuard,
      status: [200, 400, 404, 422],
      handler: async ({ body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const provider = await providers.get(tenantId);
        const { interaction, storage } = await requireStorage(provider, ctx);
        interactionLogOf(ctx).add(`Interaction.${storage.event}.Identifier.Social.Create`, {
          connectorId: body.connectorId,
        });
        const connector = await deps.connectors.find(db, tenantId, body.connectorId);
        if (!connector) {
          throw new ApiError('session.invalid_connector_id', {
            status: 422,
            interpolation: { connectorId: body.connectorId },
          });
        }
        if (connector.factory.type !== 'Social')
          throw new ApiError('connector.unexpected_type', { status: 400 });
        let connectorSession: Record<string, unknown> | undefined;
        const redirectTo = await connector.factory.getAuthorizationUri(
          {
            state: body.state,
            redirectUri: body.redirectUri,
            connectorId: body.connectorId,
            jti: interaction.jti,
          },
          connector.row.config,
          async (session) => {
            connectorSession = session;
          },
        );
        if (connectorSession) await saveStorage(interaction, { ...storage, connectorSession });
        return { redirectTo };
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/interaction/submit',
      summary: 'Finish the sign-in, registration or password reset',
      description:
        'Sign-in and registration answer where the browser continues; a password reset answers 204 and the interaction can be used again.',
      response: redirectGuard,
      status: [200, 204, 400, 401, 404, 422],
      handler: async (_input, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const provider = await providers.get(tenantId);
        const { interaction, storage } = await requireStorage(provider, ctx);
        let queuedDeliveries = 0;
        const context: SubmitContext = {
          db,
          tenantId,
          clientId: String(interaction.params.client_id),
          userDefaultRoleNames: deps.userDefaultRoleNames,
          signInExperience: () => signInExperience(tenantId),
          hooksListen: (event) => hooksListen(tenantId, event),
          onEvent: async (tx, event, userId) => {
            if (!(await hooksListen(tenantId, event, tx))) return;
            queuedDeliveries += await enqueueHookEvent(tx, tenantId, event, async () => {
              const [user, application] = await Promise.all([
                findUserById(tx, tenantId, userId),
                findApplicationById(tx, tenantId, String(interaction.params.client_id)),
              ]);
              return {
                interactionEvent: storage.event,
                sessionId: interaction.jti,
                userAgent: ctx.get('user-agent') || undefined,
                userId,
                user: user ?? {},
                ...(application
                  ? {
                      application: {
                        id: application.id,
                        type: application.type,
                        name: application.name,
                        description: application.description,
                      },
                    }
                  : {}),
              };
            });
          },
          socialConnector: async (connectorId) => {
            const connector = await deps.connectors.find(db, tenantId, connectorId);
            return connector?.factory.type === 'Social'
              ? { target: connector.metadata.target, syncProfile: connector.row.syncProfile }
              : undefined;
          },
          save: (next) => saveStorage(interaction, next),
        };
        const log = interactionLogOf(ctx);
        log.add(`Interaction.${storage.event}.Submit`);
        const outcome = await submitInteraction(context, storage);
        // The provider's next step reads the account: not what this instance cached before.
        if (outcome.accountChanged) deps.cache.forget(tenantId, rowKey('users', outcome.accountId));
        // Only a queued delivery is worth waking the sender for (it polls for the rest).
        if (queuedDeliveries > 0) deps.hooks.wake();
        // Registering the admin tenant's first user closes its registration: seen at once here.
        if (storage.event === 'Register') deps.cache.invalidate(tenantId);
        log.set({ userId: outcome.accountId });
        if (outcome.kind === 'passwordReset') {
          await saveStorage(interaction, {});
          ctx.status = 204;
          return undefined;
        }
        const redirectTo = await storeInteractionResult(
          interaction,
          { login: { accountId: outcome.accountId } },
          { merge: false },
        );
        return { redirectTo };
      },
    }),
  );
};
