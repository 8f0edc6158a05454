/**
 * The sign-in pages in a real browser (Debian's Chromium): the demo app registers, signs out and
 * in again; a wrong password, an emailed code, a forgotten password, a social sign-in, consent,
 * branding (custom CSS, dark mode), another language, and the bad inputs of the issue. Every page
 * is photographed at desktop and phone size (test-artifacts/screenshots/).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { json, sql } from '../../src/db/sql.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { accessibilityProblems, launchChromium, screenshot } from '../support/chromium.ts';
import { addMockConnectors, lastCode, newRecordFile } from '../support/connectors.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createUser, testPassword } from '../support/users.ts';

const usernameOnly = {
  signUp: { identifiers: ['username'], password: true, verify: false },
  signIn: {
    methods: [{ identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true }],
  },
  socialSignInConnectorTargets: [],
  termsOfUseUrl: null,
  privacyPolicyUrl: null,
  customCss: null,
  color: { primaryColor: '#6139F6', isDarkModeEnabled: false, darkPrimaryColor: '#8768F8' },
  languageInfo: { autoDetect: true, fallbackLanguage: 'en' },
  signInMode: 'SignInAndRegister',
  branding: {},
};

const emailAndUsername = {
  signUp: { identifiers: ['email'], password: false, verify: true },
  signIn: {
    methods: [
      { identifier: 'email', password: true, verificationCode: true, isPasswordPrimary: false },
      { identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true },
    ],
  },
};

describe('sign-in pages in Chromium', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const recordFile = newRecordFile();
  let connectors: Awaited<ReturnType<typeof addMockConnectors>>;

  const experience = async (patch: Record<string, unknown>) => {
    const response = await api.call('PATCH', '/sign-in-exp', patch);
    assert.equal(response.status, 200, response.text);
  };

  /** Opens the demo app and follows "Sign in" (or "Create account") to the sign-in pages. */
  const openSignIn = async (target: Page = page, button = 'Sign in') => {
    await target.goto(`${server.user}/demo-app`);
    await target.getByRole('button', { name: button, exact: true }).click();
    await target.waitForURL(/\/(sign-in|register)(\?|$)/);
    await target.locator('h1').waitFor();
  };

  /** Waits for the demo app to show the signed-in person's claims; returns them. */
  const claims = async (target: Page = page) => {
    await target.waitForURL(`${server.user}/demo-app`);
    await target.locator('dl.claims').waitFor();
    const entries = await target
      .locator('dl.claims > div')
      .evaluateAll((rows) =>
        rows.map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]),
      );
    return Object.fromEntries(entries) as Record<string, string>;
  };

  /** A value computed in the page (written as page code: this file is compiled without the DOM). */
  const inPage = <T>(target: Page, expression: string) => target.evaluate<T>(expression);
  const style = (target: Page, selector: string, property: string) =>
    inPage<string>(
      target,
      `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`,
    );

  /** Photographs the page (desktop and phone) and holds it to WCAG 2.1 AA (axe-core). */
  const photograph = async (target: Page, name: string) => {
    await screenshot(target, name);
    assert.deepEqual(await accessibilityProblems(target), [], `accessibility of ${name}`);
  };

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true', MOCK_CONNECTOR_RECORD_FILE: recordFile });
    api = managementClient(server.user, devAuth);
    connectors = await addMockConnectors(api);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    await context?.close();
    await experience(usernameOnly);
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
  });

  it('registers with a username and password through the demo app and shows the claims', async () => {
    await page.goto(`${server.user}/demo-app`);
    await photograph(page, 'demo-app-signed-out');
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await page.waitForURL(/\/register\?/);
    assert.match((await page.locator('.notice').textContent()) ?? '', /Create an account first/);
    await photograph(page, 'register');
    const username = `web_${Date.now().toString(36)}`;
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByLabel('Confirm password').fill(testPassword);
    await page.getByRole('button', { name: 'Create account' }).click();
    const seen = await claims();
    assert.equal(seen.username, username);
    assert.ok(seen.sub);
    await photograph(page, 'demo-app-claims');

    // Sign out, then sign in again with the same account.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.user}/demo-app`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/sign-in\?/);
    await photograph(page, 'sign-in-password-form');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.keyboard.press('Enter');
    assert.equal((await claims()).sub, seen.sub);
  });

  it('a wrong password says so, in place, and the account is not locked out of a right one', async () => {
    const user = await createUser(server);
    await openSignIn();
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password', { exact: true }).fill('not-the-Password-9');
    const before = await page.getByRole('button', { name: 'Sign in' }).boundingBox();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The account or password is incorrect.' }).waitFor();
    await photograph(page, 'sign-in-wrong-password');
    // No layout shift: the message had its place already.
    assert.deepEqual(await page.getByRole('button', { name: 'Sign in' }).boundingBox(), before);
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal((await claims()).sub, user.id);
  });

  it('signs in with a code sent by email (identifier first), read from the mock connector', async () => {
    await experience(emailAndUsername);
    const user = await createUser(server);
    await openSignIn();
    await photograph(page, 'sign-in-identifier-first');
    await page.getByLabel('Email or Username').fill(user.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/sign-in\/verification-code$/);
    await page.getByText(/Resend after \d+ seconds/).waitFor();
    await photograph(page, 'verification-code');
    const { code, address, type } = lastCode(recordFile);
    assert.equal(address, user.email);
    assert.equal(type, 'SignIn');
    // A wrong code first: a clear message, the page stays.
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('Enter verification code').fill(wrong);
    await page.getByRole('alert').filter({ hasText: 'The verification code is invalid' }).waitFor();
    await page.getByLabel('Enter verification code').fill(code);
    assert.equal((await claims()).sub, user.id);
  });

  it('resets a forgotten password with an emailed code, then signs in with the new one', async () => {
    await experience(emailAndUsername);
    const user = await createUser(server);
    await openSignIn();
    await page.getByLabel('Email or Username').fill(user.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/verification-code$/);
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByLabel('Email or Username').fill(user.username);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/sign-in\/password$/);
    await photograph(page, 'sign-in-password');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await photograph(page, 'forgot-password');
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/forgot-password\/verification-code$/);
    await page.getByLabel('Enter verification code').fill(lastCode(recordFile).code);
    await page.waitForURL(/\/forgot-password\/reset$/);
    // The policy first: too weak, then not matching, then right.
    await page.getByLabel('New password').fill('short');
    await page.getByLabel('Confirm password').fill('short');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Password requires a minimum of 8 characters').waitFor();
    await photograph(page, 'reset-password-weak');
    const fresh = 'fresh-Password-2';
    await page.getByLabel('New password').fill(fresh);
    await page.getByLabel('Confirm password').fill(`${fresh}x`);
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Your passwords don’t match').waitFor();
    await page.getByLabel('Confirm password').fill(fresh);
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByText('Password changed').waitFor();
    await page.getByLabel('Email or Username').fill(user.username);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Password', { exact: true }).fill(fresh);
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.equal((await claims()).sub, user.id);
  });

  /** The "provider": sends the browser straight back with a code and the identity to report. */
  const socialProvider = (identity: Record<string, string>) =>
    context.route('http://mock.social.com/**', async (route) => {
      const asked = new URL(route.request().url());
      const back = new URL(asked.searchParams.get('redirect_uri')!);
      back.search = new URLSearchParams({
        state: asked.searchParams.get('state')!,
        code: 'ok',
        ...identity,
      }).toString();
      await route.fulfill({ status: 302, headers: { location: back.href } });
    });

  it('signs in with the mock social connector: a new identity creates an account', async () => {
    await experience({ socialSignInConnectorTargets: ['mock-social'] });
    const socialId = `social-${Date.now().toString(36)}`;
    await socialProvider({ userId: socialId });
    await openSignIn();
    await photograph(page, 'sign-in-with-social');
    await page.getByRole('button', { name: 'Continue with Mock Social' }).click();
    await page.waitForURL(/\/social\/link\//);
    await photograph(page, 'social-link');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The experience signs up with a username: the new account is asked for one.
    await page.waitForURL(/\/continue\/username$/);
    await photograph(page, 'continue-username');
    await page.getByLabel('Username').fill(`social_${Date.now().toString(36)}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    const seen = await claims();
    const { body } = await api.call<{ identities: Record<string, { userId: string }> }>(
      'GET',
      `/users/${seen.sub}`,
    );
    assert.equal(body.identities['mock-social']?.userId, socialId);

    // The same identity signs in straight away next time.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Continue with Mock Social' }).click();
    assert.equal((await claims()).sub, seen.sub);
  });

  it('links a social identity to the existing account with the same email', async () => {
    await experience({ socialSignInConnectorTargets: ['mock-social'] });
    const user = await createUser(server);
    await socialProvider({ userId: `linked-${Date.now().toString(36)}`, email: user.email });
    await openSignIn();
    await page.getByRole('button', { name: 'Continue with Mock Social' }).click();
    await page.waitForURL(/\/social\/link\//);
    await page.getByRole('button', { name: `Link with ${user.email}` }).click();
    assert.equal((await claims()).sub, user.id);
  });

  it('passes the consent page (granted without asking, as Logto does) on every demo-app sign-in', async () => {
    const user = await createUser(server);
    const visited: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname);
    });
    await openSignIn();
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await claims();
    assert.ok(visited.includes('/sign-in/consent'), visited.join(' → '));
  });

  it('applies the custom CSS and, when enabled, the dark mode with its primary colour', async (t) => {
    await experience({
      customCss: 'h1 { letter-spacing: 3px; }',
      color: { primaryColor: '#0A7F3F', isDarkModeEnabled: true, darkPrimaryColor: '#F4A100' },
      branding: { logoUrl: 'https://example.com/light.svg', darkLogoUrl: 'https://example.com/dark.svg' },
    });
    const dark = await browser.newContext({ colorScheme: 'dark', locale: 'en-US' });
    t.after(() => dark.close());
    const darkPage = await dark.newPage();
    await openSignIn(darkPage);
    const look = {
      theme: await inPage<string>(darkPage, 'document.documentElement.dataset.theme'),
      spacing: await style(darkPage, 'h1', 'letterSpacing'),
      background: await style(darkPage, 'body', 'backgroundColor'),
      button: await style(darkPage, '.button.primary', 'backgroundColor'),
      // The text on the tenant's light orange is dark, so it reads (checked by axe-core too).
      label: await style(darkPage, '.button.primary', 'color'),
    };
    assert.equal(await darkPage.locator('img.logo').getAttribute('src'), 'https://example.com/dark.svg');
    await photograph(darkPage, 'sign-in-dark-custom-css');
    assert.equal(look.theme, 'dark');
    assert.equal(look.spacing, '3px');
    assert.equal(look.button, 'rgb(244, 161, 0)');
    assert.equal(look.label, 'rgb(0, 0, 0)');
    assert.notEqual(look.background, 'rgb(247, 248, 248)');
    // In light mode: the light primary colour.
    await openSignIn();
    const button = await style(page, '.button.primary', 'backgroundColor');
    assert.equal(button, 'rgb(10, 127, 63)');
    assert.equal(await page.locator('img.logo').getAttribute('src'), 'https://example.com/light.svg');
  });

  it('speaks the browser’s language, with the tenant’s custom phrases over the built-in ones', async (t) => {
    const phrase = await api.call('PUT', '/custom-phrases/de', { action: { sign_in: 'Jetzt anmelden' } });
    assert.equal(phrase.status, 200, phrase.text);
    t.after(async () => {
      await api.call('DELETE', '/custom-phrases/de');
    });
    const german = await browser.newContext({ locale: 'de-DE' });
    t.after(() => german.close());
    const germanPage = await german.newPage();
    await openSignIn(germanPage, 'Anmelden');
    await photograph(germanPage, 'sign-in-german');
    assert.equal(await germanPage.locator('html').getAttribute('lang'), 'de');
    await germanPage.getByRole('button', { name: 'Jetzt anmelden' }).waitFor();
    await germanPage.getByLabel('Benutzername').fill('nobody_here');
    await germanPage.getByLabel('Passwort', { exact: true }).fill('wrong-Password-1');
    await germanPage.getByRole('button', { name: 'Jetzt anmelden' }).click();
    await germanPage.getByRole('alert').filter({ hasText: 'Konto oder Passwort ist falsch.' }).waitFor();
  });

  it('checks empty and malformed input before asking the server', async () => {
    await experience({ ...emailAndUsername, termsOfUseUrl: 'https://example.com/terms' });
    let apiCalls = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/interaction')) apiCalls += 1;
    });
    await openSignIn();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Email or Username is required').waitFor();
    await page.getByLabel('Email or Username').fill('someone@nowhere');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('The email is invalid').waitFor();
    await page.getByLabel('Email or Username').fill('9lives');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Username should not start with a number').waitFor();
    // A valid identifier still needs the terms.
    await page.getByLabel('Email or Username').fill('someone@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'To proceed, please agree to the Terms of Use.' })
      .waitFor();
    await photograph(page, 'sign-in-bad-input');
    assert.equal(apiCalls, 0);
    const input = page.getByLabel('Email or Username');
    assert.equal(await input.getAttribute('aria-invalid'), null);
  });

  it('a double-clicked submit sends one request', async () => {
    const user = await createUser(server);
    let puts = 0;
    page.on('request', (request) => {
      if (request.method() === 'PUT' && new URL(request.url()).pathname === '/api/interaction') puts += 1;
    });
    await openSignIn();
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).dblclick();
    await claims();
    assert.equal(puts, 1);
  });

  it('keeps working with the back button in the middle of a flow', async () => {
    await experience(emailAndUsername);
    const user = await createUser(server);
    await openSignIn();
    await page.getByLabel('Email or Username').fill(user.username);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/sign-in\/password$/);
    await page.goBack();
    await page.waitForURL(/\/sign-in\?/);
    assert.equal(await page.getByLabel('Email or Username').inputValue(), user.username);
    await page.goForward();
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.equal((await claims()).sub, user.id);
  });

  it('an expired interaction shows the unknown-session page with a way back to the application', async () => {
    await openSignIn();
    await context.clearCookies({ name: '_interaction' });
    await page.goto(`${server.user}/sign-in`);
    await page.waitForURL(/\/unknown-session$/);
    await photograph(page, 'unknown-session');
    const back = page.getByRole('link', { name: 'Back to the application' });
    assert.equal(await back.getAttribute('href'), `${server.user}/demo-app`);
    await back.click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();

    // Mid-flow, an API call that finds no interaction goes to the same page.
    await openSignIn();
    await page.getByLabel('Username').fill('someone');
    await context.clearCookies({ name: '_interaction' });
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/unknown-session$/);
  });

  it('is usable with the keyboard alone and fits a 320 px phone', async () => {
    const user = await createUser(server);
    await page.setViewportSize({ width: 320, height: 640 });
    await openSignIn();
    // The first field has focus on arrival; Tab walks the form in order.
    assert.equal(await inPage(page, "document.activeElement?.getAttribute('name')"), 'identifier');
    await page.keyboard.type(user.username);
    await page.keyboard.press('Tab');
    assert.equal(await inPage(page, "document.activeElement?.getAttribute('name')"), 'password');
    const outline = await inPage(page, 'getComputedStyle(document.activeElement).outlineStyle');
    assert.equal(outline, 'solid');
    await page.keyboard.type(testPassword);
    const overflow = await inPage(page, 'document.documentElement.scrollWidth > window.innerWidth');
    assert.equal(overflow, false);
    await page.keyboard.press('Enter');
    assert.equal((await claims()).sub, user.id);
  });

  it('registers with an emailed code, then sets the password the experience asks for', async () => {
    await experience({
      signUp: { identifiers: ['email'], password: true, verify: true },
      signIn: {
        methods: [{ identifier: 'email', password: true, verificationCode: true, isPasswordPrimary: false }],
      },
    });
    const email = `coded_${Date.now().toString(36)}@example.com`;
    await openSignIn(page, 'Create account');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/register\/verification-code$/);
    await page.getByLabel('Enter verification code').fill(lastCode(recordFile).code);
    await page.waitForURL(/\/continue\/password$/);
    await photograph(page, 'continue-password');
    await page.getByLabel('New password').fill('coded-Password-3');
    await page.getByLabel('Confirm password').fill('coded-Password-3');
    await page.getByRole('button', { name: 'Save password' }).click();
    const seen = await claims();
    assert.equal(seen.email, email);
  });

  it('follows the sign-in mode: register only, sign in only', async () => {
    await experience({ signInMode: 'Register' });
    await page.goto(`${server.user}/demo-app`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/register$/);
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Sign in' }).count(), 0);

    await experience({ signInMode: 'SignIn' });
    await page.goto(`${server.user}/demo-app`);
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole('heading', { name: 'Sign in to your account' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Create account' }).count(), 0);
  });

  it('refuses a social callback this browser did not start (login CSRF)', async () => {
    await experience({ socialSignInConnectorTargets: ['mock-social'] });
    let identified = false;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/interaction/identifiers')) identified = true;
    });
    await openSignIn();
    await page.goto(`${server.user}/callback/${connectors.social}?state=forged&code=x&userId=attacker`);
    await page.getByRole('alert').filter({ hasText: 'The authorization is invalid' }).waitFor();
    assert.equal(identified, false);
  });

  it('shows its own page for a malformed or unknown address, never a blank one', async () => {
    await page.goto(`${server.user}/x/%E0%A4%A`);
    await page.getByRole('heading', { name: '404 Not Found' }).waitFor();
    await photograph(page, 'not-found');
    await page.goto(`${server.user}/error?code=session.verification_failed`);
    await page.getByText('The sign-in steps got out of order').waitFor();
    await photograph(page, 'error');
    await page.goto(`${server.user}/sign-in/nothing-here`);
    await page.getByRole('heading', { name: '404 Not Found' }).waitFor();
  });

  it('sends a browser without a sign-in to the operator’s page when one is configured', async () => {
    const target = 'https://example.com/session-expired';
    await server.db.query(
      sql`insert into logto_configs (tenant_id, key, value) values ('default', 'sessionNotFoundRedirectUrl', ${json({ url: target })})`,
    );
    try {
      const response = await fetch(`${server.user}/sign-in`, { redirect: 'manual' });
      assert.equal(response.headers.get('location'), target);
    } finally {
      await server.db.query(
        sql`delete from logto_configs where tenant_id = 'default' and key = 'sessionNotFoundRedirectUrl'`,
      );
    }
  });

  it('offers the code when a method has one, even with the password first', async () => {
    await experience({
      signIn: {
        methods: [
          { identifier: 'email', password: true, verificationCode: true, isPasswordPrimary: true },
          { identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true },
        ],
      },
    });
    const user = await createUser(server);
    await openSignIn();
    await page.getByLabel('Email or Username').fill(user.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/sign-in\/password$/);
    await page.getByRole('button', { name: 'Sign in with verification code' }).click();
    await page.waitForURL(/\/sign-in\/verification-code$/);
    await page.getByLabel('Enter verification code').fill(lastCode(recordFile).code);
    assert.equal((await claims()).sub, user.id);
  });

  it('signs in with a code sent by SMS, the number typed as people write it', async () => {
    await experience({
      signUp: { identifiers: ['phone'], password: false, verify: true },
      signIn: {
        methods: [{ identifier: 'phone', password: false, verificationCode: true, isPasswordPrimary: false }],
      },
    });
    const digits = `1555${Date.now().toString().slice(-7)}`;
    const user = await createUser(server, { primaryPhone: digits });
    await openSignIn();
    await page
      .getByLabel('Phone number')
      .fill(`+${digits.slice(0, 1)} (${digits.slice(1, 4)}) ${digits.slice(4)}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/sign-in\/verification-code$/);
    const sent = lastCode(recordFile);
    assert.equal(sent.phone, digits);
    await page.getByLabel('Enter verification code').fill(sent.code);
    const seen = await claims();
    assert.equal(seen.sub, user.id);
    assert.equal(seen.phone_number, digits);
  });

  it('serves hashed assets for a year, pages never cached, and the script gzipped', async () => {
    const html = await fetch(`${server.user}/unknown-session`);
    assert.equal(html.headers.get('cache-control'), 'no-cache');
    assert.equal(html.headers.get('content-security-policy'), `frame-ancestors 'self' ${server.admin}`);
    const script = (await html.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    assert.ok(script);
    const asset = await fetch(`${server.user}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(asset.headers.get('content-encoding'), 'gzip');
    const missing = await fetch(`${server.user}/assets/nothing-here.js`);
    assert.equal(missing.status, 404);
    const unknown = await fetch(`${server.user}/no/such/page`, { headers: { accept: 'text/html' } });
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /<div id="root">/);
    const guarded = await fetch(`${server.user}/sign-in`, { redirect: 'manual' });
    assert.equal(guarded.status, 302);
    assert.equal(guarded.headers.get('location'), `${server.user}/unknown-session`);
  });
});
