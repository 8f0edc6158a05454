/**
 * The demo app (Logto's "live preview") at `/demo-app`: a browser-only OIDC client (`demo-app`,
 * authorization code + PKCE) that signs in through this tenant's pages and shows the person's
 * claims — what an application would receive.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { loadPhrases, type Phrases, translate } from '../src/i18n.tsx';
import '../src/styles.css';

const clientId = 'demo-app';
const redirectUri = `${window.location.origin}/demo-app`;
const pendingKey = 'latch:demo:pending';
const sessionKey = 'latch:demo:session';

type Session = { idToken: string; claims: Record<string, unknown> };

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const random = (size: number) => base64url(crypto.getRandomValues(new Uint8Array(size)));

const decodeJwtPayload = (jwt: string): Record<string, unknown> => {
  const payload = jwt.split('.')[1] ?? '';
  const text = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(text, (char) => char.charCodeAt(0))));
};

const signIn = async (signUp: boolean) => {
  const verifier = random(32);
  const state = random(16);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  window.sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state }));
  const url = new URL('/oidc/auth', window.location.origin);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile email phone',
    prompt: 'consent',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(signUp ? { interaction_mode: 'signUp' } : {}),
  }).toString();
  window.location.assign(url.href);
};

/** Back from the provider: exchange the code (checking the state), read the ID token and userinfo. */
const completeSignIn = async (query: URLSearchParams): Promise<Session> => {
  const pending = JSON.parse(window.sessionStorage.getItem(pendingKey) ?? 'null') as {
    verifier: string;
    state: string;
  } | null;
  window.sessionStorage.removeItem(pendingKey);
  if (query.get('error')) throw new Error(query.get('error_description') ?? query.get('error') ?? '');
  if (!pending || query.get('state') !== pending.state) throw new Error('state mismatch');
  const response = await fetch('/oidc/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code') ?? '',
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = (await response.json()) as { id_token?: string; access_token?: string; error?: string };
  if (!response.ok || !tokens.id_token) throw new Error(tokens.error ?? `token: ${response.status}`);
  const userinfo = tokens.access_token
    ? await fetch('/oidc/me', { headers: { authorization: `Bearer ${tokens.access_token}` } }).then(
        (reply) => (reply.ok ? (reply.json() as Promise<Record<string, unknown>>) : {}),
      )
    : {};
  const session = { idToken: tokens.id_token, claims: { ...decodeJwtPayload(tokens.id_token), ...userinfo } };
  window.sessionStorage.setItem(sessionKey, JSON.stringify(session));
  return session;
};

const signOut = (session: Session) => {
  window.sessionStorage.removeItem(sessionKey);
  const url = new URL('/oidc/session/end', window.location.origin);
  url.search = new URLSearchParams({
    client_id: clientId,
    id_token_hint: session.idToken,
    post_logout_redirect_uri: redirectUri,
    state: 'signed-out',
  }).toString();
  window.location.assign(url.href);
};

const DemoApp = ({
  phrases,
  initial,
  problem,
}: {
  phrases: Phrases;
  initial?: Session;
  problem?: string;
}) => {
  const t = (key: string, vars?: Record<string, string>) => translate(phrases, key, vars);
  const [session] = useState(initial);
  document.title = t('demo_app.title');
  const name = session
    ? String(session.claims.username ?? session.claims.name ?? session.claims.email ?? session.claims.sub)
    : '';
  return (
    <main className="page">
      <div className="card demo">
        <h1>{t('demo_app.title')}</h1>
        {session ? (
          <>
            <p className="subtitle">{t('demo_app.signed_in_as', { name })}</p>
            <h2>{t('demo_app.claims')}</h2>
            <dl className="claims">
              {Object.entries(session.claims).map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                </div>
              ))}
            </dl>
            <button type="button" className="button secondary" onClick={() => signOut(session)}>
              {t('demo_app.sign_out')}
            </button>
          </>
        ) : (
          <>
            <p className="subtitle">{t('demo_app.intro')}</p>
            <div className="form-error" role="alert">
              {problem ? `${t('error.something_went_wrong')} (${problem})` : ''}
            </div>
            <button type="button" className="button primary" onClick={() => void signIn(false)}>
              {t('demo_app.sign_in')}
            </button>
            <button type="button" className="button secondary" onClick={() => void signIn(true)}>
              {t('action.create_account')}
            </button>
          </>
        )}
      </div>
    </main>
  );
};

const start = async () => {
  const phrases = await loadPhrases();
  document.documentElement.lang = phrases.language;
  const query = new URLSearchParams(window.location.search);
  let session: Session | undefined;
  let problem: string | undefined;
  if (query.has('code') || query.has('error')) {
    try {
      session = await completeSignIn(query);
    } catch (error) {
      problem = (error as Error).message;
    }
    window.history.replaceState(null, '', '/demo-app');
  } else if (query.get('state') !== 'signed-out') {
    const stored = window.sessionStorage.getItem(sessionKey);
    session = stored ? (JSON.parse(stored) as Session) : undefined;
  }
  if (query.get('state') === 'signed-out') window.history.replaceState(null, '', '/demo-app');
  createRoot(document.getElementById('root')!).render(
    <DemoApp
      phrases={phrases}
      {...(session ? { initial: session } : {})}
      {...(problem ? { problem } : {})}
    />,
  );
};

void start();
