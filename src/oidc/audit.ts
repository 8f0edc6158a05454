/**
 * Provider events → audit log entries (spec §6.2, §12.1): every token exchange, success or error,
 * as `ExchangeTokenBy.<grant>`; grant revocations as `RevokeToken`; interactions as
 * `Interaction.Create` / `Interaction.End`. Only non-secret request parameters are recorded
 * (never a code, verifier, refresh token or client secret).
 */
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AuditLog } from '../libraries/audit-log.ts';

const grantKeys: Readonly<Record<string, string>> = {
  authorization_code: 'AuthorizationCode',
  refresh_token: 'RefreshToken',
  client_credentials: 'ClientCredentials',
};

const loggedParams = [
  'grant_type',
  'client_id',
  'redirect_uri',
  'resource',
  'scope',
  'prompt',
  'response_type',
];

const safeParams = (ctx: KoaContextWithOIDC) => {
  const params = (ctx.oidc?.params ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    loggedParams.filter((name) => params[name] !== undefined).map((name) => [name, params[name]]),
  );
};

const requestFields = (ctx: KoaContextWithOIDC) => ({
  ip: ctx.ip,
  userAgent: ctx.get('user-agent') || undefined,
  applicationId: ctx.oidc?.client?.clientId,
  // The session's uid, not its id: the id is the `_session` cookie's value.
  sessionId: ctx.oidc?.session?.uid,
});

const tokenTypes = (body: unknown) => {
  const tokens = (body ?? {}) as Record<string, unknown>;
  return [
    tokens.access_token ? 'AccessToken' : undefined,
    tokens.refresh_token ? 'RefreshToken' : undefined,
    tokens.id_token ? 'IdToken' : undefined,
  ].filter(Boolean);
};

const accountOf = (ctx: KoaContextWithOIDC) =>
  ctx.oidc?.session?.accountId ??
  ctx.oidc?.entities?.Account?.accountId ??
  (ctx.oidc?.entities?.Grant as { accountId?: string } | undefined)?.accountId;

export const attachAuditListeners = (provider: Provider, tenantId: string, audit: AuditLog) => {
  const exchangeKey = (ctx: KoaContextWithOIDC) =>
    `ExchangeTokenBy.${grantKeys[String(ctx.oidc?.params?.grant_type)] ?? 'Unknown'}`;

  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const body = ctx.body as { scope?: string } | undefined;
    audit.write({
      tenantId,
      key: exchangeKey(ctx),
      payload: {
        ...requestFields(ctx),
        result: 'Success',
        userId: accountOf(ctx),
        params: safeParams(ctx),
        tokenTypes: tokenTypes(body),
        scope: body?.scope,
      },
    });
  });

  provider.on('grant.error', (ctx: KoaContextWithOIDC, error: Error & { error?: string }) => {
    audit.write({
      tenantId,
      key: exchangeKey(ctx),
      payload: {
        ...requestFields(ctx),
        result: 'Error',
        userId: accountOf(ctx),
        params: safeParams(ctx),
        error: { message: error.message, code: error.error },
      },
    });
  });

  provider.on('grant.revoked', (ctx: KoaContextWithOIDC, grantId: string) => {
    audit.write({
      tenantId,
      key: 'RevokeToken',
      payload: { ...requestFields(ctx), result: 'Success', userId: accountOf(ctx), grantId },
    });
  });

  provider.on('interaction.started', (ctx: KoaContextWithOIDC, prompt: { name: string }) => {
    audit.write({
      tenantId,
      key: 'Interaction.Create',
      payload: {
        ...requestFields(ctx),
        result: 'Success',
        interactionId: ctx.oidc?.entities?.Interaction?.jti,
        params: safeParams(ctx),
        prompt: prompt.name,
      },
    });
  });

  provider.on('interaction.ended', (ctx: KoaContextWithOIDC) => {
    audit.write({
      tenantId,
      key: 'Interaction.End',
      payload: {
        ...requestFields(ctx),
        result: 'Success',
        userId: accountOf(ctx),
        interactionId: ctx.oidc?.entities?.Interaction?.jti,
      },
    });
  });
};
