/**
 * The social round trip: start it (the provider's address, bound to a random `state` kept in this
 * tab) and, back at `/callback/:connectorId`, check that this tab started it (no login CSRF).
 */
import { api } from './api.ts';
import type { Experience } from './experience.ts';

type Pending = { state: string; event: 'SignIn' | 'Register' };

const stateKey = (connectorId: string) => `latch:social:${connectorId}`;

export const callbackUri = (connectorId: string) =>
  `${window.location.origin}/callback/${encodeURIComponent(connectorId)}`;

const randomState = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  );

/** Starts the interaction and leaves for the provider. */
export const startSocialSignIn = async (connectorId: string, experience: Experience): Promise<'left'> => {
  const pending: Pending = {
    state: randomState(),
    // Where only registration is open, a social sign-in registers (spec §8.5 gating).
    event: experience.signInMode === 'Register' ? 'Register' : 'SignIn',
  };
  await api.start(pending.event);
  window.sessionStorage.setItem(stateKey(connectorId), JSON.stringify(pending));
  const { redirectTo } = await api.socialUri(connectorId, pending.state, callbackUri(connectorId));
  window.location.assign(redirectTo);
  return 'left';
};

/** The round trip this tab started for `connectorId` if `state` is its state (used once). */
export const takePendingSocial = (connectorId: string, state: string | null): Pending | undefined => {
  let pending: Pending | null = null;
  try {
    pending = JSON.parse(window.sessionStorage.getItem(stateKey(connectorId)) ?? 'null') as Pending | null;
  } catch {
    pending = null;
  }
  if (!pending || state !== pending.state) return undefined;
  window.sessionStorage.removeItem(stateKey(connectorId));
  return pending;
};
