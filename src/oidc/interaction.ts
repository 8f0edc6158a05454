/**
 * The bridge between the experience API (`/api/interaction/*`) and the provider's pending
 * interaction: the `_interaction` cookie names it; without one (or once it expired) the caller
 * gets `session.not_found` (400), as spec §8.1.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors, type InteractionResults } from 'oidc-provider';
import { ApiError } from '../errors/api-error.ts';
import type { AppContext } from '../http/types.ts';

export type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export const sessionNotFound = () => new ApiError('session.not_found', { status: 400 });

export const loadInteraction = async (provider: Provider, ctx: AppContext): Promise<Interaction> => {
  try {
    return await provider.interactionDetails(ctx.req as IncomingMessage, ctx.res as ServerResponse);
  } catch (error) {
    if (error instanceof errors.SessionNotFound) throw sessionNotFound();
    throw error;
  }
};

/**
 * Stores `result` on the loaded interaction (merged into the last submission unless `merge` is
 * false, as the provider's own `interactionResult` does — without loading it a second time) and
 * returns where the browser continues (`/oidc/auth/:uid`).
 */
export const storeInteractionResult = async (
  interaction: Interaction,
  result: InteractionResults,
  { merge = true }: { merge?: boolean } = {},
): Promise<string> => {
  interaction.result =
    merge && !('error' in result)
      ? { ...interaction.lastSubmission, ...result }
      : (result as typeof interaction.result);
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  return interaction.returnTo;
};
