/**
 * An application row as oidc-provider client metadata (spec §6.5). Looked up through the config
 * cache (libraries/config-cache.ts), so a change applies to the next request on every instance.
 */
import type { AdapterPayload } from 'oidc-provider';
import type { Application, ApplicationType } from '../schemas/application.ts';

const byType: Readonly<
  Record<
    ApplicationType,
    {
      application_type: 'web' | 'native';
      grant_types: string[];
      token_endpoint_auth_method: string;
      response_types?: string[];
    }
  >
> = {
  Native: {
    application_type: 'native',
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'none',
  },
  SPA: {
    application_type: 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'none',
  },
  Traditional: {
    application_type: 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_basic',
  },
  MachineToMachine: {
    application_type: 'web',
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_basic',
    response_types: [],
  },
};

export type ExtraUris = { redirectUris?: readonly string[]; postLogoutRedirectUris?: readonly string[] };

export const toClientMetadata = (app: Application, extra: ExtraUris = {}): AdapterPayload => {
  // The mapping's strings are the provider's own enum values (grant and response types).
  const { oidcClientMetadata: oidc, customClientMetadata: custom } = app;
  const mapping = byType[app.type];
  const confidential = mapping.token_endpoint_auth_method !== 'none';
  return {
    client_id: app.id,
    ...(confidential ? { client_secret: app.secret } : {}),
    client_name: app.name,
    ...mapping,
    redirect_uris: [...oidc.redirectUris, ...(extra.redirectUris ?? [])],
    post_logout_redirect_uris: [...oidc.postLogoutRedirectUris, ...(extra.postLogoutRedirectUris ?? [])],
    ...(oidc.logoUri ? { logo_uri: oidc.logoUri } : {}),
    ...(custom.corsAllowedOrigins ? { corsAllowedOrigins: custom.corsAllowedOrigins } : {}),
    ...(custom.idTokenTtl ? { idTokenTtl: custom.idTokenTtl } : {}),
    ...(custom.refreshTokenTtl ? { refreshTokenTtl: custom.refreshTokenTtl } : {}),
  } as AdapterPayload;
};
