import { type ReactNode, useEffect, useRef } from 'react';
import { useExperience } from '../context.ts';
import { useT } from '../i18n.tsx';
import { navigate, useLocation } from '../router.ts';
import { logoFor } from '../theme.ts';

/**
 * One page: the tenant's logo, a heading, the demo app's tip when it sent the visitor, the content.
 * On arrival the page's first field has focus; a page without one focuses its heading, so screen
 * readers announce where the visitor is.
 */
export const Layout = ({ title, children }: { title: string; children: ReactNode }) => {
  const experience = useExperience();
  const t = useT();
  const { path, query } = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  const logo = logoFor(experience);
  const notification = query.get('notification');
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    if (path && (document.activeElement === document.body || !document.activeElement)) {
      heading.current?.focus({ preventScroll: true });
    }
  }, [path]);
  return (
    <main className="page">
      <div className="card">
        {logo ? (
          <img
            className="logo"
            src={logo}
            alt=""
            onError={(event) => {
              // An unreachable logo leaves no empty frame.
              event.currentTarget.hidden = true;
            }}
          />
        ) : null}
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {notification?.startsWith('demo_app.') && t(notification) !== notification ? (
          <Notice>{t(notification)}</Notice>
        ) : null}
        {children}
      </div>
    </main>
  );
};

/** Messages the page announces: reserved space, so an error never moves the form. */
export const FormError = ({ message }: { message?: string | undefined }) => (
  <div className="form-error" role="alert" aria-live="assertive">
    {message ?? ''}
  </div>
);

export const Notice = ({ children }: { children: ReactNode }) => (
  <output className="notice">{children}</output>
);

/** Moves to `to` after rendering (never during it). */
export const Redirect = ({ to }: { to: string }) => {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
};

export const Button = ({
  children,
  busy = false,
  kind = 'primary',
  type = 'submit',
  onClick,
}: {
  children: ReactNode;
  busy?: boolean;
  kind?: 'primary' | 'secondary';
  type?: 'submit' | 'button';
  onClick?: () => void;
}) => (
  // Not `disabled`: a focused button keeps focus; the step runs once anyway (flow.ts).
  <button className={`button ${kind}`} type={type} aria-disabled={busy} aria-busy={busy} onClick={onClick}>
    {children}
  </button>
);

/** An in-page link: the router moves on without reloading; a new tab still works. */
export const Link = ({ to, children }: { to: string; children: ReactNode }) => (
  <a
    className="link"
    href={to}
    onClick={(event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(to);
    }}
  >
    {children}
  </a>
);
