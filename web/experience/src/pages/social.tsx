/**
 * Social sign-in: `/social/landing/:connectorId` asks for the provider's address and goes there;
 * the provider returns to `/callback/:connectorId`; an identity no account has yet leads to
 * `/social/link/:connectorId` (link it to the account with the same email / phone, or create one).
 */
import { useEffect, useRef } from 'react';
import { api } from '../api.ts';
import { Button, FormError, Layout, Link } from '../components/layout.tsx';
import { useExperience } from '../context.ts';
import { canRegister, socialName } from '../experience.ts';
import { finish, useStep } from '../flow.ts';
import { useLanguage, useT } from '../i18n.tsx';
import { readFlow, useLocation } from '../router.ts';

const stateKey = (connectorId: string) => `latch:social:${connectorId}`;
type Pending = { state: string; event: 'SignIn' | 'Register' };

const randomState = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
};

/** Runs `effect` once per mount, even if React renders twice. */
const useOnce = (effect: () => void) => {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    effect();
  });
};

const useConnectorName = (connectorId: string) => {
  const { socialConnectors } = useExperience();
  const language = useLanguage();
  const connector = socialConnectors.find((candidate) => candidate.id === connectorId);
  return connector ? socialName(connector, language) : connectorId;
};

export const SocialLanding = ({ connectorId }: { connectorId: string }) => {
  const t = useT();
  const experience = useExperience();
  const name = useConnectorName(connectorId);
  const { error, run } = useStep();
  useOnce(() => {
    void run(async () => {
      const pending: Pending = {
        state: randomState(),
        // Where only registration is open, a social sign-in registers (spec §8.5 gating).
        event: experience.signInMode === 'Register' ? 'Register' : 'SignIn',
      };
      await api.start(pending.event);
      window.sessionStorage.setItem(stateKey(connectorId), JSON.stringify(pending));
      const { redirectTo } = await api.socialUri(
        connectorId,
        pending.state,
        `${window.location.origin}/callback/${encodeURIComponent(connectorId)}`,
      );
      window.location.assign(redirectTo);
      return 'left';
    });
  });
  return (
    <Layout title={t('action.sign_in_with', { name })}>
      <p className="subtitle" aria-live="polite">
        {error ? '' : t('description.redirecting')}
      </p>
      <FormError message={error} />
      <p className="aside">
        <Link to="/sign-in">{t('action.back')}</Link>
      </p>
    </Layout>
  );
};

export const SocialCallback = ({ connectorId }: { connectorId: string }) => {
  const t = useT();
  const { query } = useLocation();
  const name = useConnectorName(connectorId);
  const context = useRef({ connectorId }).current;
  const { error, setError, run } = useStep(context);
  useOnce(() => {
    const pending = JSON.parse(
      window.sessionStorage.getItem(stateKey(connectorId)) ?? 'null',
    ) as Pending | null;
    // The state proves this browser started the round trip (no login CSRF).
    if (!pending || query.get('state') !== pending.state) {
      setError(t('error.invalid_connector_auth'));
      return;
    }
    window.sessionStorage.removeItem(stateKey(connectorId));
    const connectorData = Object.fromEntries(query.entries());
    void run(async () => {
      await api.identify({ connectorId, connectorData });
      if (pending.event === 'Register') await api.replaceProfile({ connectorId });
      return finish();
    });
  });
  return (
    <Layout title={t('action.sign_in_with', { name })}>
      <p className="subtitle" aria-live="polite">
        {error ? '' : t('description.redirecting')}
      </p>
      <FormError message={error} />
      <p className="aside">
        <Link to="/sign-in">{t('action.back')}</Link>
      </p>
    </Layout>
  );
};

export const SocialLink = ({ connectorId }: { connectorId: string }) => {
  const t = useT();
  const experience = useExperience();
  const social = readFlow().social;
  const related = social?.connectorId === connectorId ? social.relatedUser : undefined;
  const { busy, error, run } = useStep();
  const link = () =>
    run(async () => {
      if (!related) return;
      await api.identify(
        related.type === 'email'
          ? { connectorId, email: related.value }
          : { connectorId, phone: related.value },
      );
      await api.replaceProfile({ connectorId });
      return finish();
    });
  const create = () =>
    run(async () => {
      await api.setEvent('Register');
      await api.replaceProfile({ connectorId });
      return finish();
    });
  return (
    <Layout title={t('description.bind_account_title')}>
      <p className="subtitle">
        {related
          ? t('description.social_bind_with_existing')
          : t(canRegister(experience) ? 'description.social_create_account' : 'error.not_allowed')}
      </p>
      {related ? (
        <Button type="button" busy={busy} onClick={() => void link()}>
          {t('action.bind', { address: related.value })}
        </Button>
      ) : null}
      {canRegister(experience) ? (
        <Button
          type="button"
          kind={related ? 'secondary' : 'primary'}
          busy={busy}
          onClick={() => void create()}
        >
          {t(related ? 'action.create_account_without_linking' : 'action.create_account')}
        </Button>
      ) : null}
      <FormError message={error} />
      <p className="aside">
        <Link to="/sign-in">{t('action.back')}</Link>
      </p>
    </Layout>
  );
};
