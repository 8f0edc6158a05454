/**
 * The audit log (`logs`, spec §12): entries are buffered and written in one multi-row insert every
 * `flushMs` (or at `maxBatch` entries), so a token request never waits for a log write. The
 * buffer is flushed on shutdown; a crash can lose at most the last `flushMs` of entries. A
 * failed write is reported in the service log, never to the request that caused it.
 */
import type { Queryable } from '../db/driver.ts';
import { join, json, sql } from '../db/sql.ts';
import type { Logger } from '../logger.ts';
import { generateId } from './ids.ts';

export type AuditEntry = { tenantId: string; key: string; payload: Record<string, unknown> };

export type AuditLog = {
  write(entry: AuditEntry): void;
  flush(): Promise<void>;
  close(): Promise<void>;
};

export const createAuditLog = (
  db: Queryable,
  logger: Logger,
  { flushMs = 100, maxBatch = 500 } = {},
): AuditLog => {
  // Each entry keeps the time it happened, not the time its batch was written.
  let buffer: (AuditEntry & { at: Date })[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (buffer.length === 0) return writing;
    const entries = buffer;
    buffer = [];
    const rows = entries.map(
      ({ tenantId, key, payload, at }) =>
        sql`(${tenantId}, ${generateId()}, ${key}, ${json(payload)}, ${at})`,
    );
    writing = writing
      .then(() =>
        db.query(sql`insert into logs (tenant_id, id, key, payload, created_at) values ${join(rows)}`),
      )
      .then(
        () => undefined,
        (error: unknown) =>
          logger.error({ err: error, lost: entries.length }, 'writing audit log entries failed'),
      );
    return writing;
  };

  return {
    write(entry) {
      buffer.push({ ...entry, at: new Date() });
      if (buffer.length >= maxBatch) void flush();
      else timer ??= setTimeout(flush, flushMs);
    },
    flush,
    close: flush,
  };
};
