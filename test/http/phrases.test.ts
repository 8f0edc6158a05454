import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { devAuth, managementClient } from '../clients/management.ts';
import { addMockConnectors, newRecordFile } from '../support/connectors.ts';
import { type ErrorBody, request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

type Phrases = { translation: { action: { sign_in: string; create_account?: string } } };

describe('custom phrases and the .well-known endpoints', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  const phrases = (query: string, headers: Record<string, string> = {}) =>
    request<Phrases>(`${server.user}/api/.well-known/phrases${query}`, { headers });

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true', MOCK_CONNECTOR_RECORD_FILE: newRecordFile() });
    api = managementClient(server.user, devAuth);
  });
  after(() => server.close());

  it('serves the built-in phrases by lng, Accept-Language, or the fallback', async () => {
    assert.equal((await phrases('')).body.translation.action.sign_in, 'Sign in');
    const german = await phrases('', { 'accept-language': 'de-CH, de;q=0.9, en;q=0.5' });
    assert.equal(german.body.translation.action.sign_in, 'Anmelden');
    assert.equal(german.headers.get('content-language'), 'de');
    assert.equal((await phrases('?lng=fr')).body.translation.action.sign_in, 'Connexion');
    assert.equal((await phrases('?lng=xx-XX')).headers.get('content-language'), 'en');
  });

  it('stores custom phrases checked against the phrase keys, and lays them over the built-in ones', async () => {
    const unknownKey = await api.call<ErrorBody>('PUT', '/custom-phrases/de', { action: { fly: 'Fliegen' } });
    assert.equal(unknownKey.status, 400);
    assert.equal(unknownKey.body.code, 'localization.invalid_translation_structure');
    const inherited = await api.call<ErrorBody>('PUT', '/custom-phrases/de', { constructor: { name: 'x' } });
    assert.equal(inherited.body.code, 'localization.invalid_translation_structure', 'own keys only');
    const wrongKind = await api.call<ErrorBody>('PUT', '/custom-phrases/de', { action: 'Anmelden' });
    assert.equal(wrongKind.body.code, 'localization.invalid_translation_structure');
    const badTag = await api.call<ErrorBody>('PUT', '/custom-phrases/klingon', { action: { sign_in: 'x' } });
    assert.equal(badTag.status, 400);
    assert.equal(badTag.body.code, 'guard.invalid_input');

    const stored = await api.call<{ id: string; translation: unknown }>('PUT', '/custom-phrases/de', {
      action: { sign_in: 'Einloggen', create_account: '' },
    });
    assert.equal(stored.status, 200);
    assert.deepEqual(stored.body.translation, { action: { sign_in: 'Einloggen' } }, 'empty texts dropped');
    const again = await api.call<{ id: string }>('PUT', '/custom-phrases/de', {
      action: { sign_in: 'Rein' },
    });
    assert.equal(again.body.id, stored.body.id, 'the row is replaced, its id kept');
    const german = await phrases('?lng=de');
    assert.equal(german.body.translation.action.sign_in, 'Rein');
    assert.equal(german.body.translation.action.create_account, 'Konto erstellen');

    // A language Latch does not ship, with custom phrases: English underneath.
    await api.call('PUT', '/custom-phrases/nl-NL', { action: { sign_in: 'Inloggen' } });
    const dutch = await phrases('?lng=nl-NL');
    assert.equal(dutch.body.translation.action.sign_in, 'Inloggen');
    assert.equal(dutch.body.translation.action.create_account, 'Create account');
    assert.deepEqual(
      (await api.call<{ languageTag: string }[]>('GET', '/custom-phrases')).body.map(
        (row) => row.languageTag,
      ),
      ['de', 'nl-NL'],
    );

    // The fallback language's phrases cannot be deleted.
    await api.call('PATCH', '/sign-in-exp', {
      languageInfo: { autoDetect: true, fallbackLanguage: 'nl-NL' },
    });
    const fallback = await api.call<ErrorBody>('DELETE', '/custom-phrases/nl-NL');
    assert.equal(fallback.body.code, 'localization.cannot_delete_default_language');
    await api.call('PATCH', '/sign-in-exp', { languageInfo: { autoDetect: true, fallbackLanguage: 'en' } });
    assert.equal((await api.call('DELETE', '/custom-phrases/nl-NL')).status, 204);
    assert.equal((await api.call('GET', '/custom-phrases/nl-NL')).status, 404);
  });

  it('serves the sign-in experience with its social connectors and reset options', async () => {
    type Experience = {
      signInMode: string;
      socialConnectors: { id: string; target: string }[];
      forgotPassword: object;
    };
    const before = await request<Experience>(`${server.user}/api/.well-known/sign-in-exp`);
    assert.deepEqual(before.body.forgotPassword, { email: false, phone: false });
    assert.deepEqual(before.body.socialConnectors, []);
    const { social } = await addMockConnectors(api);
    await api.call('PATCH', '/sign-in-exp', {
      socialSignInConnectorTargets: ['mock-social'],
      signInMode: 'SignIn',
    });
    const after = await request<Experience>(`${server.user}/api/.well-known/sign-in-exp`);
    assert.equal(after.body.signInMode, 'SignIn', 'a change is visible at once');
    assert.deepEqual(after.body.forgotPassword, { email: true, phone: true });
    assert.deepEqual(
      after.body.socialConnectors.map((connector) => [connector.id, connector.target]),
      [[social, 'mock-social']],
    );
    assert.ok(!JSON.stringify(after.body).includes('clientSecret'), 'no connector config');
  });

  it('tells the admin tenant where a tenant is served', async () => {
    const found = await request<{ user: string }>(`${server.admin}/api/.well-known/endpoints/default`);
    assert.equal(found.body.user, `${server.user}/`);
    assert.equal((await request(`${server.user}/api/.well-known/endpoints/default`)).status, 404);
  });
});
