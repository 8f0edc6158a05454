/**
 * The structured logger (pino). Secrets never reach a log line: these paths are redacted wherever
 * they appear in a logged object, and request logs carry the path without its query string.
 */
import pino from 'pino';
import type { LogLevel } from './config/index.ts';

export type Logger = pino.Logger;

const secretKeys = [
  'password',
  'newPassword',
  'passwordEncrypted',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'code_verifier',
  'verificationCode',
  'authorization',
  'cookie',
  'set-cookie',
  'privateKeys',
  'cookieKeys',
  'connectionString',
];

export const redactPaths = [
  ...secretKeys,
  ...secretKeys.map((key) => `*.${key}`),
  ...secretKeys.map((key) => `*.*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export const createLogger = (level: LogLevel, destination?: pino.DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'latch' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
