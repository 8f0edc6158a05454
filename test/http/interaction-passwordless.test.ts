/**
 * Passwordless and social flows of the experience API, with the mock connectors: email codes for
 * registration and sign-in, a password reset, and a social sign-in that registers, signs in again
 * and links to an existing account. Codes are read from the mock connector's record file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { sql } from '../../src/db/sql.ts';
import type { UserInfo } from '../../src/schemas/user.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { type Browser, createBrowser } from '../support/browser.ts';
import { addMockConnectors, lastCode, newRecordFile } from '../support/connectors.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import {
  authorizationRequest,
  createSpaClient,
  type InteractionStep,
  passwordSignIn,
  signInThroughApi,
} from '../support/sign-in.ts';

const redirectUri = 'http://localhost:3000/callback';

describe('experience API: codes and social connectors', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  let config: client.Configuration;
  let socialId: string;
  const recordFile = newRecordFile();

  const authorization = () =>
    authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid email' });
  /** Signs in through the API with `steps`; returns the user id from the ID token. */
  const signInAs = async (steps: (browser: Browser) => Promise<InteractionStep[]>) => {
    const { url, verifier } = await authorization();
    const callback = await signInThroughApi(createBrowser(), url, steps);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });
    return tokens.claims()!.sub;
  };
  const call = (browser: Browser, method: string, path: string, json?: unknown) =>
    browser.send(`${server.user}/api${path}`, { method, json });
  const pending = async () => {
    const browser = createBrowser();
    await browser.get((await authorization()).url);
    return browser;
  };
  /** Sends a code for the browser's interaction and returns it. */
  const sendCode = async (browser: Browser, target: { email: string } | { phone: string }) => {
    const sent = await call(browser, 'POST', '/interaction/verification/verification-code', target);
    assert.equal(sent.status, 204, sent.text);
    return lastCode(recordFile).code;
  };

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true', MOCK_CONNECTOR_RECORD_FILE: recordFile });
    api = managementClient(server.user, devAuth);
    ({ social: socialId } = await addMockConnectors(api));
    const experience = await api.call('PATCH', '/sign-in-exp', {
      signUp: { identifiers: ['email'], password: false, verify: true },
      signIn: {
        methods: [
          { identifier: 'email', password: true, verificationCode: true, isPasswordPrimary: false },
          { identifier: 'phone', password: false, verificationCode: true, isPasswordPrimary: false },
        ],
      },
      socialSignInConnectorTargets: ['mock-social'],
    });
    assert.equal(experience.status, 200, experience.text);
    ({ config } = await createSpaClient(server, api, redirectUri));
  });
  after(() => server.close());

  it('registers with an emailed code, then signs in with another', async () => {
    const email = 'coded@example.com';
    const registered = await signInAs(async (browser) => {
      await call(browser, 'PUT', '/interaction', { event: 'Register' });
      const code = await sendCode(browser, { email });
      assert.equal(lastCode(recordFile).type, 'Register');
      return [
        { method: 'PATCH', path: '/interaction/identifiers', json: { email, verificationCode: code } },
        { method: 'PATCH', path: '/interaction/profile', json: { email } },
      ];
    });
    assert.equal((await api.call<UserInfo>('GET', `/users/${registered}`)).body.primaryEmail, email);

    const signedIn = await signInAs(async (browser) => {
      await call(browser, 'PUT', '/interaction', { event: 'SignIn' });
      const code = await sendCode(browser, { email: 'CODED@example.com' });
      return [
        {
          method: 'PATCH',
          path: '/interaction/identifiers',
          json: { email: 'CODED@example.com', verificationCode: code },
        },
      ];
    });
    assert.equal(signedIn, registered);
  });

  it('a phone-only account must add the email the sign-up settings require', async () => {
    await api.call<UserInfo>('POST', '/users', { primaryPhone: '15550124' });
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', { event: 'SignIn' });
    const code = await sendCode(browser, { phone: '15550124' });
    await call(browser, 'PATCH', '/interaction/identifiers', { phone: '15550124', verificationCode: code });
    const missing = await call(browser, 'POST', '/interaction/submit');
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.json<ErrorBody>().data, { missingProfile: ['email'] });
  });

  it('signs in with a code sent by SMS', async () => {
    const { body: user } = await api.call<UserInfo>('POST', '/users', {
      primaryPhone: '15550123',
      primaryEmail: 'texted@example.com',
    });
    const signedIn = await signInAs(async (browser) => {
      await call(browser, 'PUT', '/interaction', { event: 'SignIn' });
      const code = await sendCode(browser, { phone: '15550123' });
      assert.deepEqual(lastCode(recordFile), { phone: '15550123', code, type: 'SignIn' });
      return [
        {
          method: 'PATCH',
          path: '/interaction/identifiers',
          json: { phone: '15550123', verificationCode: code },
        },
      ];
    });
    assert.equal(signedIn, user.id);
  });

  it('refuses wrong codes, codes of another interaction, and unknown emails', async () => {
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', { event: 'SignIn' });
    const code = await sendCode(browser, { email: 'nobody@example.com' });
    const wrong = code === '000000' ? '000001' : '000000';
    const mismatch = await call(browser, 'PATCH', '/interaction/identifiers', {
      email: 'nobody@example.com',
      verificationCode: wrong,
    });
    assert.equal(mismatch.json<ErrorBody>().code, 'verification_code.code_mismatch');

    const other = await pending();
    await call(other, 'PUT', '/interaction', { event: 'SignIn' });
    const foreign = await call(other, 'PATCH', '/interaction/identifiers', {
      email: 'nobody@example.com',
      verificationCode: code,
    });
    assert.equal(foreign.json<ErrorBody>().code, 'verification_code.not_found');

    assert.equal(
      (
        await call(browser, 'PATCH', '/interaction/identifiers', {
          email: 'nobody@example.com',
          verificationCode: code,
        })
      ).status,
      204,
    );
    const submit = await call(browser, 'POST', '/interaction/submit');
    assert.equal(submit.status, 404);
    assert.equal(submit.json<ErrorBody>().code, 'user.user_not_exist');
  });

  it('resets a password with an emailed code, refusing the same password', async () => {
    const email = 'forgetful@example.com';
    const { body: user } = await api.call<UserInfo>('POST', '/users', {
      primaryEmail: email,
      password: 'old-password-1',
    });
    const before = await authorization();
    await signInThroughApi(
      createBrowser(),
      before.url,
      passwordSignIn({ email, password: 'old-password-1' }),
    );
    const artifacts = async () =>
      (
        await server.db.query<{ count: number }>(sql`select count(*)::int as count from oidc_model_instances
          where payload ->> 'accountId' = ${user.id}`)
      ).rows[0]!.count;
    assert.ok((await artifacts()) > 0, 'signed in with the old password');
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', { event: 'ForgotPassword' });
    const code = await sendCode(browser, { email });
    assert.equal(lastCode(recordFile).type, 'ForgotPassword');
    await call(browser, 'PATCH', '/interaction/identifiers', { email, verificationCode: code });
    const early = await call(browser, 'POST', '/interaction/submit');
    assert.equal(early.json<ErrorBody>().code, 'user.new_password_required_in_profile');
    const same = await call(browser, 'PUT', '/interaction/profile', { password: 'old-password-1' });
    assert.equal(same.json<ErrorBody>().code, 'user.same_password');
    await call(browser, 'PUT', '/interaction/profile', { password: 'new-password-2' });
    const reset = await call(browser, 'POST', '/interaction/submit');
    assert.equal(reset.status, 204, reset.text);
    assert.equal(await artifacts(), 0, 'the reset ended the old sessions and grants');

    const { url, verifier } = await authorization();
    const callback = await signInThroughApi(
      createBrowser(),
      url,
      passwordSignIn({ email, password: 'new-password-2' }),
    );
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });
    assert.equal(tokens.claims()!.sub, user.id);
  });

  it('refuses a code of another event, an unverified profile email, and accounts that disagree', async () => {
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', { event: 'Register' });
    const code = await sendCode(browser, { email: 'switch@example.com' });
    await call(browser, 'PUT', '/interaction/event', { event: 'SignIn' });
    const otherEvent = await call(browser, 'PATCH', '/interaction/identifiers', {
      email: 'switch@example.com',
      verificationCode: code,
    });
    assert.equal(otherEvent.json<ErrorBody>().code, 'verification_code.not_found');

    await call(browser, 'PUT', '/interaction/event', { event: 'Register' });
    await call(browser, 'PUT', '/interaction/profile', { email: 'unverified@example.com' });
    const unverified = await call(browser, 'POST', '/interaction/submit');
    assert.equal(unverified.status, 404);
    assert.equal(unverified.json<ErrorBody>().code, 'session.verification_session_not_found');

    // A password for one account and a code for another email: which account is it?
    await api.call('POST', '/users', { primaryEmail: 'one@example.com', password: 'one-password-1' });
    await api.call('POST', '/users', { primaryEmail: 'two@example.com' });
    const mixed = await pending();
    await call(mixed, 'PUT', '/interaction', {
      event: 'SignIn',
      identifier: { email: 'one@example.com', password: 'one-password-1' },
    });
    const twoCode = await sendCode(mixed, { email: 'two@example.com' });
    await call(mixed, 'PATCH', '/interaction/identifiers', {
      email: 'two@example.com',
      verificationCode: twoCode,
    });
    const disagree = await call(mixed, 'POST', '/interaction/submit');
    assert.equal(disagree.status, 400);
    assert.equal(disagree.json<ErrorBody>().code, 'session.verification_failed');
  });

  it('sends at most five codes to one address per window', async () => {
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', { event: 'SignIn' });
    for (let sent = 0; sent < 5; sent++) await sendCode(browser, { email: 'bombed@example.com' });
    const sixth = await call(browser, 'POST', '/interaction/verification/verification-code', {
      email: 'Bombed@example.com',
    });
    assert.equal(sixth.status, 429);
    assert.equal(sixth.json<ErrorBody>().code, 'session.verification_blocked_too_many_attempts');
  });

  it('keeps codes and passwords out of the audit log', async () => {
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', { event: 'Register' });
    const code = await sendCode(browser, { email: 'audit@example.com' });
    await call(browser, 'PATCH', '/interaction/identifiers', {
      email: 'audit@example.com',
      verificationCode: code,
    });
    await call(browser, 'PATCH', '/interaction/profile', {
      email: 'audit@example.com',
      password: 'secret-Password-9',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { rows } = await server.db.query<{
      key: string;
      payload: unknown;
    }>(sql`select key, payload from logs
      where payload::text like '%audit@example.com%'`);
    assert.ok(rows.some((row) => row.key === 'Interaction.Register.Identifier.VerificationCode.Submit'));
    assert.ok(rows.some((row) => row.key === 'Interaction.Register.Profile.Update'));
    const text = JSON.stringify(rows);
    assert.ok(!text.includes(code) && !text.includes('secret-Password-9'));
  });

  it('a registration submitted after registration was closed is refused', async () => {
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', { event: 'Register' });
    await api.call('PATCH', '/sign-in-exp', { signInMode: 'SignIn' });
    try {
      const late = await call(browser, 'POST', '/interaction/submit');
      assert.equal(late.status, 403);
      assert.equal(late.json<ErrorBody>().code, 'auth.forbidden');
    } finally {
      await api.call('PATCH', '/sign-in-exp', { signInMode: 'SignInAndRegister' });
    }
  });

  it('social: registers a new account (email from the social profile), then signs it in again', async () => {
    const connectorData = { code: 'c', userId: 'social-1', email: 'social@example.com' };
    const registered = await signInAs(async (browser) => {
      await call(browser, 'PUT', '/interaction', { event: 'SignIn' });
      const uri = await call(browser, 'POST', '/interaction/verification/social-authorization-uri', {
        connectorId: socialId,
        state: 'xyz',
        redirectUri: 'http://localhost:3000/social-callback',
      });
      assert.equal(uri.status, 200, uri.text);
      assert.equal(new URL(uri.json<{ redirectTo: string }>().redirectTo).searchParams.get('state'), 'xyz');
      await call(browser, 'PATCH', '/interaction/identifiers', { connectorId: socialId, connectorData });
      const unknown = await call(browser, 'POST', '/interaction/submit');
      assert.equal(unknown.status, 422);
      assert.equal(unknown.json<ErrorBody>().code, 'user.identity_not_exist');
      return [
        { method: 'PUT', path: '/interaction/event', json: { event: 'Register' } },
        { method: 'PUT', path: '/interaction/profile', json: { connectorId: socialId } },
      ];
    });
    const user = (await api.call<UserInfo>('GET', `/users/${registered}`)).body;
    assert.equal(user.primaryEmail, 'social@example.com');
    assert.equal(user.identities['mock-social']?.userId, 'social-1');

    const again = await signInAs(async () => [
      { method: 'PUT', path: '/interaction', json: { event: 'SignIn' } },
      { method: 'PATCH', path: '/interaction/identifiers', json: { connectorId: socialId, connectorData } },
    ]);
    assert.equal(again, registered);
  });

  it('social: links to the existing account of the same email', async () => {
    const email = 'linked@example.com';
    const { body: existing } = await api.call<UserInfo>('POST', '/users', { primaryEmail: email });
    const linked = await signInAs(async (browser) => {
      await call(browser, 'PUT', '/interaction', { event: 'SignIn' });
      await call(browser, 'PATCH', '/interaction/identifiers', {
        connectorId: socialId,
        connectorData: { code: 'c', userId: 'social-2', email },
      });
      const unknown = await call(browser, 'POST', '/interaction/submit');
      assert.deepEqual(unknown.json<ErrorBody>().data, { relatedUser: { type: 'email', value: email } });
      return [
        { method: 'PATCH', path: '/interaction/identifiers', json: { connectorId: socialId, email } },
        { method: 'PUT', path: '/interaction/profile', json: { connectorId: socialId } },
      ];
    });
    assert.equal(linked, existing.id);
    const user = (await api.call<UserInfo>('GET', `/users/${existing.id}`)).body;
    assert.equal(user.identities['mock-social']?.userId, 'social-2');
  });

  it('social: an email the social profile does not carry is not trusted', async () => {
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', { event: 'SignIn' });
    await call(browser, 'PATCH', '/interaction/identifiers', {
      connectorId: socialId,
      connectorData: { code: 'c', userId: 'social-3', email: 'mine@example.com' },
    });
    const forged = await call(browser, 'PATCH', '/interaction/identifiers', {
      connectorId: socialId,
      email: 'someone-else@example.com',
    });
    assert.equal(forged.status, 400);
    assert.equal(forged.json<ErrorBody>().code, 'session.connector_session_not_found');
  });
});
