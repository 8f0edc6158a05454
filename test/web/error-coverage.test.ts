/**
 * The sign-in pages answer every error the experience API can return: each code thrown on its
 * path has a phrase (or moves the flow on), every phrase exists in the built-in English
 * translation, and the supplement is complete in each language it ships.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { en as errorCatalogue } from '../../src/i18n/errors/en.ts';
import { builtInTranslation } from '../../src/i18n/ui-phrases.ts';
import { uiSupplement } from '../../src/i18n/ui-supplement.ts';
import { errorPhrases, flowErrors, phraseFor } from '../../web/experience/src/errors.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sources = [
  'src/interaction',
  'src/routes/interaction',
  'src/oidc/interaction.ts',
  'src/libraries/lockout.ts',
  'src/libraries/verification-codes.ts',
  'src/connectors/host.ts',
  'src/connectors/mock/index.ts',
  'src/connectors/social-user-info.ts',
  'src/connectors/oidc.ts',
  'src/connectors/oauth2.ts',
  'src/connectors/packages.ts',
];
const files = sources.flatMap((source) => {
  const full = path.join(root, source);
  return fs.statSync(full).isDirectory()
    ? fs
        .readdirSync(full)
        .filter((name) => name.endsWith('.ts'))
        .map((name) => path.join(full, name))
    : [full];
});

/** Codes as written in those files, plus the families they build from a variable. */
const thrownCodes = () => {
  const codes = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(
      /'((?:session|user|verification_code|auth|connector|guard)\.[a-z_]+)'/g,
    )) {
      codes.add(match[1]!);
    }
  }
  for (const key of Object.keys(errorCatalogue.verification_code)) codes.add(`verification_code.${key}`);
  for (const field of ['username', 'email', 'phone', 'password'])
    codes.add(`user.${field}_exists_in_profile`);
  for (const field of ['username', 'email', 'phone']) codes.add(`user.${field}_already_in_use`);
  return codes;
};

const lookup = (tree: unknown, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

describe('sign-in pages: error coverage', () => {
  it('has a phrase for every code the experience API throws (flow codes too, for when they cannot move on)', () => {
    const missing = [...thrownCodes()].filter((code) => phraseFor(code) === undefined);
    assert.deepEqual(missing, []);
  });

  it('uses only phrases the built-in English translation has', () => {
    const english = builtInTranslation('en');
    const keys = [...Object.values(errorPhrases), ...[...flowErrors].map((code) => phraseFor(code)!)];
    const unknown = keys.filter((key) => typeof lookup(english, key) !== 'string');
    assert.deepEqual(unknown, []);
  });

  it('ships the supplement whole in the languages of Logto 1.0’s pages, and English under the others', () => {
    const keys = (tree: object, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    const english = keys(uiSupplement.en!);
    for (const language of ['de', 'fr', 'ko', 'pt-BR', 'pt-PT', 'ru', 'tr-TR', 'zh-CN']) {
      assert.deepEqual(keys(uiSupplement[language]!).sort(), [...english].sort(), language);
      const translation = builtInTranslation(language);
      assert.equal(
        lookup(translation, 'error.invalid_credentials'),
        lookup(uiSupplement[language], 'error.invalid_credentials'),
      );
    }
    assert.equal(lookup(builtInTranslation('ja'), 'demo_app.sign_out'), 'Sign out');
  });
});
