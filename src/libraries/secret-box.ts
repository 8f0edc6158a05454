/**
 * Connector configs hold secrets (API keys, client secrets). With `SECRETS_ENCRYPTION_KEY` set they
 * are stored encrypted (AES-256-GCM, a fresh IV per write), as `{ "$encrypted": "v1:iv:tag:data" }`;
 * without it they are stored as given. A sealed value cannot be read without the key.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const marker = '$encrypted';

export type SecretBox = {
  seal(value: Record<string, unknown>): Record<string, unknown>;
  open(stored: Record<string, unknown>): Record<string, unknown>;
};

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

export const createSecretBox = (key: Buffer | undefined): SecretBox => ({
  seal(value) {
    if (!key) return value;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url'));
    return { [marker]: `v1:${parts.join(':')}` };
  },
  open(stored) {
    const sealed = stored[marker];
    if (typeof sealed !== 'string') return stored;
    if (!key)
      throw new SecretBoxError('A connector config is encrypted but SECRETS_ENCRYPTION_KEY is not set.');
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || !data) throw new SecretBoxError('Unknown encrypted value format.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new SecretBoxError(
        'A connector config cannot be decrypted with SECRETS_ENCRYPTION_KEY (wrong key?).',
      );
    }
  },
});
