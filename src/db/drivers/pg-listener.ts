/**
 * LISTEN on a dedicated PostgreSQL connection (a pooled one would be handed to other queries).
 * A dropped connection is reported at once and re-established with backoff; a heartbeat query
 * detects a half-open connection (no error, no notifications) within `heartbeatMs` + its timeout.
 * Whoever listens treats every gap as "anything may have changed".
 */
import pg from 'pg';
import type { ListenHandlers } from '../driver.ts';

/** How the listener's connection shows in `pg_stat_activity`. */
export const listenerApplicationName = 'latch-listener';
const maxBackoffMs = 30_000;
const heartbeatMs = 15_000;
const heartbeatTimeoutMs = 5000;

export const listenPg = (
  config: pg.ClientConfig,
  channel: string,
  { onNotify, onState }: ListenHandlers,
): (() => Promise<void>) => {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let backoffMs = 500;

  const connect = async () => {
    if (stopped) return;
    const current = new pg.Client({
      ...config,
      application_name: listenerApplicationName,
      keepAlive: true,
      query_timeout: heartbeatTimeoutMs,
    });
    client = current;
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      clearInterval(heartbeat);
      onState(false);
      current.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(connect, backoffMs);
      backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
    };
    current.on('error', onLost);
    current.on('end', onLost);
    current.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    try {
      await current.connect();
      await current.query(`listen ${pg.escapeIdentifier(channel)}`);
      if (stopped || lost) return;
      backoffMs = 500;
      heartbeat = setInterval(() => {
        current.query('select 1').catch(onLost);
      }, heartbeatMs);
      heartbeat.unref();
      onState(true);
    } catch {
      onLost();
    }
  };

  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    clearInterval(heartbeat);
    await client?.end().catch(() => undefined);
  };
};
