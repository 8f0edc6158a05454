/**
 * The experience API (`/api/interaction`) driven like the sign-in pages drive it — cookies from
 * `/oidc/auth`, JSON calls, submit, consent — with openid-client finishing the OIDC side.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hash } from '@node-rs/argon2';
import * as client from 'openid-client';
import { sql } from '../../src/db/sql.ts';
import type { UserInfo } from '../../src/schemas/user.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { type Browser, createBrowser } from '../support/browser.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import {
  authorizationRequest,
  createSpaClient,
  passwordSignIn,
  signInThroughApi,
} from '../support/sign-in.ts';

const redirectUri = 'http://localhost:3000/callback';
const password = 'correct-horse-9';

describe('experience API (/api/interaction)', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  let spa: { id: string };
  let config: client.Configuration;

  const authorization = (parameters: Record<string, string> = {}) =>
    authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid profile', ...parameters });
  const tokensFor = async (callback: URL, verifier: string) =>
    client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });

  /** A browser with a pending interaction (it followed `/oidc/auth` to `/sign-in`). */
  const pending = async () => {
    const browser = createBrowser();
    const { url } = await authorization();
    assert.equal((await browser.get(url)).status, 303);
    return browser;
  };
  const call = async (browser: Browser, method: string, path: string, json?: unknown) =>
    browser.send(`${server.user}/api${path}`, { method, json });
  const expectError = async (
    response: Promise<Awaited<ReturnType<Browser['send']>>>,
    status: number,
    code: string,
  ) => {
    const { status: actual, text } = await response;
    assert.equal(actual, status, text);
    assert.equal((JSON.parse(text) as ErrorBody).code, code);
  };

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    api = managementClient(server.user, devAuth);
    ({ spa, config } = await createSpaClient(server, api, redirectUri));
  });
  after(() => server.close());

  it('registers with username and password, then signs in with them', async () => {
    const { url, verifier } = await authorization();
    const callback = await signInThroughApi(createBrowser(), url, [
      {
        method: 'PUT',
        path: '/interaction',
        json: { event: 'Register', profile: { username: 'newbie', password } },
      },
    ]);
    const registered = await tokensFor(callback, verifier);
    const sub = registered.claims()!.sub;
    const user = (await api.call<UserInfo>('GET', `/users/${sub}`)).body;
    assert.equal(user.username, 'newbie');
    assert.ok(user.lastSignInAt);
    assert.equal(user.applicationId, spa.id);

    const again = await authorization();
    const signedIn = await tokensFor(
      await signInThroughApi(createBrowser(), again.url, passwordSignIn({ username: 'newbie', password })),
      again.verifier,
    );
    assert.equal(signedIn.claims()!.sub, sub);
  });

  it('records the first application a user signs in to, and keeps it', async () => {
    const { body: created } = await api.call<UserInfo>('POST', '/users', { username: 'first_app', password });
    assert.equal(created.applicationId, null);
    const signInTo = async (flow: { config: client.Configuration }, ...[url, verifier]: [URL, string]) =>
      client.authorizationCodeGrant(
        flow.config,
        await signInThroughApi(createBrowser(), url, passwordSignIn({ username: 'first_app', password })),
        { pkceCodeVerifier: verifier },
      );
    const first = await authorization();
    await signInTo({ config }, first.url, first.verifier);
    const other = await createSpaClient(server, api, redirectUri);
    const { url, verifier } = await authorizationRequest(other.config, {
      redirect_uri: redirectUri,
      scope: 'openid',
    });
    await signInTo(other, url, verifier);
    assert.equal((await api.call<UserInfo>('GET', `/users/${created.id}`)).body.applicationId, spa.id);
  });

  it('refuses wrong and unknown credentials alike, and a suspended account once its password is right', async () => {
    const { body: user } = await api.call<UserInfo>('POST', '/users', { username: 'careful', password });
    const browser = await pending();
    const signIn = (identifier: Record<string, string>) =>
      call(browser, 'PUT', '/interaction', { event: 'SignIn', identifier });
    await expectError(
      signIn({ username: 'careful', password: 'wrong-password-1' }),
      422,
      'session.invalid_credentials',
    );
    await expectError(signIn({ username: 'nobody_here', password }), 422, 'session.invalid_credentials');
    await api.call('PATCH', `/users/${user.id}/is-suspended`, { isSuspended: true });
    await expectError(
      signIn({ username: 'careful', password: 'wrong-password-1' }),
      422,
      'session.invalid_credentials',
    );
    await expectError(signIn({ username: 'careful', password }), 401, 'user.suspended');
  });

  it('needs the interaction cookie, and a started interaction for everything but PUT', async () => {
    const stranger = createBrowser();
    await expectError(call(stranger, 'PUT', '/interaction', { event: 'SignIn' }), 400, 'session.not_found');
    await expectError(call(stranger, 'POST', '/interaction/submit'), 400, 'session.not_found');
    const browser = await pending();
    await expectError(
      call(browser, 'POST', '/interaction/submit'),
      404,
      'session.verification_session_not_found',
    );
    await expectError(
      call(browser, 'PATCH', '/interaction/identifiers', { username: 'x', password }),
      404,
      'session.verification_session_not_found',
    );
    await expectError(
      call(browser, 'PUT', '/interaction', { event: 'SignIn', identifier: { username: 'x' } }),
      400,
      'guard.invalid_input',
    );
  });

  it('checks identifiers and profile fields against the sign-in experience', async () => {
    const browser = await pending();
    // The default experience signs in with username and password only, and registers usernames.
    await expectError(
      call(browser, 'PUT', '/interaction', {
        event: 'SignIn',
        identifier: { email: 'a@example.com', password },
      }),
      422,
      'user.sign_in_method_not_enabled',
    );
    await expectError(
      call(browser, 'PUT', '/interaction', { event: 'Register', profile: { email: 'a@example.com' } }),
      422,
      'user.sign_in_method_not_enabled',
    );
  });

  it('asks for what registration needs, and refuses a taken username', async () => {
    await api.call('POST', '/users', { username: 'taken_name', password });
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', { event: 'Register' });
    const nothing = await call(browser, 'POST', '/interaction/submit');
    assert.equal(nothing.status, 422);
    assert.deepEqual(nothing.json<ErrorBody>().data, { missingProfile: ['password', 'username'] });
    await call(browser, 'PUT', '/interaction/profile', { username: 'fresh_name' });
    const noPassword = await call(browser, 'POST', '/interaction/submit');
    assert.deepEqual(noPassword.json<ErrorBody>().data, { missingProfile: ['password'] });
    await call(browser, 'PATCH', '/interaction/profile', { username: 'taken_name', password });
    await expectError(call(browser, 'POST', '/interaction/submit'), 422, 'user.username_already_in_use');
    const { rows } = await server.db.query(sql`select 1 from users where username = 'fresh_name'`);
    assert.equal(rows.length, 0, 'no partial user');
  });

  it('keeps passwords out of the stored interaction', async () => {
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', {
      event: 'Register',
      profile: { username: 'hashy', password },
    });
    const { rows } = await server.db.query<{ payload: unknown }>(
      sql`select payload from oidc_model_instances where model_name = 'Interaction'`,
    );
    const stored = JSON.stringify(rows);
    assert.ok(stored.includes('hashy'));
    assert.ok(!stored.includes(password), 'only the hash is stored');
  });

  it('switches between sign-in and registration, but not into a password reset', async () => {
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', { event: 'SignIn' });
    assert.equal((await call(browser, 'PUT', '/interaction/event', { event: 'Register' })).status, 204);
    await expectError(
      call(browser, 'PUT', '/interaction/event', { event: 'ForgotPassword' }),
      404,
      'session.interaction_not_found',
    );
  });

  it('aborting sends the client error=oidc.aborted', async () => {
    const browser = await pending();
    const aborted = await call(browser, 'DELETE', '/interaction');
    assert.equal(aborted.status, 200);
    const back = await browser.get(aborted.json<{ redirectTo: string }>().redirectTo);
    const callback = new URL(back.location!);
    assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
    assert.equal(callback.searchParams.get('error'), 'oidc.aborted');
  });

  it('accepts a Logto (Argon2i) password hash and upgrades it to Argon2id at sign-in', async () => {
    const legacy = await hash(password, { algorithm: 1, memoryCost: 4096, timeCost: 256, parallelism: 1 });
    const { body: user } = await api.call<UserInfo>('POST', '/users', { username: 'imported' });
    await server.db.query(sql`update users set password_encrypted = ${legacy}, password_encryption_method = 'Argon2i'
      where id = ${user.id}`);
    const { url, verifier } = await authorization();
    const tokens = await tokensFor(
      await signInThroughApi(createBrowser(), url, passwordSignIn({ username: 'imported', password })),
      verifier,
    );
    assert.equal(tokens.claims()!.sub, user.id);
    const { rows } = await server.db.query<{ method: string; hash: string }>(sql`select
      password_encryption_method as method, password_encrypted as hash from users where id = ${user.id}`);
    assert.equal(rows[0]!.method, 'Argon2id');
    assert.match(rows[0]!.hash, /^\$argon2id\$/);
  });

  it('writes Interaction.* audit entries, failed and successful, without passwords (GET /api/logs)', async () => {
    const { body: user } = await api.call<UserInfo>('POST', '/users', { username: 'audited', password });
    const browser = await pending();
    await call(browser, 'PUT', '/interaction', {
      event: 'SignIn',
      identifier: { username: 'audited', password: 'wrong-password-1' },
    });
    const { url, verifier } = await authorization();
    await tokensFor(
      await signInThroughApi(createBrowser(), url, passwordSignIn({ username: 'audited', password })),
      verifier,
    );
    type Log = { id: string; key: string; payload: Record<string, unknown> };
    const key = 'Interaction.SignIn.Identifier.Password.Submit';
    let logs: Log[] = [];
    for (let attempt = 0; attempt < 100 && logs.length < 2; attempt++) {
      logs = (await api.call<Log[]>('GET', `/logs?logKey=${key}&applicationId=${spa.id}&page=1`)).body.filter(
        (log) => JSON.stringify(log.payload).includes('audited'),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    assert.deepEqual(
      logs.map((log) => log.payload.result),
      ['Success', 'Error'],
      'newest first',
    );
    assert.equal((logs[1]!.payload.error as { code: string }).code, 'session.invalid_credentials');
    assert.ok(logs[0]!.payload.ip);
    assert.ok(logs[0]!.payload.interactionId);
    const text = JSON.stringify(logs);
    assert.ok(!text.includes(password) && !text.includes('wrong-password-1'), 'no password in the log');
    // Entries are written in batches, after the response: the submit's may come a moment later.
    let submits: Log[] = [];
    for (let attempt = 0; attempt < 100 && submits.length === 0; attempt++) {
      submits = (
        await api.call<Log[]>('GET', `/logs?logKey=Interaction.SignIn.Submit&userId=${user.id}&page=1`)
      ).body;
      if (submits.length === 0) await new Promise((resolve) => setTimeout(resolve, 30));
    }
    assert.equal(submits[0]?.payload.userId, user.id);
    assert.equal((await api.call<Log>('GET', `/logs/${logs[0]!.id}`)).body.key, key);
    assert.equal((await api.call('GET', '/logs/nothing')).status, 404);
  });

  it('locks an account after ten failed passwords from one address, even against the right one', async () => {
    const { body: target } = await api.call<UserInfo>('POST', '/users', {
      username: 'target',
      primaryEmail: 'target@example.com',
      password,
    });
    await api.call('POST', '/users', { username: 'bystander', password });
    await api.call<UserInfo>('PATCH', '/sign-in-exp', {
      signIn: {
        methods: [
          { identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true },
          { identifier: 'email', password: true, verificationCode: false, isPasswordPrimary: true },
        ],
      },
    });
    const browser = await pending();
    const signIn = (identifier: Record<string, string>) =>
      call(browser, 'PUT', '/interaction', { event: 'SignIn', identifier });
    // Username and email of one account share one budget; case changes do not reset it.
    for (let attempt = 0; attempt < 5; attempt++) {
      assert.equal((await signIn({ username: 'target', password: `wrong-password-${attempt}` })).status, 422);
      assert.equal(
        (await signIn({ email: 'TARGET@example.com', password: `wrong-password-${attempt}` })).status,
        422,
      );
    }
    const locked = await signIn({ username: 'target', password });
    assert.equal(locked.status, 429);
    const body = locked.json<ErrorBody & { data: { retryAfterSeconds: number } }>();
    assert.equal(body.code, 'session.verification_blocked_too_many_attempts');
    assert.ok(body.data.retryAfterSeconds > 800 && body.data.retryAfterSeconds <= 900);
    assert.equal((await signIn({ username: 'bystander', password })).status, 204);
    // The lock is in the database: it holds for every instance, and lifts when it expires.
    await server.db.query(sql`update sign_in_attempts set locked_until = now() - interval '1 second',
      window_started_at = now() - interval '16 minutes' where key like ${`subject:user:${target.id}%`}`);
    assert.equal((await signIn({ username: 'target', password })).status, 204);
    // The success cleared the count: ten more tries are allowed again.
    const { rows } = await server.db.query(
      sql`select 1 from sign_in_attempts where key like ${`subject:user:${target.id}%`}`,
    );
    assert.equal(rows.length, 0);
    await api.call('PATCH', '/sign-in-exp', {
      signIn: {
        methods: [
          { identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true },
        ],
      },
    });
  });

  it('a burst of parallel guesses gets no more than ten tries', async () => {
    await api.call('POST', '/users', { username: 'bursty', password });
    const browsers = await Promise.all(Array.from({ length: 5 }, () => pending()));
    const statuses = await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        call(browsers[index % browsers.length]!, 'PUT', '/interaction', {
          event: 'SignIn',
          identifier: { username: 'bursty', password: `wrong-password-${index}` },
        }).then((response) => response.status),
      ),
    );
    assert.equal(statuses.filter((status) => status === 422).length, 10);
    assert.equal(statuses.filter((status) => status === 429).length, 15);
  });

  it('two simultaneous registrations of one username create one user', async () => {
    const browsers = await Promise.all([pending(), pending()]);
    await Promise.all(
      browsers.map((browser) =>
        call(browser, 'PUT', '/interaction', { event: 'Register', profile: { username: 'racer', password } }),
      ),
    );
    const results = await Promise.all(
      browsers.map((browser) => call(browser, 'POST', '/interaction/submit')),
    );
    assert.deepEqual(results.map((result) => result.status).sort(), [200, 422]);
    const { rows } = await server.db.query(sql`select 1 from users where username = 'racer'`);
    assert.equal(rows.length, 1);
  });
});

