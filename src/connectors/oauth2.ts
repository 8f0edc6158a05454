/**
 * A built-in social connector for any OAuth 2.0 provider with a user-info endpoint (standard: each
 * instance names its `target`), with the config shape of Logto's OAuth 2 connector: the code is
 * exchanged for an access token, the user-info response is read through `profileMap` (which
 * field holds the id, email, phone, name and picture).
 */
import { z } from 'zod';
import { ApiError } from '../errors/api-error.ts';
import { basicAuthorization } from './social-user-info.ts';
import type { SocialConnector } from './types.ts';

const configGuard = z.object({
  responseType: z.literal('code').default('code'),
  grantType: z.literal('authorization_code').default('authorization_code'),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scope: z.string().optional(),
  authorizationEndpoint: z.url({ protocol: /^https?$/ }),
  tokenEndpoint: z.url({ protocol: /^https?$/ }),
  userInfoEndpoint: z.url({ protocol: /^https?$/ }),
  tokenEndpointAuthMethod: z
    .enum(['client_secret_basic', 'client_secret_post'])
    .default('client_secret_basic'),
  profileMap: z
    .object({
      id: z.string().default('id'),
      email: z.string().optional(),
      /** The user-info field that says the email is verified: without it no email is trusted. */
      emailVerified: z.string().optional(),
      phone: z.string().optional(),
      name: z.string().optional(),
      avatar: z.string().optional(),
    })
    .default({ id: 'id' }),
  customConfig: z.record(z.string(), z.string()).optional(),
});

const failed = (
  code: 'connector.social_auth_code_invalid' | 'connector.social_invalid_access_token',
  message: string,
) => new ApiError(code, { status: 401, data: { message } });

export const oauth2Connector: SocialConnector = {
  type: 'Social',
  metadata: {
    id: 'oauth2',
    target: 'oauth2',
    platform: 'Universal',
    name: { en: 'OAuth 2.0' },
    logo: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
    logoDark: null,
    description: { en: 'Sign in with any OAuth 2.0 provider that has a user-info endpoint.' },
    readme: '',
    isStandard: true,
  },
  configGuard: configGuard as unknown as SocialConnector['configGuard'],

  async getAuthorizationUri({ state, redirectUri }, rawConfig, setSession) {
    const config = configGuard.parse(rawConfig);
    await setSession({ redirectUri, state });
    const url = new URL(config.authorizationEndpoint);
    const parameters = {
      ...config.customConfig,
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: redirectUri,
      state,
      ...(config.scope ? { scope: config.scope } : {}),
    };
    for (const [key, value] of Object.entries(parameters)) url.searchParams.set(key, value);
    return url.href;
  },

  async getUserInfo(data, rawConfig, getSession) {
    const config = configGuard.parse(rawConfig);
    const session = await getSession();
    const redirectUri = typeof session?.redirectUri === 'string' ? session.redirectUri : undefined;
    if (!session || !redirectUri)
      throw new ApiError('session.connector_validation_session_not_found', { status: 400 });
    const code = typeof data.code === 'string' ? data.code : undefined;
    if (!code) throw failed('connector.social_auth_code_invalid', 'The callback has no code.');
    if (data.state !== session.state)
      throw failed('connector.social_auth_code_invalid', 'The callback state does not match.');

    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (config.tokenEndpointAuthMethod === 'client_secret_basic') {
      headers.authorization = basicAuthorization(config.clientId, config.clientSecret);
    } else {
      form.set('client_id', config.clientId);
      form.set('client_secret', config.clientSecret);
    }
    const call = (url: string, init: RequestInit) =>
      fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(10_000) }).catch(
        (error: Error) => {
          throw new ApiError('connector.general', {
            status: 400,
            interpolation: { errorDescription: ` ${error.message}` },
          });
        },
      );
    const tokenResponse = await call(config.tokenEndpoint, { method: 'POST', headers, body: form });
    const tokens = (await tokenResponse.json().catch(() => ({}))) as {
      access_token?: string;
      error?: string;
    };
    if (!tokenResponse.ok || !tokens.access_token) {
      throw failed('connector.social_auth_code_invalid', tokens.error ?? `HTTP ${tokenResponse.status}`);
    }
    const infoResponse = await call(config.userInfoEndpoint, {
      headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' },
    });
    const info = (await infoResponse.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!infoResponse.ok || !info)
      throw failed('connector.social_invalid_access_token', `HTTP ${infoResponse.status}`);
    const read = (field: string | undefined) => {
      const value = field === undefined ? undefined : info[field];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    };
    const id = read(config.profileMap.id);
    if (!id) throw new ApiError('connector.invalid_response', { status: 400 });
    // A social email can link to an existing account: only a verified one counts.
    const emailVerified =
      config.profileMap.emailVerified !== undefined && info[config.profileMap.emailVerified] === true;
    const profile = {
      email: emailVerified ? read(config.profileMap.email) : undefined,
      phone: read(config.profileMap.phone),
      name: read(config.profileMap.name),
      avatar: read(config.profileMap.avatar),
    };
    return { id, ...Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined)) };
  },
};
