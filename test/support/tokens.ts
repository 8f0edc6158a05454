/**
 * Access tokens signed with a tenant's stored signing key, shaped like the provider's RFC 9068
 * JWT access tokens. Used to test the management-API guard on its own.
 */
import { importPKCS8, type JWTPayload, SignJWT } from 'jose';
import type { Queryable } from '../../src/db/driver.ts';
import { readKeys } from '../../src/oidc/key-store.ts';
import { generateSigningKey, toPublicJwk } from '../../src/oidc/keys.ts';

export const tenantSigningKey = async (db: Queryable, tenantId: string): Promise<string> => {
  const [first] = await readKeys(db, tenantId, 'private-keys');
  if (!first) throw new Error(`tenant ${tenantId} has no signing key`);
  return first.value;
};

export const signToken = async (
  privateKeyPem: string,
  claims: JWTPayload,
  options: { typ?: string; expiresIn?: string | number } = {},
): Promise<string> => {
  const { kid, alg } = toPublicJwk(privateKeyPem);
  const key = await importPKCS8(privateKeyPem, alg);
  return new SignJWT(claims)
    .setProtectedHeader({ alg, kid, typ: options.typ ?? 'at+jwt' })
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(key);
};

/** A key no tenant has. */
export const strangerKey = () => generateSigningKey();
