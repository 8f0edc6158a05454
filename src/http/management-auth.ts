/**
 * The management-API guard (spec §3.1): a Bearer JWT access token (RFC 9068) signed by this
 * tenant's keys — or, for a user tenant, by the admin tenant's, which is how the admin console
 * calls it — with issuer ∈ {own issuer, admin issuer}, audience `https://<tenant>.logto.app/api`
 * and scope `all`.
 */
import { createLocalJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import { ApiError, assertThat } from '../errors/api-error.ts';
import type { PublicKeyStore } from '../libraries/public-keys.ts';
import {
  adminTenantId,
  managementApiIndicator,
  meApiIndicator,
  type Tenancy,
  type Tenant,
} from '../tenancy/tenant.ts';
import type { AppMiddleware } from './types.ts';

export const developmentUserIdHeader = 'development-user-id';

const algorithms = ['ES256', 'ES384', 'ES512', 'RS256', 'PS256'];

export type TokenCheck = {
  tenancy: Tenancy;
  keys: PublicKeyStore;
  audience: (tenant: Tenant) => string;
  requiredScope: string;
};

const verify = async (
  token: string,
  tenant: Tenant,
  check: TokenCheck,
  reload: boolean,
): Promise<JWTPayload> => {
  const { admin } = check.tenancy;
  const all = [
    ...(await check.keys.get(tenant.id, { reload })),
    ...(tenant.id === adminTenantId ? [] : await check.keys.get(admin.id, { reload })),
  ];
  // The same key may be configured for two tenants; a key set must not hold one kid twice.
  const keys = all.filter((key, index) => all.findIndex((other) => other.kid === key.kid) === index);
  const { payload } = await jwtVerify(token, createLocalJWKSet({ keys }), {
    issuer: [...new Set([tenant.issuer, admin.issuer])],
    audience: check.audience(tenant),
    algorithms,
    // RFC 9068 §4: an access token must say it is one, so an ID token can never pass as one.
    typ: 'at+jwt',
    // RFC 9068 §2.2: exp and iat are required; a token that never expires is not accepted.
    requiredClaims: ['exp', 'iat'],
  });
  return payload;
};

/** Verifies a bearer token for `tenant`; throws the spec's `auth.*` errors. */
export const verifyBearerToken = async (
  authorization: string | undefined,
  tenant: Tenant,
  check: TokenCheck,
): Promise<{ sub: string; clientId?: string; scopes: string[] }> => {
  assertThat(authorization, 'auth.authorization_header_missing', { status: 401 });
  const [type, token] = authorization.split(' ');
  assertThat(type?.toLowerCase() === 'bearer' && token, 'auth.authorization_token_type_not_supported', {
    status: 401,
    data: { supportedTypes: ['Bearer'] },
  });
  let payload: JWTPayload;
  // Only token faults are a 401; a database error while loading keys stays a server error.
  const unauthorized = (error: unknown): never => {
    if (error instanceof joseErrors.JOSEError) throw new ApiError('auth.unauthorized', { status: 401 });
    throw error;
  };
  try {
    payload = await verify(token, tenant, check, false);
  } catch (error) {
    if (!(error instanceof joseErrors.JWKSNoMatchingKey)) unauthorized(error);
    payload = await verify(token, tenant, check, true).catch(unauthorized);
  }
  assertThat(typeof payload.sub === 'string' && payload.sub, 'auth.jwt_sub_missing', { status: 401 });
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  assertThat(scopes.includes(check.requiredScope), 'auth.forbidden', { status: 403 });
  const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
  return { sub: payload.sub, clientId, scopes };
};

type GuardOptions = {
  integrationTest: boolean;
  audience: TokenCheck['audience'];
  /** `/me` is about a person: an application's token is refused there (403). */
  usersOnly?: boolean;
};

/**
 * A bearer-token guard with scope `all` for an audience. Logto's test bypass (the
 * `development-user-id` header) works only when the server was started with INTEGRATION_TEST=true:
 * otherwise the header is ignored like any other, and a real token is required.
 */
const bearerGuard =
  (check: Omit<TokenCheck, 'audience' | 'requiredScope'>, options: GuardOptions): AppMiddleware =>
  async (ctx, next) => {
    const developmentUserId = ctx.get(developmentUserIdHeader);
    if (options.integrationTest && developmentUserId) {
      ctx.state.auth = { type: 'user', id: developmentUserId, scopes: ['all'] };
      return next();
    }
    const { sub, clientId, scopes } = await verifyBearerToken(
      ctx.get('authorization') || undefined,
      ctx.state.tenant,
      { ...check, audience: options.audience, requiredScope: 'all' },
    );
    const type = sub === clientId ? 'app' : 'user';
    assertThat(!options.usersOnly || type === 'user', 'auth.forbidden', { status: 403 });
    ctx.state.auth = { type, id: sub, scopes };
    return next();
  };

/** The management-API guard (spec §3.1): audience `https://<tenant>.logto.app/api`. */
export const managementAuth = (
  check: Omit<TokenCheck, 'audience' | 'requiredScope'>,
  { integrationTest }: { integrationTest: boolean },
) => bearerGuard(check, { integrationTest, audience: (tenant) => managementApiIndicator(tenant.id) });

/** The `/me` guard (spec §3.4): a user's token for the Me API. */
export const meAuth = (
  check: Omit<TokenCheck, 'audience' | 'requiredScope'>,
  { integrationTest }: { integrationTest: boolean },
) => bearerGuard(check, { integrationTest, audience: () => meApiIndicator, usersOnly: true });
