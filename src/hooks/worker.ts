/**
 * Sends the outbox's webhook deliveries: claims due ones (exclusively, across instances), POSTs
 * each with a 10 s timeout, signed with HMAC-SHA256 over the exact body
 * (`logto-signature-sha-256`, hex, the hook's signing key), and marks it delivered (2xx) or
 * schedules a retry with exponential backoff until its attempts (`retries` + 1) are spent. Every
 * attempt is logged as `TriggerHook.<event>`. A worker that dies mid-delivery leaves a claim
 * that expires: the delivery is sent again (at least once; `logto-delivery-id` lets receivers
 * drop a repeat).
 */
import { createHmac } from 'node:crypto';
import type { Queryable } from '../db/driver.ts';
import {
  claimDeliveries,
  type Delivery,
  markAttemptFailed,
  markDelivered,
} from '../db/queries/hook-deliveries.ts';
import type { AuditLog } from '../libraries/audit-log.ts';
import type { Logger } from '../logger.ts';
import { refuseTarget } from './target.ts';

const claimSeconds = 30;
const timeoutMs = 10_000;
const batchSize = 20;
const maxBackoffSeconds = 300;

export type HookWorker = { wake(): void; stop(): Promise<void> };

export const signBody = (body: string, key: string) => createHmac('sha256', key).update(body).digest('hex');

/** The start of the receiver's answer, for the log: at most `limit` bytes are read. */
const readBody = async (response: Response, limit = 2000) => {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader && size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader?.cancel().catch(() => undefined);
  const text = Buffer.concat(chunks).toString('utf8').slice(0, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export const startHookWorker = (
  db: Queryable,
  audit: AuditLog,
  logger: Logger,
  { allowInternalTargets = false, pollMs = 1000 } = {},
): HookWorker => {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const send = async (delivery: Delivery) => {
    const body = JSON.stringify(delivery.payload);
    const log = (result: 'Success' | 'Error', extra: Record<string, unknown>) =>
      audit.write({
        tenantId: delivery.tenantId,
        key: `TriggerHook.${delivery.event}`,
        payload: {
          result,
          hookId: delivery.hookId,
          deliveryId: delivery.id,
          attempt: delivery.attempts,
          json: delivery.payload,
          ...extra,
        },
      });
    const fail = async (error: string, retry: boolean) => {
      const retryIn =
        retry && delivery.attempts < delivery.maxAttempts
          ? Math.min(2 ** (delivery.attempts - 1), maxBackoffSeconds)
          : undefined;
      await markAttemptFailed(db, delivery.tenantId, delivery.id, delivery.attempts, error, retryIn);
    };
    // The whole attempt (lookup and request) ends well before the claim does.
    const refused = await Promise.race([
      refuseTarget(delivery.url, allowInternalTargets),
      new Promise<string>((resolve) => setTimeout(() => resolve('cannot resolve (timeout)'), 5000).unref()),
    ]);
    if (refused) {
      log('Error', { error: `Refused: ${refused}` });
      // A name that does not resolve now may later; an internal address stays refused.
      await fail(`Refused: ${refused}`, refused.startsWith('cannot resolve'));
      return;
    }
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'user-agent': 'Logto (https://logto.io)',
          ...(delivery.headers ?? {}),
          'content-type': 'application/json',
          'logto-signature-sha-256': signBody(body, delivery.signingKey),
          'logto-delivery-id': delivery.id,
        },
        body,
      });
      const responseBody = await readBody(response);
      if (response.ok) {
        log('Success', { response: { statusCode: response.status, body: responseBody } });
        await markDelivered(db, delivery.tenantId, delivery.id, delivery.attempts);
        return;
      }
      log('Error', { response: { statusCode: response.status, body: responseBody } });
      await fail(`HTTP ${response.status}`, true);
    } catch (error) {
      const message = `${(error as Error).name}: ${(error as Error).message}`;
      log('Error', { error: message });
      await fail(message, true);
    }
  };

  const drain = async () => {
    do {
      again = false;
      const deliveries = await claimDeliveries(db, batchSize, claimSeconds);
      await Promise.allSettled(deliveries.map(send));
      if (deliveries.length === batchSize) again = true;
    } while (again && !stopped);
  };

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = drain()
      .catch((error: unknown) => logger.warn({ err: error }, 'webhook delivery round failed'))
      .finally(() => {
        running = undefined;
        if (stopped) return;
        timer = setTimeout(run, pollMs);
        timer.unref();
      });
  };

  timer = setTimeout(run, pollMs);
  timer.unref();
  return {
    wake: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
