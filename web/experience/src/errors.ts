/**
 * Every error the experience API can answer, as the pages show it: most become a message in the
 * page's language (below), a few move the flow on (`flowErrors`, handled in flow.ts). Anything
 * unexpected shows the server's own message, else a general one — never a blank page.
 */
import { ApiRequestError } from './api.ts';

/** API code → phrase key. test/web/error-coverage.test.ts checks every code the API throws is here. */
export const errorPhrases: Record<string, string> = {
  'auth.forbidden': 'error.not_allowed',
  'connector.not_found': 'error.invalid_connector_request',
  'connector.unexpected_type': 'error.invalid_connector_request',
  'connector.invalid_response': 'error.invalid_connector_auth',
  'connector.general': 'error.invalid_connector_request',
  'connector.social_auth_code_invalid': 'error.invalid_connector_auth',
  'connector.social_invalid_access_token': 'error.invalid_connector_auth',
  'connector.social_invalid_id_token': 'error.invalid_connector_auth',
  'connector.template_not_found': 'error.invalid_connector_request',
  'guard.invalid_input': 'error.invalid_input',
  'request.network': 'error.network',
  'session.connector_session_not_found': 'error.flow_out_of_order',
  'session.connector_validation_session_not_found': 'error.flow_out_of_order',
  'session.identifier_not_found': 'error.flow_out_of_order',
  'session.interaction_not_found': 'error.flow_out_of_order',
  'session.invalid_connector_id': 'error.invalid_connector_request',
  'session.invalid_credentials': 'error.invalid_credentials',
  'session.not_found': 'error.invalid_session',
  'session.verification_blocked_too_many_attempts': 'error.too_many_attempts',
  'session.verification_failed': 'error.flow_out_of_order',
  'session.verification_session_not_found': 'error.flow_out_of_order',
  'user.email_already_in_use': 'error.email_in_use',
  'user.email_exists_in_profile': 'error.exists_in_profile',
  'user.identity_already_in_use': 'error.identity_in_use',
  'user.new_password_required_in_profile': 'error.password_required',
  'user.password_exists_in_profile': 'error.exists_in_profile',
  'user.phone_already_in_use': 'error.phone_in_use',
  'user.phone_exists_in_profile': 'error.exists_in_profile',
  'user.same_password': 'error.same_password',
  'user.sign_in_method_not_enabled': 'error.method_not_enabled',
  'user.suspended': 'error.account_suspended',
  'user.username_already_in_use': 'error.username_exists',
  'user.username_exists_in_profile': 'error.exists_in_profile',
  'user.user_not_exist': 'error.account_not_found',
  'verification_code.code_mismatch': 'error.invalid_passcode',
  'verification_code.email_mismatch': 'error.invalid_passcode',
  'verification_code.exceed_max_try': 'error.passcode_too_many_tries',
  'verification_code.expired': 'error.passcode_expired',
  'verification_code.not_found': 'error.invalid_passcode',
  'verification_code.phone_email_empty': 'error.invalid_input',
  'verification_code.phone_mismatch': 'error.invalid_passcode',
};

/**
 * Codes that move the flow to another page rather than showing a message (flow.ts). Where they
 * cannot (no profile to ask for, no connector), they show `fallbackPhrases`.
 */
export const flowErrors = new Set(['user.missing_profile', 'user.identity_not_exist']);
const fallbackPhrases: Record<string, string> = {
  'user.missing_profile': 'error.flow_out_of_order',
  'user.identity_not_exist': 'error.invalid_connector_auth',
};

/** The phrase for a code: its own, its flow fallback, or any connector's general one. */
export const phraseFor = (code: string): string | undefined =>
  errorPhrases[code] ??
  fallbackPhrases[code] ??
  (code.startsWith('connector.') ? 'error.invalid_connector_request' : undefined);

export const errorMessage = (error: unknown, t: (key: string) => string): string => {
  if (!(error instanceof ApiRequestError)) return t('error.unknown');
  const key = phraseFor(error.code);
  if (key) return t(key);
  return error.message || t('error.unknown');
};
