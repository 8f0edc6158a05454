import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { createCookieSigner } from './cookie-signer.ts';

// Keygrip's algorithm, written out: HMAC-SHA1, base64 with '/' → '_', '+' → '-', '=' dropped.
const keygrip = (data: string, key: string) =>
  createHmac('sha1', key)
    .update(data)
    .digest('base64')
    .replace(/\/|\+|=/g, (x) => ({ '/': '_', '+': '-', '=': '' })[x] ?? '');

describe('cookie signer', () => {
  const data = '_session=PfZ3m0Qv7Yy1; path=/';

  it('signs as keygrip does, with the first key', () => {
    for (const value of [data, '', 'ünïcode ✓', 'x'.repeat(500)])
      assert.equal(createCookieSigner(['new', 'old']).sign(value), keygrip(value, 'new'));
  });

  it('verifies a signature by any key and tells which; refuses others', () => {
    const signer = createCookieSigner(['new', 'old']);
    assert.equal(signer.index(data, keygrip(data, 'new')), 0);
    assert.equal(signer.index(data, keygrip(data, 'old')), 1);
    assert.equal(signer.verify(data, keygrip(data, 'old')), true);
    assert.equal(signer.index(data, keygrip(data, 'other')), -1);
    assert.equal(signer.index(`${data}!`, keygrip(data, 'new')), -1);
    assert.equal(signer.index(data, keygrip(data, 'new').slice(1)), -1, 'a shorter digest');
    assert.equal(signer.index(data, ''), -1);
  });

  it('needs a key', () => {
    assert.throws(() => createCookieSigner([]));
  });
});
