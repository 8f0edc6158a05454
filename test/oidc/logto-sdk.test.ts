/**
 * The official `@logto/node` SDK, unchanged, against a running Latch: sign-in with a traditional
 * web app, ID token claims, userinfo, an access token for an API resource, and sign-out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import LogtoClient from '@logto/node';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { devAuth, managementClient } from '../clients/management.ts';
import { createBrowser } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { signIn } from '../support/sign-in.ts';
import { assignRole, createUser, type TestUser } from '../support/users.ts';

const api = 'https://billing.example.com';
const redirectUri = 'http://localhost:3000/callback';
const postLogoutRedirectUri = 'http://localhost:3000/';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: async (key: string) => items.get(key) ?? null,
    setItem: async (key: string, value: string) => void items.set(key, value),
    removeItem: async (key: string) => void items.delete(key),
  };
};

describe('@logto/node SDK', () => {
  let server: TestServer;
  let app: { id: string; secret: string };
  let user: TestUser;

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    const admin = managementClient(server.user, devAuth);
    const { body: resource } = await admin.createResource({ name: 'Billing', indicator: api });
    const { body: scope } = await admin.createScope(resource.id, {
      name: 'read:invoices',
      description: 'Read invoices',
    });
    const { body: role } = await admin.call<{ id: string }>('POST', '/roles', {
      name: 'accountant',
      description: 'Reads invoices',
      scopeIds: [scope.id],
    });
    ({ body: app } = await admin.createApplication({
      name: 'web',
      type: 'Traditional',
      oidcClientMetadata: { redirectUris: [redirectUri], postLogoutRedirectUris: [postLogoutRedirectUri] },
    }));
    user = await createUser(server);
    await assignRole(server, user.id, role.id);
  });
  after(() => server.close());

  it('signs in, reads claims and userinfo, gets an API token, and signs out', async () => {
    let navigatedTo = '';
    const sdk = new LogtoClient(
      {
        endpoint: server.user,
        appId: app.id,
        appSecret: app.secret,
        scopes: ['email', 'roles', 'read:invoices'],
        resources: [api],
      },
      {
        storage: memoryStorage(),
        navigate: (url: string) => {
          navigatedTo = url;
        },
      },
    );

    await sdk.signIn(redirectUri);
    const browser = createBrowser();
    const callback = await signIn(browser, new URL(navigatedTo), user);
    await sdk.handleSignInCallback(callback.href);
    assert.equal(await sdk.isAuthenticated(), true);

    const claims = await sdk.getIdTokenClaims();
    assert.equal(claims.sub, user.id);
    assert.equal(claims.email, user.email);
    assert.deepEqual(claims.roles, ['accountant']);

    const info = await sdk.fetchUserInfo();
    assert.equal(info.sub, user.id);
    assert.equal(info.username, user.username);

    const accessToken = await sdk.getAccessToken(api);
    const { payload } = await jwtVerify(
      accessToken,
      createRemoteJWKSet(new URL(`${server.user}/oidc/jwks`)),
      {
        issuer: `${server.user}/oidc`,
        audience: api,
      },
    );
    assert.equal(payload.scope, 'read:invoices');

    const refreshToken = await sdk.getRefreshToken();
    await sdk.signOut(postLogoutRedirectUri);
    assert.equal(await sdk.isAuthenticated(), false);
    const endSession = new URL(navigatedTo);
    assert.equal(endSession.pathname, '/oidc/session/end');
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), postLogoutRedirectUri);
    // The browser follows the end-session URL: the provider's session ends and it returns to the app.
    const page = await browser.get(endSession);
    const action = /action="([^"]+)"/.exec(page.text)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.text)?.[1];
    assert.ok(action && xsrf, page.text);
    const done = await browser.post(new URL(action, endSession), { form: { xsrf, logout: 'yes' } });
    assert.equal(done.location, postLogoutRedirectUri);
    await sdk.signIn(redirectUri);
    const again = await browser.get(navigatedTo);
    assert.equal(new URL(again.location!).pathname, '/sign-in', 'signing in again needs a login');

    // signOut revoked the refresh token at the provider.
    const refresh = await fetch(`${server.user}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${app.id}:${app.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken ?? '' }),
    });
    assert.equal(refresh.status, 400);
    assert.equal(((await refresh.json()) as { error: string }).error, 'invalid_grant');
  });
});
