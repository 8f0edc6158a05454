/**
 * The experience API's state between requests (spec §8.1): kept as the provider's pending
 * interaction `result`, so it lives exactly as long as the interaction and needs no table.
 */
import type Provider from 'oidc-provider';
import { ApiError } from '../errors/api-error.ts';
import type { AppContext } from '../http/types.ts';
import { type Interaction, loadInteraction, storeInteractionResult } from '../oidc/interaction.ts';
import { interactionLogOf } from './audit.ts';
import {
  type IdentifierPayload,
  type InteractionEvent,
  type InteractionStorage,
  storageGuard,
  type VerifiedIdentifier,
} from './types.ts';

export type LoadedInteraction = Awaited<ReturnType<typeof loadInteraction>>;

/** The interaction and its storage (undefined before `PUT /interaction`, or after it was cleared). */
export const loadStorage = async (provider: Provider, ctx: AppContext) => {
  const interaction = await loadInteraction(provider, ctx);
  const parsed = storageGuard.safeParse(interaction.result);
  const storage = parsed.success ? parsed.data : undefined;
  interactionLogOf(ctx).set({
    applicationId: String(interaction.params.client_id),
    sessionId: interaction.session?.uid,
    interactionId: interaction.jti,
    userId: storage?.accountId,
  });
  return { interaction, storage };
};

export const requireStorage = async (provider: Provider, ctx: AppContext) => {
  const { interaction, storage } = await loadStorage(provider, ctx);
  if (!storage) throw new ApiError('session.verification_session_not_found', { status: 404 });
  return { interaction, storage };
};

export const saveStorage = async (interaction: Interaction, storage: InteractionStorage | object) => {
  await storeInteractionResult(interaction, storage as never, { merge: false });
};

/** Adds a verified identifier, replacing one of the same key (only one of each kind is kept). */
export const mergeIdentifier = (
  identifiers: readonly VerifiedIdentifier[] | undefined,
  identifier: VerifiedIdentifier,
): VerifiedIdentifier[] => [...(identifiers ?? []).filter((kept) => kept.key !== identifier.key), identifier];

/** The audit key of verifying an identifier (spec §12.1; social keeps the event, quirk Q17 fixed). */
export const identifierLogKey = (event: InteractionEvent, payload: IdentifierPayload) =>
  `Interaction.${event}.Identifier.${
    'password' in payload ? 'Password' : 'verificationCode' in payload ? 'VerificationCode' : 'Social'
  }.Submit`;
