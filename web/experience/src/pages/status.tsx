/** Consent (granted without asking, spec Q10), the unknown-session page, errors and "not found". */
import { api } from '../api.ts';
import { Button, FormError, Layout, Link } from '../components/layout.tsx';
import { phraseFor } from '../errors.ts';
import { useOnce, useStep } from '../flow.ts';
import { useT } from '../i18n.tsx';
import { useLocation } from '../router.ts';

export const Consent = () => {
  const t = useT();
  const { busy, error, run } = useStep();
  const grant = () =>
    run(async () => {
      const { redirectTo } = await api.consent();
      window.location.assign(redirectTo);
      return 'left';
    });
  useOnce(() => void grant());
  return (
    <Layout title={t('action.continue')}>
      <p className="subtitle" aria-live="polite">
        {error ? '' : t('description.redirecting')}
      </p>
      <FormError message={error} />
      {error ? (
        <Button type="button" busy={busy} onClick={() => void grant()}>
          {t('action.continue')}
        </Button>
      ) : null}
    </Layout>
  );
};

/** The application the last sign-in came from (set by the server when it served a page). */
const returnAddress = () => {
  // Over https only the `__Host-` cookie counts: a sibling site could plant the plain one.
  const name = window.location.protocol === 'https:' ? '__Host-latch_return' : 'latch_return';
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(document.cookie);
  if (!match?.[1]) return undefined;
  try {
    const address = new URL(decodeURIComponent(match[1]));
    return address.protocol === 'https:' || address.protocol === 'http:' ? address.href : undefined;
  } catch {
    return undefined;
  }
};

const GoBack = () => {
  const t = useT();
  const back = returnAddress();
  if (back) {
    return (
      <a className="button primary" href={back}>
        {t('description.back_to_app')}
      </a>
    );
  }
  // Opened directly, there is nowhere to go back to: the message is all there is.
  if (window.history.length <= 1) return null;
  return (
    <Button type="button" onClick={() => window.history.back()}>
      {t('action.back')}
    </Button>
  );
};

export const UnknownSession = () => {
  const t = useT();
  return (
    <Layout title={t('description.session_expired')}>
      <p className="subtitle">{t('error.invalid_session')}</p>
      <GoBack />
    </Layout>
  );
};

export const ErrorPage = () => {
  const t = useT();
  const { query } = useLocation();
  const code = query.get('code') ?? '';
  const key = phraseFor(code);
  return (
    <Layout title={t('error.something_went_wrong')}>
      <p className="subtitle">{t(key ?? 'error.unknown')}</p>
      {code ? <p className="code">{t('description.error_code', { code })}</p> : null}
      <p className="aside">
        <Link to="/sign-in">{t('action.back')}</Link>
      </p>
    </Layout>
  );
};

export const NotFound = () => {
  const t = useT();
  return (
    <Layout title={t('description.not_found')}>
      <GoBack />
    </Layout>
  );
};
