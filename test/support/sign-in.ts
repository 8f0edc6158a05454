/**
 * Drives an authorization request like the sign-in pages do: `/oidc/auth` → `/sign-in`, the
 * experience API (`/api/interaction`), submit, the consent page's `POST /api/interaction/consent`,
 * and back to the client's redirect URI with a code.
 */
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import type { Browser } from './browser.ts';
import type { TestUser } from './users.ts';

/** Signs `user` in with its password through the experience API; returns the client's callback URL. */
export const signIn = (browser: Browser, authorizationUrl: URL, user: TestUser) =>
  signInThroughApi(
    browser,
    authorizationUrl,
    passwordSignIn({ username: user.username, password: user.password }),
  );

/** What the sign-in page sends for the interaction, before submit. */
export type InteractionStep = { method: 'PUT' | 'PATCH' | 'POST' | 'DELETE'; path: string; json?: unknown };

/**
 * The browser side of a sign-in through the experience API: `/oidc/auth` → `/sign-in`, the given
 * interaction calls (or those `steps` returns once the interaction is pending — it may send a
 * code first), submit, consent, and back to the client. Returns the callback URL.
 */
export const signInThroughApi = async (
  browser: Browser,
  authorizationUrl: URL,
  steps: InteractionStep[] | ((browser: Browser) => Promise<InteractionStep[]>),
) => {
  const base = new URL(authorizationUrl.origin);
  const auth = await browser.get(authorizationUrl);
  assert.equal(auth.status, 303, auth.text);
  for (const step of typeof steps === 'function' ? await steps(browser) : steps) {
    const response = await browser.send(new URL(`/api${step.path}`, base), {
      method: step.method,
      json: step.json,
    });
    assert.ok(response.status < 300, `${step.method} ${step.path}: ${response.status} ${response.text}`);
  }
  const submitted = await browser.post(new URL('/api/interaction/submit', base));
  assert.equal(submitted.status, 200, submitted.text);
  const resume = await browser.get(submitted.json<{ redirectTo: string }>().redirectTo);
  assert.equal(resume.status, 303, resume.text);
  assert.equal(new URL(resume.location!).pathname, '/sign-in/consent');
  const consent = await browser.post(new URL('/api/interaction/consent', base));
  assert.equal(consent.status, 200, consent.text);
  const back = await browser.get(consent.json<{ redirectTo: string }>().redirectTo);
  assert.equal(back.status, 303, back.text);
  return new URL(back.location!);
};

/** An authorization request with PKCE as an SDK makes it: scope `openid` and `prompt=consent` unless given. */
export const authorizationRequest = async (
  config: client.Configuration,
  parameters: Record<string, string> & { redirect_uri: string },
) => {
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    prompt: 'consent',
    ...parameters,
  });
  return { url, verifier };
};

export const passwordSignIn = (identifier: Record<string, string>): InteractionStep[] => [
  { method: 'PUT', path: '/interaction', json: { event: 'SignIn', identifier } },
];

/** A single-page app registered with `redirectUri`, and openid-client's view of it. */
export const createSpaClient = async (
  server: { user: string },
  api: { createApplication(body: Record<string, unknown>): Promise<{ body: { id: string } }> },
  redirectUri: string,
) => {
  const { body: spa } = await api.createApplication({
    name: 'spa',
    type: 'SPA',
    oidcClientMetadata: { redirectUris: [redirectUri], postLogoutRedirectUris: [] },
  });
  const config = await client.discovery(new URL(`${server.user}/oidc`), spa.id, undefined, client.None(), {
    execute: [client.allowInsecureRequests],
  });
  return { spa, config };
};