describe('experience API on the admin tenant', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
  });
  after(() => server.close());

  it('the first user registered through the console administers tenant default; then registration closes', async () => {
    const config = await client.discovery(
      new URL(`${server.admin}/oidc`),
      'admin-console',
      undefined,
      client.None(),
      {
        execute: [client.allowInsecureRequests],
      },
    );
    const start = () =>
      authorizationRequest(config, {
        redirect_uri: `${server.admin}/console/callback`,
        scope: 'openid all',
        resource: 'https://default.logto.app/api',
      });
    // Sign-in is closed until the first admin exists.
    const early = createBrowser();
    await early.get((await start()).url);
    const refused = await early.send(`${server.admin}/api/interaction`, {
      method: 'PUT',
      json: { event: 'SignIn', identifier: { username: 'admin', password } },
    });
    assert.equal(refused.status, 403);

    const { url, verifier } = await start();
    const callback = await signInThroughApi(createBrowser(), url, [
      {
        method: 'PUT',
        path: '/interaction',
        json: { event: 'Register', profile: { username: 'admin', password } },
      },
    ]);
    // As the console does: the code buys a token for tenant default's management API.
    const tokens = await client.authorizationCodeGrant(
      config,
      callback,
      { pkceCodeVerifier: verifier },
      { resource: 'https://default.logto.app/api' },
    );
    const { rows } = await server.db.query<{ name: string }>(sql`select r.name from users_roles ur
      join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
      where ur.tenant_id = 'admin' and ur.user_id = ${tokens.claims()!.sub} order by r.name`);
    assert.deepEqual(
      rows.map((row) => row.name),
      ['default:admin', 'user'],
    );
    const applications = await fetch(`${server.user}/api/applications`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.equal(applications.status, 200);

    const second = createBrowser();
    await second.get((await start()).url);
    const closed = await second.send(`${server.admin}/api/interaction`, {
      method: 'PUT',
      json: { event: 'Register', profile: { username: 'second', password } },
    });
    assert.equal(closed.status, 403);
    assert.equal(closed.json<ErrorBody>().code, 'auth.forbidden');
  });
});
