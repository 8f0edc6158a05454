/**
 * A small history router: pages navigate with `navigate()`, the back button works, and the flow's
 * state (what is being verified) lives in sessionStorage so a reload or "back" keeps it.
 */
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};
window.addEventListener('popstate', emit);

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

const current = () => `${window.location.pathname}${window.location.search}`;

export const useLocation = () => {
  const href = useSyncExternalStore(subscribe, current);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
};

export const navigate = (to: string, { replace = false }: { replace?: boolean } = {}) => {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  emit();
};

/** The identifier a code or password is for, and where the flow came from. */
export type FlowState = {
  identifier?: { type: 'username' | 'email' | 'phone'; value: string };
  /** Set on social sign-in: the connector and what it told about the person. */
  social?: { connectorId: string; relatedUser?: { type: 'email' | 'phone'; value: string } };
  /** The message shown once on the next page (e.g. "password changed"). */
  notice?: string;
};

const flowKey = 'latch:flow';

export const readFlow = (): FlowState => {
  try {
    return JSON.parse(window.sessionStorage.getItem(flowKey) ?? '{}') as FlowState;
  } catch {
    return {};
  }
};

export const writeFlow = (state: FlowState) => {
  window.sessionStorage.setItem(flowKey, JSON.stringify(state));
};

export const updateFlow = (patch: Partial<FlowState>) => writeFlow({ ...readFlow(), ...patch });
