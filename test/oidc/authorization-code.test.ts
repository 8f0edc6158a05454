/**
 * The authorization-code flow with PKCE, driven by openid-client against a running Latch: login
 * hand-off and consent, tokens, userinfo, refresh for an API resource with RBAC scopes, rotation
 * and reuse, revocation, introspection and logout. Every JWT is verified against the JWKS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { sql } from '../../src/db/sql.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { type Browser, createBrowser } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { signIn } from '../support/sign-in.ts';
import { assignRole, createUser, suspendUser, type TestUser } from '../support/users.ts';

const api = 'https://orders.example.com';
const redirectUri = 'http://localhost:3000/callback';
const postLogoutRedirectUri = 'http://localhost:3000/';

type Flow = { config: client.Configuration; verifier: string; state: string; url: URL };

describe('authorization code + PKCE (openid-client)', () => {
  let server: TestServer;
  let spa: { id: string };
  let web: { id: string; secret: string };
  let reader: TestUser;
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  const discover = (clientId: string, secret?: string) =>
    client.discovery(
      new URL(`${server.user}/oidc`),
      clientId,
      secret,
      secret ? client.ClientSecretBasic(secret) : client.None(),
      { execute: [client.allowInsecureRequests] },
    );

  const startFlow = async (
    clientId: string,
    secret?: string,
    parameters: Record<string, string> = {},
  ): Promise<Flow> => {
    const config = await discover(clientId, secret);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid offline_access profile email roles read:orders write:orders',
      resource: api,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      prompt: 'consent',
      ...parameters,
    });
    return { config, verifier, state, url };
  };

  const codeTokens = async (flow: Flow, browser: Browser, user: TestUser) => {
    const callback = await signIn(browser, flow.url, user);
    return client.authorizationCodeGrant(flow.config, callback, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
    });
  };

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    jwks = createRemoteJWKSet(new URL(`${server.user}/oidc/jwks`));
    const admin = managementClient(server.user, devAuth);
    const { body: resource } = await admin.createResource({ name: 'Orders', indicator: api });
    const { body: read } = await admin.createScope(resource.id, { name: 'read:orders', description: 'Read' });
    const write = await admin.createScope(resource.id, { name: 'write:orders', description: 'Write' });
    assert.equal(write.status, 200, write.text);
    const { body: role } = await admin.call<{ id: string }>('POST', '/roles', {
      name: 'order-reader',
      description: 'Reads orders',
      scopeIds: [read.id],
    });
    const oidcClientMetadata = {
      redirectUris: [redirectUri],
      postLogoutRedirectUris: [postLogoutRedirectUri],
    };
    ({ body: spa } = await admin.createApplication({ name: 'spa', type: 'SPA', oidcClientMetadata }));
    ({ body: web } = await admin.createApplication({
      name: 'web',
      type: 'Traditional',
      oidcClientMetadata,
    }));
    reader = await createUser(server);
    await assignRole(server, reader.id, role.id);
  });
  after(() => server.close());

  it('sends a browser without a session to /sign-in, or /register for interaction_mode=signUp', async () => {
    const browser = createBrowser();
    const signInFlow = await startFlow(spa.id);
    const response = await browser.get(signInFlow.url);
    assert.equal(response.status, 303);
    assert.equal(response.location, `${server.user}/sign-in`);
    assert.ok(browser.cookieNames().includes('_interaction'));
    assert.ok(browser.cookieNames().includes('_interaction.sig'), 'interaction cookies are signed');

    const register = await startFlow(spa.id, undefined, { interaction_mode: 'signUp' });
    assert.equal((await createBrowser().get(register.url)).location, `${server.user}/register`);
  });

  it('signs a user in: ID token, opaque access token for userinfo, JWT per resource with the role’s scopes', async () => {
    const flow = await startFlow(spa.id);
    const tokens = await codeTokens(flow, createBrowser(), reader);

    const { payload: idToken, protectedHeader } = await jwtVerify(tokens.id_token!, jwks, {
      issuer: `${server.user}/oidc`,
      audience: spa.id,
    });
    assert.equal(protectedHeader.alg, 'ES384');
    assert.equal(idToken.sub, reader.id);
    assert.equal(idToken.username, reader.username);
    assert.equal(idToken.email, reader.email);
    assert.deepEqual(idToken.roles, ['order-reader']);

    // Consent granted what the role allows, not what was asked (read and write).
    const { rows: grants } = await server.db.query<{ payload: { resources?: Record<string, string> } }>(
      sql`select payload from oidc_model_instances where tenant_id = 'default' and model_name = 'Grant'
        and payload ->> 'accountId' = ${reader.id} and payload ->> 'clientId' = ${spa.id}`,
    );
    assert.equal(grants.length, 1);
    assert.deepEqual(grants[0]!.payload.resources, { [api]: 'read:orders' });

    // Without `resource` at the token endpoint, the access token is for userinfo.
    assert.equal(tokens.access_token.split('.').length, 1, 'opaque');
    const info = await client.fetchUserInfo(flow.config, tokens.access_token, reader.id);
    assert.equal(info.sub, reader.id);
    assert.equal(info.email, reader.email);
    assert.deepEqual(info.roles, ['order-reader']);

    // The refresh token buys a JWT for the API: only the scopes the user's role grants.
    const forApi = await client.refreshTokenGrant(flow.config, tokens.refresh_token!, { resource: api });
    const { payload, protectedHeader: header } = await jwtVerify(forApi.access_token, jwks, {
      issuer: `${server.user}/oidc`,
      audience: api,
      typ: 'at+jwt',
    });
    assert.equal(header.typ, 'at+jwt');
    assert.equal(payload.sub, reader.id);
    assert.equal(payload.client_id, spa.id);
    assert.equal(payload.scope, 'read:orders');
    assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 3600, 'the resource’s default TTL');
    assert.notEqual(forApi.refresh_token, tokens.refresh_token, 'refresh tokens rotate');
  });

  it('a later sign-in with a live session and grant skips the login and consent pages', async () => {
    const browser = createBrowser();
    await codeTokens(await startFlow(spa.id), browser, reader);
    const again = await startFlow(spa.id, undefined, { prompt: '' });
    const response = await browser.get(again.url);
    assert.equal(response.status, 303);
    const callback = new URL(response.location!);
    assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
    const tokens = await client.authorizationCodeGrant(again.config, callback, {
      pkceCodeVerifier: again.verifier,
      expectedState: again.state,
    });
    assert.equal(decodeJwt(tokens.id_token!).sub, reader.id);
  });

  it('refresh reuse: a consumed token works within the grace period, and later revokes the whole grant', async () => {
    const flow = await startFlow(spa.id);
    const tokens = await codeTokens(flow, createBrowser(), reader);
    const first = await client.refreshTokenGrant(flow.config, tokens.refresh_token!);
    // Two tabs refreshing at once: the second use of the old token is still honoured.
    const concurrent = await client.refreshTokenGrant(flow.config, tokens.refresh_token!);
    assert.ok(concurrent.access_token);
    await new Promise((resolve) => setTimeout(resolve, 3200));
    await assert.rejects(client.refreshTokenGrant(flow.config, tokens.refresh_token!), {
      error: 'invalid_grant',
    });
    // Reuse after the grace period is treated as theft: every token of the grant is dead.
    await assert.rejects(client.refreshTokenGrant(flow.config, first.refresh_token!), {
      error: 'invalid_grant',
    });
    await assert.rejects(client.fetchUserInfo(flow.config, first.access_token, reader.id));
  });

  it('revocation ends a refresh token; introspection answers confidential clients', async () => {
    const flow = await startFlow(web.id, web.secret);
    const tokens = await codeTokens(flow, createBrowser(), reader);

    const active = await client.tokenIntrospection(flow.config, tokens.refresh_token!);
    assert.equal(active.active, true);
    assert.equal(active.sub, reader.id);
    assert.equal(active.client_id, web.id);

    await client.tokenRevocation(flow.config, tokens.refresh_token!);
    assert.equal((await client.tokenIntrospection(flow.config, tokens.refresh_token!)).active, false);
    await assert.rejects(client.refreshTokenGrant(flow.config, tokens.refresh_token!), {
      error: 'invalid_grant',
    });

    // A public client may not introspect at all (it cannot authenticate).
    const spaFlow = await startFlow(spa.id);
    const spaTokens = await codeTokens(spaFlow, createBrowser(), reader);
    const byItself = await client.tokenIntrospection(spaFlow.config, spaTokens.access_token);
    assert.deepEqual(byItself, { active: false });
    // The same token, introspected by a confidential client (a resource server), is active.
    const byServer = await client.tokenIntrospection(flow.config, spaTokens.access_token);
    assert.equal(byServer.active, true);
    assert.equal(byServer.client_id, spa.id);
  });

  it('RP-initiated logout ends the session and returns to the registered post-logout URI', async () => {
    const browser = createBrowser();
    const flow = await startFlow(spa.id);
    const tokens = await codeTokens(flow, browser, reader);
    const logoutUrl = client.buildEndSessionUrl(flow.config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: postLogoutRedirectUri,
      state: 'bye',
    });
    const page = await browser.get(logoutUrl);
    assert.equal(page.status, 200);
    const action = /action="([^"]+)"/.exec(page.text)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.text)?.[1];
    assert.ok(action && xsrf, page.text);
    const confirm = await browser.post(new URL(action, `${server.user}/oidc/`), {
      form: { xsrf, logout: 'yes' },
    });
    assert.equal(confirm.status, 303, confirm.text);
    assert.equal(confirm.location, `${postLogoutRedirectUri}?state=bye`);
    // The session is gone: the next authorization asks for a login again.
    const next = await browser.get((await startFlow(spa.id, undefined, { prompt: '' })).url);
    assert.equal(new URL(next.location!).pathname, '/sign-in');
  });

  describe('bad input gets the OAuth error, never a 500', () => {
    it('unknown client, wrong redirect URI, missing PKCE for a public client, unknown resource', async () => {
      const browser = createBrowser();
      const base = (await startFlow(spa.id)).url;
      const variant = (changes: Record<string, string | undefined>) => {
        const url = new URL(base);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) url.searchParams.delete(key);
          else url.searchParams.set(key, value);
        }
        return url;
      };
      const expectError = async (url: URL, error: string) => {
        const response = await browser.get(url);
        assert.ok(response.status === 400 || response.status === 303, `${response.status} ${response.text}`);
        // Errors that cannot go back to the client are Logto's JSON shape, the OAuth error in `data`.
        const body =
          response.status === 303
            ? Object.fromEntries(new URL(response.location!).searchParams)
            : response.json<{ data: { error: string } }>().data;
        assert.equal(body.error, error, JSON.stringify(body));
      };
      await expectError(variant({ client_id: 'no-such-client' }), 'invalid_client');
      await expectError(variant({ redirect_uri: 'http://localhost:3000/elsewhere' }), 'invalid_redirect_uri');
      await expectError(
        variant({ code_challenge: undefined, code_challenge_method: undefined }),
        'invalid_request',
      );
      await expectError(variant({ resource: 'https://unknown.example.com' }), 'invalid_target');
    });

    it('wrong PKCE verifier, replayed code, wrong secret, scope not granted', async () => {
      const second = await startFlow(web.id, web.secret);
      const secondCallback = await signIn(createBrowser(), second.url, reader);
      await assert.rejects(
        client.authorizationCodeGrant(second.config, secondCallback, {
          pkceCodeVerifier: client.randomPKCECodeVerifier(),
          expectedState: second.state,
        }),
        { error: 'invalid_grant' },
      );
      const tokens = await client.authorizationCodeGrant(second.config, secondCallback, {
        pkceCodeVerifier: second.verifier,
        expectedState: second.state,
      });
      await assert.rejects(
        client.authorizationCodeGrant(second.config, secondCallback, {
          pkceCodeVerifier: second.verifier,
          expectedState: second.state,
        }),
        { error: 'invalid_grant' },
      );
      // A replayed code revokes what it issued (RFC 6749 §4.1.2).
      await assert.rejects(client.refreshTokenGrant(second.config, tokens.refresh_token!), {
        error: 'invalid_grant',
      });

      const wrongSecret = await discover(web.id, 'not-the-secret');
      // 401 with a Basic challenge naming invalid_client (RFC 6749 §5.2).
      await assert.rejects(
        client.refreshTokenGrant(wrongSecret, tokens.refresh_token!),
        (error: { status?: number; cause?: { parameters: { error?: string } }[] }) =>
          error.status === 401 && error.cause?.[0]?.parameters.error === 'invalid_client',
      );

      // write:orders was requested but no role grants it: it is simply absent.
      const third = await startFlow(web.id, web.secret, { scope: 'openid offline_access write:orders' });
      const thirdTokens = await codeTokens(third, createBrowser(), reader);
      const forApi = await client.refreshTokenGrant(third.config, thirdTokens.refresh_token!, {
        resource: api,
      });
      assert.equal(decodeJwt(forApi.access_token).scope, undefined);
    });

    it('a code sent several times at once buys tokens once (RFC 6749 §4.1.2), and the replay revokes them', async () => {
      const flow = await startFlow(web.id, web.secret);
      const callback = await signIn(createBrowser(), flow.url, reader);
      const attempts = await Promise.allSettled(
        Array.from({ length: 6 }, () =>
          client.authorizationCodeGrant(flow.config, callback, {
            pkceCodeVerifier: flow.verifier,
            expectedState: flow.state,
          }),
        ),
      );
      const issued = attempts.filter((attempt) => attempt.status === 'fulfilled');
      assert.equal(issued.length, 1, 'exactly one exchange succeeds');
      for (const attempt of attempts) {
        if (attempt.status === 'rejected')
          assert.equal((attempt.reason as { error?: string }).error, 'invalid_grant');
      }
      const { value: tokens } = issued[0] as PromiseFulfilledResult<client.TokenEndpointResponse>;
      await assert.rejects(client.refreshTokenGrant(flow.config, tokens.refresh_token!), {
        error: 'invalid_grant',
      });
    });

    it('consent without an interaction, or before the login, is session.not_found (400)', async () => {
      const browser = createBrowser();
      const consentUrl = `${server.user}/api/interaction/consent`;
      const none = await browser.post(consentUrl);
      assert.equal(none.status, 400);
      assert.equal(none.json<{ code: string }>().code, 'session.not_found');
      await browser.get((await startFlow(spa.id)).url);
      const early = await browser.post(consentUrl);
      assert.equal(early.status, 400);
      assert.equal(early.json<{ code: string }>().code, 'session.not_found');
    });

    it('suspending a user ends its session, grant and tokens at once', async () => {
      const user = await createUser(server);
      const browser = createBrowser();
      const flow = await startFlow(spa.id);
      const tokens = await codeTokens(flow, browser, user);
      await suspendUser(server, user.id);
      await assert.rejects(client.refreshTokenGrant(flow.config, tokens.refresh_token!), {
        error: 'invalid_grant',
      });
      await assert.rejects(client.fetchUserInfo(flow.config, tokens.access_token, user.id));
      // The browser's session is gone too: the next authorization asks for a login.
      const next = await browser.get((await startFlow(spa.id, undefined, { prompt: '' })).url);
      assert.equal(new URL(next.location!).pathname, '/sign-in');
    });
  });
});
