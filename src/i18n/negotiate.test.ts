import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { negotiateLanguage } from './negotiate.ts';

describe('negotiateLanguage', () => {
  const supported = ['en', 'de', 'pt-BR', 'zh-CN'];
  const cases: [string | undefined, string][] = [
    [undefined, 'en'],
    ['de', 'de'],
    ['fr;q=1, de;q=0.5', 'de'],
    ['de-AT', 'de'],
    ['pt-br', 'pt-BR'],
    ['zh-CN;q=0.2, de;q=0.9', 'de'],
    ['de;q=0, en;q=0.1', 'en'],
    ['*', 'en'],
    ['ko', 'en'],
    [';;,,', 'en'],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected}`, () => {
      assert.equal(negotiateLanguage(header, supported), expected);
    });
  }
});

describe('bare language ranges', () => {
  it('take the first supported tag of their language', () => {
    assert.equal(negotiateLanguage('pl', ['en', 'pl-PL']), 'pl-PL');
    assert.equal(negotiateLanguage('tr, en;q=0.5', ['en', 'tr-TR']), 'tr-TR');
    // A region the server lacks does not borrow another region's tag.
    assert.equal(negotiateLanguage('zh-TW', ['en', 'zh-CN']), 'en');
  });
});
