/**
 * The OpenID Connect provider of one tenant (oidc-provider 9, spec §6): issuer
 * `${endpoint}/oidc`, storage on `oidc_model_instances`, keys from `logto_configs`, clients from
 * `applications`. Everything Latch configures about OIDC is in this file and its neighbours;
 * token, PKCE, grant and cookie logic stays the provider's own.
 */
import { createPrivateKey } from 'node:crypto';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Queryable } from '../db/driver.ts';
import { findApplicationById } from '../db/queries/applications.ts';
import type { AuditLog } from '../libraries/audit-log.ts';
import type { ConfigCache } from '../libraries/config-cache.ts';
import type { Tenant } from '../tenancy/tenant.ts';
import { createAdapterClass } from './adapter.ts';
import { attachAuditListeners } from './audit.ts';
import { createFindAccount, scopeClaims } from './claims.ts';
import { type ExtraUris, toClientMetadata } from './client-metadata.ts';
import { createCookieSigner } from './cookie-signer.ts';
import { readKeys } from './key-store.ts';
import { toPublicJwk } from './keys.ts';
import { logoutSource, postLogoutSuccessSource } from './logout-pages.ts';
import { renderOidcError } from './render-error.ts';
import { createGetResourceServerInfo } from './resource-server.ts';
import { demoAppId } from './virtual-clients.ts';

const day = 86_400;
const signingAlgs = ['ES256', 'ES384', 'ES512', 'RS256', 'PS256'];

export type ProviderDeps = {
  db: Queryable;
  tenant: Tenant;
  cache: ConfigCache;
  audit: AuditLog;
  /** Redirect URIs added to built-in clients at lookup (the demo app, the admin console). */
  virtualClients: (
    clientId: string,
  ) => { app?: Parameters<typeof toClientMetadata>[0]; extra?: ExtraUris } | undefined;
  trustProxy: boolean;
};

const loadKeys = async (db: Queryable, tenantId: string) => {
  const privateKeys = await readKeys(db, tenantId, 'private-keys');
  const cookieKeys = await readKeys(db, tenantId, 'cookie-keys');
  if (!privateKeys.length || !cookieKeys.length) {
    throw new Error(`Tenant ${tenantId} has no OIDC keys in logto_configs; run \`npm run cli -- db seed\`.`);
  }
  const jwks = privateKeys.map(({ value }) => {
    const { kid, alg } = toPublicJwk(value);
    return { ...createPrivateKey(value).export({ format: 'jwk' }), kid, alg, use: 'sig' };
  });
  return { jwks, cookieKeys: cookieKeys.map(({ value }) => value), signingAlg: jwks[0]!.alg };
};

const interactionUrl = (
  _ctx: KoaContextWithOIDC,
  interaction: { prompt: { name: string }; params: Record<string, unknown> },
) => {
  if (interaction.prompt.name === 'consent') return '/sign-in/consent';
  const page = interaction.params.interaction_mode === 'signUp' ? '/register' : '/sign-in';
  // The demo app's visitors are told to create an account first (spec §1.4).
  return interaction.params.client_id === demoAppId
    ? `${page}?notification=demo_app.notification&no_cache`
    : page;
};

/** Origins a browser may call the provider from: its own, and the client's declared ones (spec §6.7). */
const clientBasedCORS = (
  ctx: KoaContextWithOIDC,
  origin: string,
  client: { redirectUris?: string[]; [key: string]: unknown },
) => {
  // The request's own origin (Koa 3's `ctx.origin` would be the Origin header itself).
  if (origin === `${ctx.protocol}://${ctx.host}`) return true;
  const allowed = (client.corsAllowedOrigins as string[] | undefined) ?? [];
  if (allowed.includes(origin)) return true;
  return (client.redirectUris ?? []).some((uri) => {
    try {
      return new URL(uri).origin === origin;
    } catch {
      return false;
    }
  });
};

