/**
 * OIDC key material (spec §10.3): private keys are PKCS#8 PEM strings (see key-store.ts for how
 * they are stored and rotated); the first one signs, every key's public half is published. The `kid` is the
 * RFC 7638 JWK thumbprint (SHA-256 over the required public members), so it is stable.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';

export type PublicJwk = {
  kty: string;
  kid: string;
  alg: string;
  use: 'sig';
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
};

/** A new private key: EC P-384 by default (Logto's; tokens are signed ES384), or RSA 2048 (RS256). */
export const generateSigningKey = (algorithm: 'EC' | 'RSA' = 'EC'): string =>
  (algorithm === 'RSA'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-384' })
  ).privateKey
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();

/** A cookie-signing key: 32 random bytes (Logto used a 21-character id; this is stronger). */
export const generateCookieKey = (): string => randomBytes(32).toString('base64url');

const curveAlgorithms: Readonly<Record<string, string>> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
};

const thumbprint = (members: Record<string, string | undefined>): string =>
  createHash('sha256').update(JSON.stringify(members)).digest('base64url');

export const toPublicJwk = (privateKeyPem: string): PublicJwk => {
  const jwk = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: 'jwk' });
  if (jwk.kty === 'EC' && jwk.crv && jwk.x && jwk.y) {
    const alg = curveAlgorithms[jwk.crv];
    if (!alg) throw new Error(`Unsupported EC curve ${jwk.crv}`);
    // RFC 7638 §3.2: required members in lexicographic order.
    const kid = thumbprint({ crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y });
    return { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg, use: 'sig' };
  }
  if (jwk.kty === 'RSA' && jwk.n && jwk.e) {
    const kid = thumbprint({ e: jwk.e, kty: 'RSA', n: jwk.n });
    return { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' };
  }
  throw new Error(`Unsupported signing key type ${jwk.kty}`);
};
