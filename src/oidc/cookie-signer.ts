/**
 * Signatures of the provider's cookies, in the format of `keygrip` (what Koa's `cookies` uses:
 * HMAC-SHA1 in unpadded base64url, the first key signs, every key verifies), so cookies signed
 * before still verify. Keygrip checks a signature by computing it and then comparing through
 * `tsscmp`, which computes two more HMACs; here one HMAC and `timingSafeEqual` do it, on every
 * request that carries the provider's cookies.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type CookieSigner = {
  sign(data: string): string;
  verify(data: string, digest: string): boolean;
  /** Which key signed `digest` (-1: none). */
  index(data: string, digest: string): number;
};

export const createCookieSigner = (keys: readonly string[]): CookieSigner => {
  const [first] = keys;
  if (first === undefined) throw new Error('A cookie key is required.');
  const sign = (data: string, key: string) => createHmac('sha1', key).update(data).digest('base64url');
  const index = (data: string, digest: string) => {
    const given = Buffer.from(digest);
    for (const [position, key] of keys.entries()) {
      const expected = Buffer.from(sign(data, key));
      if (expected.length === given.length && timingSafeEqual(expected, given)) return position;
    }
    return -1;
  };
  return {
    sign: (data) => sign(data, first),
    verify: (data, digest) => index(data, digest) > -1,
    index,
  };
};