export const createProvider = async ({
  db,
  tenant,
  cache,
  audit,
  virtualClients,
  trustProxy,
}: ProviderDeps): Promise<Provider> => {
  const { jwks, cookieKeys, signingAlg } = await loadKeys(db, tenant.id);

  const loadClient = async (clientId: string) => {
    const virtual = virtualClients(clientId);
    const app =
      virtual?.app ??
      (await cache.get(tenant.id, `client:${clientId}`, () => findApplicationById(db, tenant.id, clientId)));
    return app ? toClientMetadata(app, virtual?.extra) : undefined;
  };

  const configuration: Configuration = {
    adapter: createAdapterClass(db, tenant.id, loadClient),
    jwks: { keys: jwks as never },
    cookies: {
      // oidc-provider hands a non-array `keys` to Koa's cookies as the signer itself.
      keys: createCookieSigner(cookieKeys) as never,
      long: { signed: true, sameSite: 'lax', path: '/' },
      short: { signed: true, sameSite: 'lax', path: '/' },
    },
    findAccount: createFindAccount(db, tenant.id, cache),
    claims: Object.fromEntries(Object.entries(scopeClaims).map(([scope, claims]) => [scope, [...claims]])),
    conformIdTokenClaims: false,
    extraParams: ['interaction_mode'],
    extraClientMetadata: { properties: ['corsAllowedOrigins', 'idTokenTtl', 'refreshTokenTtl'] },
    clientDefaults: {
      grant_types: ['authorization_code'],
      id_token_signed_response_alg: signingAlg as 'ES384',
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    clientBasedCORS: clientBasedCORS as Configuration['clientBasedCORS'],
    enabledJWA: {
      idTokenSigningAlgValues: signingAlgs,
      userinfoSigningAlgValues: signingAlgs,
      introspectionSigningAlgValues: signingAlgs,
      authorizationSigningAlgValues: signingAlgs,
    } as Configuration['enabledJWA'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // For resource servers and confidential apps: a public client cannot authenticate, so it
        // could probe any token it finds (oidc-provider's default lets it see its own).
        allowedPolicy: (_ctx, client) => client.clientAuthMethod !== 'none',
      },
      revocation: {
        enabled: true,
        // RFC 7009 §2.1: a client may revoke only the tokens issued to it.
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        // No implicit resource: without `resource` the access token is opaque (userinfo only).
        defaultResource: async () => undefined as unknown as string,
        // Must be false, or a code exchange without `resource` yields a resource-bound JWT and
        // userinfo answers 401 — which breaks the Logto SDKs' fetchUserInfo().
        useGrantedResource: async () => false,
        getResourceServerInfo: createGetResourceServerInfo({ db, tenantId: tenant.id, cache, signingAlg }),
      },
    },
    interactions: { url: interactionUrl as never },
    // Rotate on every use: a stolen refresh token is detected at its first reuse (the grant is revoked).
    rotateRefreshToken: true,
    // Authorization code only: no implicit or hybrid flows (OAuth 2.0 Security BCP, RFC 9700 §2.1.2).
    responseTypes: ['code'],
    routes: { userinfo: '/me' },
    renderError: renderOidcError,
    ttl: {
      AccessToken: (_ctx, token) => (token.resourceServer?.accessTokenTTL as number | undefined) ?? 3600,
      ClientCredentials: (_ctx, token) => (token.resourceServer?.accessTokenTTL as number | undefined) ?? 600,
      AuthorizationCode: 60,
      IdToken: (_ctx, _token, client) => (client.idTokenTtl as number | undefined) ?? 3600,
      RefreshToken: (_ctx, _token, client) => (client.refreshTokenTtl as number | undefined) ?? 14 * day,
      Interaction: 3600,
      Session: 14 * day,
      Grant: 14 * day,
    },
  };

  const provider = new Provider(tenant.issuer, configuration);
  provider.proxy = trustProxy;
  attachAuditListeners(provider, tenant.id, audit);
  return provider;
};
