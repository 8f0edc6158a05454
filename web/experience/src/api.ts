/** The experience API (`/api/interaction`, spec §8) and the two `.well-known` reads. */

export class ApiRequestError extends Error {
  readonly code: string;
  readonly status: number;
  readonly data: unknown;

  constructor(code: string, message: string, status: number, data: unknown) {
    super(message);
    this.code = code;
    this.status = status;
    this.data = data;
  }
}

let language = 'en';

/** API error messages come back in the page's language where the server has it. */
export const setApiLanguage = (tag: string) => {
  language = tag;
};

export const request = async <T = undefined>(method: string, path: string, body?: unknown): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        'accept-language': language,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiRequestError('request.network', '', 0, undefined);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
    throw new ApiRequestError(
      typeof error.code === 'string' ? error.code : 'request.unknown',
      typeof error.message === 'string' ? error.message : '',
      response.status,
      error.data,
    );
  }
  return json as T;
};

export type InteractionEvent = 'SignIn' | 'Register' | 'ForgotPassword';
export type IdentifierPayload =
  | { username: string; password: string }
  | { email: string; password: string }
  | { phone: string; password: string }
  | { email: string; verificationCode: string }
  | { phone: string; verificationCode: string }
  | { connectorId: string; connectorData: Record<string, string> }
  | { connectorId: string; email: string }
  | { connectorId: string; phone: string };
export type Profile = Partial<Record<'username' | 'email' | 'phone' | 'password' | 'connectorId', string>>;
type Redirect = { redirectTo: string };

export const api = {
  start: (event: InteractionEvent, identifier?: IdentifierPayload, profile?: Profile) =>
    request('PUT', '/interaction', { event, identifier, profile }),
  setEvent: (event: InteractionEvent) => request('PUT', '/interaction/event', { event }),
  identify: (identifier: IdentifierPayload) => request('PATCH', '/interaction/identifiers', identifier),
  replaceProfile: (profile: Profile) => request('PUT', '/interaction/profile', profile),
  updateProfile: (profile: Profile) => request('PATCH', '/interaction/profile', profile),
  sendCode: (target: { email: string } | { phone: string }) =>
    request('POST', '/interaction/verification/verification-code', target),
  socialUri: (connectorId: string, state: string, redirectUri: string) =>
    request<Redirect>('POST', '/interaction/verification/social-authorization-uri', {
      connectorId,
      state,
      redirectUri,
    }),
  submit: () => request<Redirect | undefined>('POST', '/interaction/submit'),
  consent: () => request<Redirect>('POST', '/interaction/consent'),
  abort: () => request<Redirect>('DELETE', '/interaction'),
};
