/**
 * Running one step of a flow: a double click runs it once, errors that move the flow on
 * (missing profile, unknown social identity, expired session) navigate, the rest become a message.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError, api } from './api.ts';
import { errorMessage } from './errors.ts';
import { useT } from './i18n.tsx';
import { navigate, updateFlow } from './router.ts';

/** Submits the interaction and follows the provider back to the application. */
export const finish = async (): Promise<'left' | undefined> => {
  const result = await api.submit();
  if (result?.redirectTo) {
    window.location.assign(result.redirectTo);
    return 'left';
  }
  return undefined;
};

const continuePaths: Record<string, string> = {
  password: 'password',
  username: 'username',
  email: 'email',
  phone: 'phone',
  emailOrPhone: 'email-or-phone',
};

/** Errors that decide the next page; true when it navigated. */
export const followFlowError = (error: unknown, context: { connectorId?: string } = {}): boolean => {
  if (!(error instanceof ApiRequestError)) return false;
  if (error.code === 'session.not_found') {
    // A full load: the server's guard decides (the operator's page, or /unknown-session).
    window.location.assign('/sign-in');
    return true;
  }
  if (error.code === 'user.missing_profile') {
    const missing = (error.data as { missingProfile?: string[] } | undefined)?.missingProfile?.[0];
    const path = missing ? continuePaths[missing] : undefined;
    if (!path) return false;
    navigate(`/continue/${path}`);
    return true;
  }
  if (error.code === 'user.identity_not_exist' && context.connectorId) {
    const relatedUser = (
      error.data as { relatedUser?: { type: 'email' | 'phone'; value: string } } | undefined
    )?.relatedUser;
    updateFlow({ social: { connectorId: context.connectorId, ...(relatedUser ? { relatedUser } : {}) } });
    navigate(`/social/link/${encodeURIComponent(context.connectorId)}`, { replace: true });
    return true;
  }
  return false;
};

/** Runs `effect` once per mount, even if React renders twice. */
export const useOnce = (effect: () => void) => {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    effect();
  });
};

export type Step = () => Promise<unknown>;

/**
 * `run(step)` runs one step at a time (a second click while it runs does nothing), keeps the
 * button busy while the browser leaves for the application, and turns errors into `error`.
 * `onError` may claim an error first (return true) to show its own prompt.
 */
export const useStep = (context: { connectorId?: string } = {}) => {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const running = useRef(false);
  const run = useCallback(
    async (step: Step, onError?: (error: unknown) => boolean) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setError(undefined);
      let left = false;
      try {
        left = (await step()) === 'left';
      } catch (caught) {
        if (!onError?.(caught) && !followFlowError(caught, context)) setError(errorMessage(caught, t));
      } finally {
        if (!left) {
          running.current = false;
          setBusy(false);
        }
      }
    },
    [t, context],
  );
  return { busy, error, setError, run };
};
