/**
 * Audit entries of the experience API (spec §12.1): routes add `Interaction.<Event>.…` entries as
 * they go; when the request ends — successfully or not — each is written with the request's ip,
 * user agent, application, session and interaction, and `result` Success or Error (with the
 * error's code). Passwords never reach an entry, hashed or not.
 */

import { toApiError } from '../http/error-mapping.ts';
import type { AppContext, AppMiddleware } from '../http/types.ts';
import type { AuditLog } from '../libraries/audit-log.ts';

export type InteractionLog = {
  /** Request-wide fields (the interaction, once loaded). */
  set(fields: { applicationId?: string; sessionId?: string; interactionId?: string; userId?: string }): void;
  add(key: string, payload?: Record<string, unknown>): void;
};

const secretKeys = new Set(['password', 'passwordEncrypted', 'verificationCode', 'connectorData']);

/** A copy with every secret value masked, at any depth. */
export const maskSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, secretKeys.has(key) ? '******' : maskSecrets(inner)]),
    );
  }
  return value;
};

export const interactionLogOf = (ctx: AppContext): InteractionLog =>
  ctx.state.interactionLog ?? { set: () => undefined, add: () => undefined };

export const interactionAudit =
  (audit: AuditLog): AppMiddleware =>
  async (ctx, next) => {
    if (!ctx.path.startsWith('/api/interaction')) return next();
    const entries: { key: string; payload: Record<string, unknown> }[] = [];
    let fields: Record<string, unknown> = {};
    ctx.state.interactionLog = {
      set(given) {
        fields = { ...fields, ...given };
      },
      add(key, payload = {}) {
        entries.push({ key, payload });
      },
    };
    const write = (outcome: Record<string, unknown>) => {
      for (const { key, payload } of entries) {
        audit.write({
          tenantId: ctx.state.tenant.id,
          key,
          payload: maskSecrets({
            ip: ctx.ip,
            userAgent: ctx.get('user-agent') || undefined,
            ...fields,
            ...payload,
            key,
            ...outcome,
          }) as Record<string, unknown>,
        });
      }
    };
    try {
      await next();
      write({ result: 'Success' });
    } catch (error) {
      const known = toApiError(error);
      write({
        result: 'Error',
        error: known
          ? { message: known.message, code: known.code, data: known.data }
          : { message: 'Internal error' },
      });
      throw error;
    }
  };
