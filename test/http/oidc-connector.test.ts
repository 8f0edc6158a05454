/**
 * Federation without the internet: tenant `default` signs users in through the built-in OIDC
 * social connector, with Latch's admin tenant as the upstream identity provider.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import type { UserInfo } from '../../src/schemas/user.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { type Browser, createBrowser } from '../support/browser.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { authorizationRequest, createSpaClient, signInThroughApi } from '../support/sign-in.ts';

const socialCallback = 'http://localhost:3000/social-callback';

describe('OIDC and OAuth 2 social connectors (upstream: another Latch tenant)', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  let connectorId: string;
  let oauthConnectorId: string;
  let config: client.Configuration;

  /** The upstream part, in the same browser: its login page's API, consent, and back. */
  const upstreamSignIn = async (browser: Browser, authorizationUrl: string, steps: unknown[]) => {
    const callback = await signInThroughApi(
      browser,
      new URL(authorizationUrl),
      steps.map((json) => ({ method: 'PUT' as const, path: '/interaction', json })),
    );
    assert.equal(`${callback.origin}${callback.pathname}`, socialCallback);
    return Object.fromEntries(callback.searchParams);
  };

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    api = managementClient(server.user, devAuth);
    const upstream = managementClient(server.admin, devAuth);
    const { body: app } = await upstream.createApplication({
      name: 'downstream',
      type: 'Traditional',
      oidcClientMetadata: { redirectUris: [socialCallback], postLogoutRedirectUris: [] },
    });
    const issuer = `${server.admin}/oidc`;
    const added = await api.call<{ id: string }>('POST', '/connectors', {
      connectorId: 'oidc',
      metadata: { target: 'upstream', name: { en: 'Upstream' } },
      config: {
        clientId: app.id,
        clientSecret: app.secret,
        scope: 'openid profile email',
        authorizationEndpoint: `${issuer}/auth`,
        tokenEndpoint: `${issuer}/token`,
        idTokenVerificationConfig: { jwksUri: `${issuer}/jwks`, issuer },
      },
    });
    assert.equal(added.status, 200, added.text);
    connectorId = added.body.id;
    const oauth = await api.call<{ id: string }>('POST', '/connectors', {
      connectorId: 'oauth2',
      metadata: { target: 'upstream-oauth', name: { en: 'Upstream (OAuth 2)' } },
      config: {
        clientId: app.id,
        clientSecret: app.secret,
        scope: 'openid profile',
        authorizationEndpoint: `${issuer}/auth`,
        tokenEndpoint: `${issuer}/token`,
        userInfoEndpoint: `${issuer}/me`,
        profileMap: { id: 'sub', name: 'username' },
      },
    });
    assert.equal(oauth.status, 200, oauth.text);
    oauthConnectorId = oauth.body.id;
    await api.call('PATCH', '/sign-in-exp', { socialSignInConnectorTargets: ['upstream', 'upstream-oauth'] });
    ({ config } = await createSpaClient(server, api, 'http://localhost:3000/callback'));
  });
  after(() => server.close());

  const downstreamAuthorization = () =>
    authorizationRequest(config, { redirect_uri: 'http://localhost:3000/callback' });

  it('needs a target, and a scope with openid', async () => {
    const noTarget = await api.call<ErrorBody>('POST', '/connectors', { connectorId: 'oidc', config: {} });
    assert.equal(noTarget.body.code, 'connector.should_specify_target');
    const noOpenid = await api.call<ErrorBody>('POST', '/connectors', {
      connectorId: 'oidc',
      metadata: { target: 'other' },
      config: {
        clientId: 'x',
        clientSecret: 'y',
        scope: 'profile',
        authorizationEndpoint: 'https://idp.example.com/auth',
        tokenEndpoint: 'https://idp.example.com/token',
        idTokenVerificationConfig: { jwksUri: 'https://idp.example.com/jwks' },
      },
    });
    assert.equal(noOpenid.body.code, 'connector.invalid_config');
  });

  it('registers a downstream user from an upstream sign-in', async () => {
    const browser = createBrowser();
    const { url, verifier } = await downstreamAuthorization();
    const callback = await signInThroughApi(browser, url, async () => {
      const send = (method: string, path: string, json?: unknown) =>
        browser.send(`${server.user}/api${path}`, { method, json });
      await send('PUT', '/interaction', { event: 'SignIn' });
      const uri = await send('POST', '/interaction/verification/social-authorization-uri', {
        connectorId,
        state: 'downstream-state',
        redirectUri: socialCallback,
      });
      assert.equal(uri.status, 200, uri.text);
      const connectorData = await upstreamSignIn(browser, uri.json<{ redirectTo: string }>().redirectTo, [
        { event: 'Register', profile: { username: 'federated', password: 'upstream-Password-1' } },
      ]);
      assert.equal(connectorData.state, 'downstream-state');
      const verified = await send('PATCH', '/interaction/identifiers', { connectorId, connectorData });
      assert.equal(verified.status, 204, verified.text);
      const unknown = await send('POST', '/interaction/submit');
      assert.equal(unknown.json<ErrorBody>().code, 'user.identity_not_exist');
      return [
        { method: 'PUT', path: '/interaction/event', json: { event: 'Register' } },
        // Tenant default's sign-up asks for a username.
        { method: 'PUT', path: '/interaction/profile', json: { connectorId, username: 'fed_user' } },
      ];
    });
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });
    const user = (await api.call<UserInfo>('GET', `/users/${tokens.claims()!.sub}`)).body;
    const upstreamId = user.identities.upstream?.userId;
    assert.ok(upstreamId, JSON.stringify(user.identities));
    const upstreamUser = await managementClient(server.admin, devAuth).call<UserInfo>(
      'GET',
      `/users/${upstreamId}`,
    );
    assert.equal(upstreamUser.body.username, 'federated', 'the identity is the upstream account');
  });

  it('OAuth 2: reads the upstream user-info endpoint through the profile map', async () => {
    const browser = createBrowser();
    const { url, verifier } = await downstreamAuthorization();
    const callback = await signInThroughApi(browser, url, async () => {
      const send = (method: string, path: string, json?: unknown) =>
        browser.send(`${server.user}/api${path}`, { method, json });
      await send('PUT', '/interaction', { event: 'Register' });
      const uri = await send('POST', '/interaction/verification/social-authorization-uri', {
        connectorId: oauthConnectorId,
        state: 'oauth-state',
        redirectUri: socialCallback,
      });
      const connectorData = await upstreamSignIn(browser, uri.json<{ redirectTo: string }>().redirectTo, [
        { event: 'Register', profile: { username: 'oauthed', password: 'upstream-Password-3' } },
      ]);
      const verified = await send('PATCH', '/interaction/identifiers', {
        connectorId: oauthConnectorId,
        connectorData,
      });
      assert.equal(verified.status, 204, verified.text);
      return [
        {
          method: 'PUT',
          path: '/interaction/profile',
          json: { connectorId: oauthConnectorId, username: 'oauth_user' },
        },
      ];
    });
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });
    const user = (await api.call<UserInfo>('GET', `/users/${tokens.claims()!.sub}`)).body;
    assert.equal(user.name, 'oauthed', 'the name came from the mapped user-info field');
    const upstreamUser = await managementClient(server.admin, devAuth).call<UserInfo>(
      'GET',
      `/users/${user.identities['upstream-oauth']?.userId}`,
    );
    assert.equal(upstreamUser.body.username, 'oauthed');
  });

  it('refuses a callback whose state does not match', async () => {
    const browser = createBrowser();
    await browser.get((await downstreamAuthorization()).url);
    const send = (method: string, path: string, json?: unknown) =>
      browser.send(`${server.user}/api${path}`, { method, json });
    await send('PUT', '/interaction', { event: 'SignIn' });
    const uri = await send('POST', '/interaction/verification/social-authorization-uri', {
      connectorId,
      state: 'expected',
      redirectUri: socialCallback,
    });
    const connectorData = await upstreamSignIn(browser, uri.json<{ redirectTo: string }>().redirectTo, [
      // The admin tenant only registers until its first console administrator exists.
      { event: 'Register', profile: { username: 'second', password: 'upstream-Password-2' } },
    ]);
    const forged = await send('PATCH', '/interaction/identifiers', {
      connectorId,
      connectorData: { ...connectorData, state: 'forged' },
    });
    assert.equal(forged.status, 401);
    assert.equal(forged.json<ErrorBody>().code, 'connector.social_auth_code_invalid');
  });
});
