/**
 * Social sign-in: `/social/landing/:connectorId` asks for the provider's address and goes there;
 * the provider returns to `/callback/:connectorId`; an identity no account has yet leads to
 * `/social/link/:connectorId` (link it to the account with the same email / phone, or create one).
 */
import { useRef } from 'react';
import { api } from '../api.ts';
import { Button, FormError, Layout, Link } from '../components/layout.tsx';
import { useExperience } from '../context.ts';
import { canRegister, socialName } from '../experience.ts';
import { finish, useOnce, useStep } from '../flow.ts';
import { useLanguage, useT } from '../i18n.tsx';
import { readFlow, useLocation } from '../router.ts';
import { callbackUri, startSocialSignIn, takePendingSocial } from '../social.ts';

const useConnectorName = (connectorId: string) => {
  const { socialConnectors } = useExperience();
  const language = useLanguage();
  const connector = socialConnectors.find((candidate) => candidate.id === connectorId);
  return connector ? socialName(connector, language) : connectorId;
};

/** A page that only says it is on its way (or why it is not). */
const Redirecting = ({ title, error }: { title: string; error: string | undefined }) => {
  const t = useT();
  return (
    <Layout title={title}>
      <p className="subtitle">{error ? '' : t('description.redirecting')}</p>
      <FormError message={error} />
      <p className="aside">
        <Link to="/sign-in">{t('action.back')}</Link>
      </p>
    </Layout>
  );
};

/** `/social/landing/:connectorId` (and `/sign-in/social/:connectorId`): straight to the provider. */
export const SocialLanding = ({ connectorId }: { connectorId: string }) => {
  const t = useT();
  const experience = useExperience();
  const name = useConnectorName(connectorId);
  const { error, run } = useStep();
  useOnce(() => void run(() => startSocialSignIn(connectorId, experience)));
  return <Redirecting title={t('action.sign_in_with', { name })} error={error} />;
};

export const SocialCallback = ({ connectorId }: { connectorId: string }) => {
  const t = useT();
  const { query } = useLocation();
  const name = useConnectorName(connectorId);
  const context = useRef({ connectorId }).current;
  const { error, setError, run } = useStep(context);
  useOnce(() => {
    const pending = takePendingSocial(connectorId, query.get('state'));
    if (!pending) {
      setError(t('error.invalid_connector_auth'));
      return;
    }
    // What the provider sent back, and the address it was sent to (connectors exchange codes with it).
    const connectorData = { ...Object.fromEntries(query.entries()), redirectUri: callbackUri(connectorId) };
    void run(async () => {
      await api.identify({ connectorId, connectorData });
      if (pending.event === 'Register') await api.replaceProfile({ connectorId });
      return finish();
    });
  });
  return <Redirecting title={t('action.sign_in_with', { name })} error={error} />;
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
