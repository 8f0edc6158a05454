/**
 * The only module that reads the environment. `loadConfig(env)` turns it into a typed, frozen
 * object; anything invalid throws a `ConfigError` whose message names the variable, so the
 * process can stop with one clear line instead of a stack trace.
 */
import path from 'node:path';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export type DbConfig =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; poolSize: number };

export type Config = Readonly<{
  port: number;
  adminPort: number;
  /** Public URL of the `default` tenant; `undefined` means `http(s)://localhost:<port>`. */
  endpoint?: URL;
  /** Public URL of the `admin` tenant; `undefined` means `http(s)://localhost:<adminPort>`. */
  adminEndpoint?: URL;
  db: DbConfig;
  dataDir: string;
  trustProxyHeader: boolean;
  https?: Readonly<{ certPath: string; keyPath: string }>;
  logLevel: LogLevel;
  /** Enables Logto's test-only bypasses (the `development-user-id` header). Never on by default. */
  integrationTest: boolean;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** How long a graceful shutdown waits for in-flight requests, in ms. */
  shutdownTimeoutMs: number;
  /** Seed only: signing keys for new tenants (PEM or base64 PEM); generated when absent. */
  oidcPrivateKeys?: readonly string[];
  /** Seed only: cookie keys for new tenants; generated when absent. */
  oidcCookieKeys?: readonly string[];
  /** Names of the roles every new user of tenant `default` gets. */
  userDefaultRoleNames: readonly string[];
  /** Where the mock message connectors (INTEGRATION_TEST only) write the last code they sent. */
  mockConnectorRecordFile: string;
  /** Lets webhooks call loopback and private addresses (off: SSRF protection). */
  hooksAllowInternalTargets: boolean;
  /** Encrypts connector configs at rest when set (AES-256-GCM). */
  secretsEncryptionKey?: Buffer;
  /** Where `npm run cli -- connector add` installs connector packages; scanned at start. */
  connectorsDir: string;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const read = (env: Env, key: string): string | undefined => {
  const value = env[key]?.trim();
  return value === '' ? undefined : value;
};

const parsePort = (env: Env, key: string, fallback: number): number => {
  const raw = read(env, key);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  // 0 asks the OS for a free port (used by tests).
  if (!/^\d+$/.test(raw) || port > 65_535) {
    throw new ConfigError(`${key}="${raw}" is not a valid port (0-65535).`);
  }
  return port;
};

const parseBoolean = (env: Env, key: string): boolean => {
  const raw = read(env, key)?.toLowerCase();
  if (raw === undefined) return false;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${key}="${raw}" is not a boolean (use true or false).`);
};

const parseInteger = (env: Env, key: string, fallback: number, min: number, max: number): number => {
  const raw = read(env, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${key}="${raw}" must be a whole number from ${min} to ${max}.`);
  }
  return value;
};

const parseEndpoint = (env: Env, key: string): URL | undefined => {
  const raw = read(env, key);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${key}="${raw}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${key}="${raw}" must be an http:// or https:// URL.`);
  }
  if (url.search || url.hash) throw new ConfigError(`${key}="${raw}" must not have a query or fragment.`);
  // Normalise away a trailing slash so `${endpoint}/oidc` is always well formed.
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
};

const parseDbUrl = (raw: string, key: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${key} is not a URL (expected postgres://user:password@host:5432/database).`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${key} must start with postgres:// or postgresql://.`);
  }
  if (url.pathname.replace(/^\//, '') === '') {
    throw new ConfigError(`${key} must name a database (postgres://host:5432/<database>).`);
  }
  return raw;
};

/** 32 bytes, as 64 hex characters or base64; undefined when unset. */
const parseEncryptionKey = (env: Env, key: string): Buffer | undefined => {
  const raw = read(env, key);
  if (raw === undefined) return undefined;
  const bytes = /^[\da-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (bytes.length !== 32) {
    throw new ConfigError(`${key} must be 32 bytes (64 hex characters or base64); it is ${bytes.length}.`);
  }
  return bytes;
};

const parsePrivateKeys = (env: Env): string[] | undefined => {
  const raw = read(env, 'OIDC_PRIVATE_KEYS');
  if (raw === undefined) return undefined;
  return raw.split(',').map((item, index) => {
    const value = item.trim();
    const pem = value.startsWith('-----BEGIN') ? value : Buffer.from(value, 'base64').toString('utf8');
    if (!pem.includes('PRIVATE KEY-----')) {
      throw new ConfigError(
        `OIDC_PRIVATE_KEYS item ${index + 1} is not a PEM private key (plain or base64).`,
      );
    }
    return pem.replace(/\\n/g, '\n');
  });
};

export const loadConfig = (env: Env, cwd = process.cwd()): Config => {
  const port = parsePort(env, 'PORT', 3001);
  const adminPort = parsePort(env, 'ADMIN_PORT', 3002);
  if (port !== 0 && port === adminPort) {
    throw new ConfigError(`PORT and ADMIN_PORT must differ (both are ${port}).`);
  }

  const dataDir = path.resolve(cwd, read(env, 'DATA_DIR') ?? 'data');
  const dbUrlKey = read(env, 'DB_URL') ? 'DB_URL' : 'DATABASE_URL';
  const dbUrl = read(env, dbUrlKey);
  const db: DbConfig = dbUrl
    ? {
        kind: 'postgres',
        url: parseDbUrl(dbUrl, dbUrlKey),
        poolSize: parseInteger(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
      }
    : { kind: 'pglite', dataDir };

  const certPath = read(env, 'HTTPS_CERT_PATH');
  const keyPath = read(env, 'HTTPS_KEY_PATH');
  if (Boolean(certPath) !== Boolean(keyPath)) {
    throw new ConfigError(`HTTPS_CERT_PATH and HTTPS_KEY_PATH must be set together (only one is set).`);
  }

  const logLevel = (read(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!logLevels.includes(logLevel as LogLevel)) {
    throw new ConfigError(`LOG_LEVEL="${logLevel}" is not one of ${logLevels.join(', ')}.`);
  }

  return Object.freeze({
    port,
    adminPort,
    endpoint: parseEndpoint(env, 'ENDPOINT'),
    adminEndpoint: parseEndpoint(env, 'ADMIN_ENDPOINT'),
    db: Object.freeze(db),
    dataDir,
    trustProxyHeader: parseBoolean(env, 'TRUST_PROXY_HEADER'),
    https: certPath && keyPath ? Object.freeze({ certPath, keyPath }) : undefined,
    logLevel: logLevel as LogLevel,
    integrationTest: parseBoolean(env, 'INTEGRATION_TEST'),
    bodyLimit: parseInteger(env, 'BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
    shutdownTimeoutMs: parseInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    oidcPrivateKeys: parsePrivateKeys(env),
    oidcCookieKeys: read(env, 'OIDC_COOKIE_KEYS')
      ?.split(',')
      .map((key) => key.trim())
      .filter(Boolean),
    hooksAllowInternalTargets: parseBoolean(env, 'HOOKS_ALLOW_INTERNAL_TARGETS'),
    secretsEncryptionKey: parseEncryptionKey(env, 'SECRETS_ENCRYPTION_KEY'),
    connectorsDir: path.resolve(cwd, read(env, 'CONNECTORS_DIR') ?? path.join(dataDir, 'connectors')),
    mockConnectorRecordFile:
      read(env, 'MOCK_CONNECTOR_RECORD_FILE') ?? '/tmp/logto_mock_verification_code_record.txt',
    userDefaultRoleNames: Object.freeze(
      (read(env, 'USER_DEFAULT_ROLE_NAMES') ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  });
};
