/**
 * Errors the provider would render as an HTML page (an authorization request it cannot redirect
 * back, e.g. an unknown client or redirect_uri) are answered in Logto's JSON error shape instead
 * (spec §2.1): `oidc.<error>` with the OAuth error and description in `data`. Token, revocation,
 * introspection and userinfo errors keep the standard OAuth JSON body.
 */
import type { Configuration } from 'oidc-provider';

const mapped = new Set([
  'invalid_scope',
  'invalid_target',
  'invalid_token',
  'invalid_client_metadata',
  'invalid_redirect_uri',
  'access_denied',
  'unsupported_grant_type',
  'unsupported_response_mode',
  'unsupported_response_type',
  'invalid_grant',
  'insufficient_scope',
  'invalid_request',
]);

export const renderOidcError: NonNullable<Configuration['renderError']> = async (ctx, out) => {
  const code = mapped.has(out.error) ? `oidc.${out.error}` : 'oidc.provider_error';
  ctx.type = 'application/json';
  ctx.body = {
    code,
    message: out.error_description ?? out.error,
    data: { error: out.error, error_description: out.error_description },
  };
};
