/**
 * Which redirect URIs an application may register (spec §4.3, tightened per RFC 8252 and the
 * OAuth 2.0 Security BCP): web applications use https, or http on a loopback host for
 * development; native applications may also use a reverse-domain custom scheme
 * (`io.logto.app:/callback`). Fragments are never allowed (RFC 6749 §3.1.2).
 */
import { ApiError } from '../errors/api-error.ts';
import {
  type ApplicationType,
  nativeSchemePattern,
  type OidcClientMetadata,
} from '../schemas/application.ts';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

export const redirectUriProblem = (uri: string, type: ApplicationType): string | undefined => {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'is not a URL';
  }
  if (url.hash) return 'must not have a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:')
    return loopbackHosts.has(url.hostname)
      ? undefined
      : 'must use https (http is allowed for localhost only)';
  if (type === 'Native') {
    return nativeSchemePattern.test(url.protocol)
      ? undefined
      : 'must use https or a reverse-domain custom scheme such as io.example.app:';
  }
  return 'must use https; custom schemes are for Native applications only';
};

export const assertValidClientUris = (type: ApplicationType, metadata: Partial<OidcClientMetadata>) => {
  const problems = [
    ...(metadata.redirectUris ?? []).map((uri, index) => [`redirectUris[${index}]`, uri] as const),
    ...(metadata.postLogoutRedirectUris ?? []).map(
      (uri, index) => [`postLogoutRedirectUris[${index}]`, uri] as const,
    ),
  ].flatMap(([key, uri]) => {
    const problem = redirectUriProblem(uri, type);
    return problem ? [`oidcClientMetadata.${key} "${uri}" ${problem}.`] : [];
  });
  if (metadata.logoUri !== undefined && redirectUriProblem(metadata.logoUri, 'SPA')) {
    problems.push('oidcClientMetadata.logoUri must be an https URL.');
  }
  if (problems.length > 0) {
    throw new ApiError('guard.invalid_input', {
      status: 400,
      details: problems.join('\n'),
      interpolation: { type: 'body' },
    });
  }
};
