/**
 * Webhook events into the outbox (spec §9): one delivery per hook of the event, written with the
 * caller's transaction handle, so a delivery exists exactly when the event committed.
 */
import type { Queryable } from '../db/driver.ts';
import { insertDeliveries } from '../db/queries/hook-deliveries.ts';
import { findHooks, type HookEvent } from '../db/queries/hooks.ts';
import { generateId } from '../libraries/ids.ts';

export type HookEventPayload = {
  interactionEvent: string;
  sessionId?: string;
  userAgent?: string;
  userId: string;
  user: object;
  application?: { id: string; type: string; name: string; description: string | null };
};

/**
 * Returns how many deliveries were queued. The payload is built only when a hook listens (most
 * sign-ins have none, and then cost one query here).
 */
export const enqueueHookEvent = async (
  tx: Queryable,
  tenantId: string,
  event: HookEvent,
  buildPayload: () => Promise<HookEventPayload>,
) => {
  const hooks = await findHooks(tx, tenantId, event);
  if (hooks.length === 0) return 0;
  const payload = await buildPayload();
  const createdAt = new Date().toISOString();
  await insertDeliveries(
    tx,
    hooks.map((hook) => ({
      tenantId,
      id: generateId(),
      hookId: hook.id,
      event,
      payload: { hookId: hook.id, event, createdAt, ...payload },
      maxAttempts: Math.max(0, hook.config.retries ?? 0) + 1,
    })),
  );
  return hooks.length;
};
