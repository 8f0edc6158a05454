import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SignInExperience } from '../../src/schemas/sign-in-experience.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { addMockConnectors, newRecordFile } from '../support/connectors.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const method = (identifier: string, password: boolean, verificationCode: boolean) => ({
  identifier,
  password,
  verificationCode,
  isPasswordPrimary: password,
});

describe('/api/sign-in-exp', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  const patch = (body: Record<string, unknown>) =>
    api.call<SignInExperience & ErrorBody>('PATCH', '/sign-in-exp', body);
  const expectInvalid = async (body: Record<string, unknown>, code: string) => {
    const before = (await api.call<SignInExperience>('GET', '/sign-in-exp')).body;
    const response = await patch(body);
    assert.equal(response.status, 400, response.text);
    assert.equal(response.body.code, code);
    assert.deepEqual(
      (await api.call<SignInExperience>('GET', '/sign-in-exp')).body,
      before,
      'nothing stored',
    );
  };

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true', MOCK_CONNECTOR_RECORD_FILE: newRecordFile() });
    api = managementClient(server.user, devAuth);
  });
  after(() => server.close());

  it('returns the seeded experience', async () => {
    const { status, body } = await api.call<SignInExperience>('GET', '/sign-in-exp');
    assert.equal(status, 200);
    assert.equal(body.id, 'default');
    assert.deepEqual(body.signUp, { identifiers: ['username'], password: true, verify: false });
  });

  it('refuses what cannot work, changing nothing', async () => {
    await expectInvalid(
      { signUp: { identifiers: ['email'], password: false, verify: true } },
      'sign_in_experiences.enabled_connector_not_found',
    );
    await expectInvalid(
      { signUp: { identifiers: ['username'], password: false, verify: false } },
      'sign_in_experiences.username_requires_password',
    );
    await expectInvalid(
      { signIn: { methods: [method('username', false, false)] } },
      'sign_in_experiences.at_least_one_authentication_factor',
    );
    await expectInvalid(
      { languageInfo: { autoDetect: true, fallbackLanguage: 'xx-YY' } },
      'sign_in_experiences.unsupported_default_language',
    );
    await expectInvalid(
      { color: { primaryColor: 'red', isDarkModeEnabled: false, darkPrimaryColor: '#000' } },
      'guard.invalid_input',
    );
    await expectInvalid({ tenantId: 'admin', signInMode: 'SignIn' }, 'guard.invalid_input');

    await addMockConnectors(api);
    await expectInvalid(
      { signUp: { identifiers: ['email'], password: false, verify: false } },
      'sign_in_experiences.passwordless_requires_verify',
    );
    await expectInvalid(
      {
        signUp: { identifiers: ['email'], password: false, verify: true },
        signIn: { methods: [method('username', true, false)] },
      },
      'sign_in_experiences.miss_sign_up_identifier_in_sign_in',
    );
    await expectInvalid(
      { signIn: { methods: [method('username', false, true)] } },
      'sign_in_experiences.password_sign_in_must_be_enabled',
    );
    await expectInvalid(
      {
        signUp: { identifiers: ['email'], password: false, verify: true },
        signIn: { methods: [method('email', true, false)] },
      },
      'sign_in_experiences.code_sign_in_must_be_enabled',
    );
  });

  it('stores a valid experience, each field replaced, empty URLs as null', async () => {
    const { status, body } = await patch({
      signUp: { identifiers: ['email'], password: true, verify: true },
      signIn: { methods: [method('email', true, true), method('username', true, false)] },
      termsOfUseUrl: '',
      privacyPolicyUrl: 'https://example.com/privacy',
      signInMode: 'SignIn',
      customContent: { '/sign-in': '<p>hi</p>' },
    });
    assert.equal(status, 200);
    assert.equal(body.termsOfUseUrl, null);
    assert.equal(body.privacyPolicyUrl, 'https://example.com/privacy');
    assert.equal(body.signInMode, 'SignIn');
    assert.equal(body.signIn.methods.length, 2);
    // Replaced, not merged: the new list is all there is; untouched fields stay.
    const replaced = await patch({ signIn: { methods: [method('email', true, true)] }, customContent: {} });
    assert.deepEqual(replaced.body.signIn.methods, [method('email', true, true)]);
    assert.deepEqual(replaced.body.customContent, {});
    const stored = (await api.call<SignInExperience>('GET', '/sign-in-exp')).body;
    assert.deepEqual(stored, replaced.body);
    assert.equal(stored.privacyPolicyUrl, 'https://example.com/privacy');
  });
});
