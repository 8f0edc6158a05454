/**
 * A built-in social connector for any OpenID Connect provider (standard: each instance names its
 * own `target`), with the config shape of Logto's OIDC connector. Authorization code flow with a
 * nonce and state kept in the connector session; the ID token is verified (signature against the
 * provider's JWKS, issuer, audience, expiry, nonce) before its subject is trusted.
 */
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';
import { ApiError } from '../errors/api-error.ts';
import { basicAuthorization } from './social-user-info.ts';
import type { SocialConnector } from './types.ts';

const configGuard = z.object({
  responseType: z.literal('code').default('code'),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scope: z
    .string()
    .refine((scope) => scope.split(' ').includes('openid'), { message: 'The scope must include openid.' })
    .default('openid profile email'),
  authorizationEndpoint: z.url({ protocol: /^https?$/ }),
  tokenEndpoint: z.url({ protocol: /^https?$/ }),
  idTokenVerificationConfig: z.object({
    jwksUri: z.url({ protocol: /^https?$/ }),
    issuer: z.string().min(1),
    algorithms: z.array(z.string()).optional(),
    clockTolerance: z.number().int().min(0).max(300).optional(),
  }),
  authRequestOptionalConfig: z.record(z.string(), z.string()).optional(),
});

const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
const jwksFor = (uri: string) => {
  let jwks = jwksCache.get(uri);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(uri));
    jwksCache.set(uri, jwks);
  }
  return jwks;
};

const invalidCode = (message: string) =>
  new ApiError('connector.social_auth_code_invalid', {
    status: 401,
    data: { message },
  });

export const oidcConnector: SocialConnector = {
  type: 'Social',
  metadata: {
    id: 'oidc',
    target: 'oidc',
    platform: 'Universal',
    name: { en: 'OpenID Connect' },
    logo: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
    logoDark: null,
    description: { en: 'Sign in with any OpenID Connect provider.' },
    readme: '',
    isStandard: true,
  },
  configGuard: configGuard as unknown as SocialConnector['configGuard'],

  async getAuthorizationUri({ state, redirectUri }, rawConfig, setSession) {
    const config = configGuard.parse(rawConfig);
    const nonce = randomBytes(16).toString('base64url');
    await setSession({ nonce, redirectUri, state });
    const url = new URL(config.authorizationEndpoint);
    const parameters = {
      ...config.authRequestOptionalConfig,
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: redirectUri,
      scope: config.scope,
      state,
      nonce,
    };
    for (const [key, value] of Object.entries(parameters)) url.searchParams.set(key, value);
    return url.href;
  },

  async getUserInfo(data, rawConfig, getSession) {
    const config = configGuard.parse(rawConfig);
    const session = await getSession();
    const code = typeof data.code === 'string' ? data.code : undefined;
    const nonce = typeof session?.nonce === 'string' ? session.nonce : undefined;
    const redirectUri = typeof session?.redirectUri === 'string' ? session.redirectUri : undefined;
    if (!session || !nonce || !redirectUri) {
      throw new ApiError('session.connector_validation_session_not_found', { status: 400 });
    }
    if (!code) throw invalidCode('The callback has no code.');
    // The callback must answer the request this interaction made (CSRF).
    if (data.state !== session.state) throw invalidCode('The callback state does not match.');
    const response = await fetch(config.tokenEndpoint, {
      method: 'POST',
      headers: {
        authorization: basicAuthorization(config.clientId, config.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    }).catch((error: Error) => {
      throw new ApiError('connector.general', {
        status: 400,
        interpolation: { errorDescription: ` ${error.message}` },
      });
    });
    const tokens = (await response.json().catch(() => ({}))) as { id_token?: string; error?: string };
    if (!response.ok || !tokens.id_token) throw invalidCode(tokens.error ?? `HTTP ${response.status}`);
    const { idTokenVerificationConfig: verification } = config;
    const { payload } = await jwtVerify(tokens.id_token, jwksFor(verification.jwksUri), {
      audience: config.clientId,
      issuer: verification.issuer,
      requiredClaims: ['exp', 'iat', 'iss', 'aud', 'sub'],
      ...(verification.algorithms ? { algorithms: verification.algorithms } : {}),
      clockTolerance: verification.clockTolerance ?? 0,
    }).catch((error: Error) => {
      throw new ApiError('connector.social_invalid_id_token', {
        status: 401,
        data: { message: error.message },
      });
    });
    const multipleAudiences = Array.isArray(payload.aud) && payload.aud.length > 1;
    if (
      payload.nonce !== nonce ||
      typeof payload.sub !== 'string' ||
      (multipleAudiences && payload.azp !== config.clientId)
    ) {
      throw new ApiError('connector.social_invalid_id_token', { status: 401 });
    }
    const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
    return {
      id: payload.sub,
      // An email or phone counts only when the provider says it verified it.
      ...(payload.email_verified === true && text(payload.email) ? { email: text(payload.email) } : {}),
      ...(payload.phone_number_verified === true && text(payload.phone_number)
        ? { phone: text(payload.phone_number) }
        : {}),
      ...(text(payload.name) ? { name: text(payload.name) } : {}),
      ...(text(payload.picture) ? { avatar: text(payload.picture) } : {}),
    };
  },
};
