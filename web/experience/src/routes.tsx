/** Path → page, for the paths of spec §1.4 (the server's list is src/pages/serve.ts). */
import type { ReactElement } from 'react';
import { Redirect } from './components/layout.tsx';
import { Continue, type ContinueMethod } from './pages/continue.tsx';
import { ForgotPassword, ResetPassword } from './pages/forgot-password.tsx';
import { Register } from './pages/register.tsx';
import { SignIn, SignInPassword } from './pages/sign-in.tsx';
import { SocialCallback, SocialLanding, SocialLink } from './pages/social.tsx';
import { Consent, ErrorPage, NotFound, UnknownSession } from './pages/status.tsx';
import { type CodeFlow, VerificationCode } from './pages/verification-code.tsx';
import { useLocation } from './router.ts';

const continueMethods = new Set(['password', 'username', 'email', 'phone', 'email-or-phone']);

const pages: Record<string, () => ReactElement> = {
  'sign-in': () => <SignIn />,
  'sign-in/password': () => <SignInPassword />,
  'sign-in/consent': () => <Consent />,
  register: () => <Register />,
  'register/password': () => <Redirect to="/register" />,
  'forgot-password': () => <ForgotPassword />,
  'forgot-password/reset': () => <ResetPassword />,
  'unknown-session': () => <UnknownSession />,
  error: () => <ErrorPage />,
  springboard: () => <Redirect to="/sign-in" />,
};

const codeFlows = new Set(['sign-in', 'register', 'forgot-password', 'continue']);

export const Routes = () => {
  const { path } = useLocation();
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return <NotFound />;
  }
  const [first, second, third] = parts;
  if (parts.length === 0) return <Redirect to="/sign-in" />;
  const page = pages[parts.join('/')];
  if (page) return page();
  if (parts.length === 2 && second === 'verification-code' && codeFlows.has(first!)) {
    return <VerificationCode key={first} flow={first as CodeFlow} />;
  }
  if (parts.length === 2 && first === 'continue' && continueMethods.has(second!)) {
    return <Continue key={second} method={second as ContinueMethod} />;
  }
  if (parts.length === 2 && first === 'callback') return <SocialCallback connectorId={second!} />;
  if (parts.length === 3 && first === 'social' && second === 'landing') {
    return <SocialLanding key={third} connectorId={third!} />;
  }
  if (parts.length === 3 && first === 'social' && second === 'link')
    return <SocialLink connectorId={third!} />;
  // Logto's other social callback address.
  if (parts.length === 3 && first === 'sign-in' && second === 'social')
    return <SocialCallback connectorId={third!} />;
  return <NotFound />;
};
