/**
 * Drives an authorization request through Latch's login hand-off like the sign-in pages will:
 * `/oidc/auth` → `/sign-in`; the login itself is finished from test code through the provider's
 * own interaction API (the experience API comes with the users issue); then the consent page's
 * call `POST /api/interaction/consent`, and back to the client's redirect URI with a code.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { RunningServer } from '../../src/server.ts';
import type { Browser } from './browser.ts';

/** Finishes the pending login of `browser` as `accountId`; returns where the browser resumes. */
export const finishLogin = async (
  server: RunningServer,
  browser: Browser,
  accountId: string,
  tenantId = 'default',
) => {
  const provider = await server.providers.get(tenantId);
  const base = server.urls.user;
  const req = new http.IncomingMessage(new net.Socket());
  req.method = 'POST';
  req.url = '/sign-in';
  req.headers = { host: base.host, cookie: browser.cookieHeader(new URL('/sign-in', base)) };
  const res = new http.ServerResponse(req);
  return provider.interactionResult(req, res, { login: { accountId } });
};

/** From an authorization URL to the redirect back to the client: returns that redirect's URL. */
export const signIn = async (
  server: RunningServer,
  browser: Browser,
  authorizationUrl: URL,
  accountId: string,
) => {
  const auth = await browser.get(authorizationUrl);
  assert.equal(auth.status, 303, auth.text);
  assert.equal(new URL(auth.location!).pathname, '/sign-in');
  const resume = await browser.get(await finishLogin(server, browser, accountId));
  assert.equal(resume.status, 303, resume.text);
  assert.equal(new URL(resume.location!).pathname, '/sign-in/consent');
  const consent = await browser.post(new URL('/api/interaction/consent', server.urls.user));
  assert.equal(consent.status, 200, consent.text);
  const back = await browser.get(consent.json<{ redirectTo: string }>().redirectTo);
  assert.equal(back.status, 303, back.text);
  return new URL(back.location!);
};
