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

const readBody = async (response: Response) => {
  const text = (await response.text()).slice(0, 2000);
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
      await markAttemptFailed(db, delivery.tenantId, delivery.id, error, retryIn);
    };
    const refused = await refuseTarget(delivery.url, allowInternalTargets);
    if (refused) {
      log('Error', { error: `Refused: ${refused}` });
      await fail(`Refused: ${refused}`, false);
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
        await markDelivered(db, delivery.tenantId, delivery.id);
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
      await Promise.all(deliveries.map(send));
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
