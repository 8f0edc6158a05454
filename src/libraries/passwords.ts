/**
 * Password hashing: Argon2id with OWASP's parameters (19 MiB, 2 passes), computed by
 * @node-rs/argon2 on libuv's thread pool so the event loop never waits on a hash. Hashes Logto
 * made (Argon2i, 4 MiB, 256 passes; spec §13) and any other Argon2 variant verify from their
 * PHC string, and are replaced by an Argon2id hash at the next successful sign-in.
 */
import { hash, verify } from '@node-rs/argon2';

export const passwordEncryptionMethod = 'Argon2id';

const argon2Methods = new Set(['Argon2i', 'Argon2id', 'Argon2d']);

const owasp = {
  // Algorithm.Argon2id: the package's const enum cannot be imported under verbatimModuleSyntax.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

const currentPrefix = `$argon2id$v=19$m=${owasp.memoryCost},t=${owasp.timeCost},p=${owasp.parallelism}$`;

export const hashPassword = (password: string): Promise<string> => hash(password, owasp);

/** Whether a stored hash should be replaced by one with the current parameters. */
export const needsRehash = (encrypted: string, method: string | null) =>
  method !== passwordEncryptionMethod || !encrypted.startsWith(currentPrefix);

let decoy: Promise<string> | undefined;

/**
 * Checks `password` against a stored hash. Without one (unknown user, or a user without a
 * password) it verifies against a decoy hash, so the answer takes as long either way and
 * timing does not tell which accounts exist.
 */
export const verifyPassword = async (
  password: string,
  stored: { encrypted: string | null; method: string | null } | undefined,
): Promise<boolean> => {
  if (!stored?.encrypted || !stored.method || !argon2Methods.has(stored.method)) {
    decoy ??= hashPassword('decoy password for absent accounts');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored.encrypted, password).catch(() => false);
};
