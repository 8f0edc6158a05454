/**
 * The audit log (`logs`, spec §12): entries are buffered and written in one multi-row insert every
 * `flushMs` (or at `batchSize` entries), one write at a time, so a token request never waits for
 * a log write. The buffer is flushed on shutdown; a crash can lose at most the last `flushMs` of
 * entries. If the database cannot keep up, at most `maxPending` entries wait and the rest are
 * dropped and counted in the service log — memory stays bounded. A failed write is reported in
 * the service log, never to the request that caused it.
 */
import type { Queryable } from '../db/driver.ts';
import { join, json, sql } from '../db/sql.ts';
import type { Logger } from '../logger.ts';
import { generateId } from './ids.ts';

export type AuditEntry = { tenantId: string; key: string; payload: Record<string, unknown> };

export type AuditLog = {
  write(entry: AuditEntry): void;
  /** Writes everything buffered; resolves when it is stored (or failed). */
  flush(): Promise<void>;
  close(): Promise<void>;
};

export const createAuditLog = (
  db: Queryable,
  logger: Logger,
  { flushMs = 100, batchSize = 500, maxPending = 20_000 } = {},
): AuditLog => {
  // Each entry keeps the time it happened, not the time its batch was written.
  const buffer: (AuditEntry & { at: Date })[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let dropped = 0;

  const writeBatch = async () => {
    const entries = buffer.splice(0, batchSize);
    const rows = entries.map(
      ({ tenantId, key, payload, at }) =>
        sql`(${tenantId}, ${generateId()}, ${key}, ${json(payload)}, ${at})`,
    );
    try {
      await db.query(sql`insert into logs (tenant_id, id, key, payload, created_at) values ${join(rows)}`);
    } catch (error) {
      logger.error({ err: error, lost: entries.length }, 'writing audit log entries failed');
    }
  };

  const drain = async () => {
    while (buffer.length > 0) await writeBatch();
    if (dropped > 0) {
      logger.warn({ dropped }, 'audit log entries dropped: the database did not keep up');
      dropped = 0;
    }
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    writing ??= drain().finally(() => {
      writing = undefined;
    });
    return writing;
  };

  return {
    write(entry) {
      if (buffer.length >= maxPending) {
        dropped++;
        return;
      }
      buffer.push({ ...entry, at: new Date() });
      if (buffer.length >= batchSize) void flush();
      else timer ??= setTimeout(flush, flushMs);
    },
    async flush() {
      // A write in progress may have started before the latest entries: drain until empty.
      while (writing || buffer.length > 0) await flush();
    },
    async close() {
      await this.flush();
    },
  };
};
