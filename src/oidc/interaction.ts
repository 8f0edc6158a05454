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

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export const sessionNotFound = () => new ApiError('session.not_found', { status: 400 });

export const loadInteraction = async (provider: Provider, ctx: AppContext): Promise<Interaction> => {
  try {
    return await provider.interactionDetails(ctx.req as IncomingMessage, ctx.res as ServerResponse);
  } catch (error) {
    if (error instanceof errors.SessionNotFound) throw sessionNotFound();
    throw error;
  }
};

/** Stores the interaction's outcome; returns where the browser goes next (`/oidc/auth/:uid`). */
export const finishInteraction = async (
  provider: Provider,
  ctx: AppContext,
  result: InteractionResults,
): Promise<string> => {
  try {
    return await provider.interactionResult(ctx.req as IncomingMessage, ctx.res as ServerResponse, result, {
      mergeWithLastSubmission: true,
    });
  } catch (error) {
    if (error instanceof errors.SessionNotFound) throw sessionNotFound();
    throw error;
  }
};
