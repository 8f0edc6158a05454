/**
 * `/:flow/verification-code`: the code sent to the flow's email or phone, with a resend countdown.
 * Six digits submit on their own. What happens with a right code depends on the flow.
 */
import { useEffect, useState } from 'react';
import { ApiRequestError, api } from '../api.ts';
import { Field } from '../components/fields.tsx';
import { Button, FormError, Layout, Link, Notice, Redirect } from '../components/layout.tsx';
import { useExperience } from '../context.ts';
import { canRegister } from '../experience.ts';
import { finish, useStep } from '../flow.ts';
import { useT } from '../i18n.tsx';
import { navigate, readFlow } from '../router.ts';

export type CodeFlow = 'sign-in' | 'register' | 'forgot-password' | 'continue';

const resendSeconds = 60;

export const VerificationCode = ({ flow }: { flow: CodeFlow }) => {
  const t = useT();
  const experience = useExperience();
  const identifier = readFlow().identifier;
  const { busy, error, setError, run } = useStep();
  const [code, setCode] = useState('');
  const [seconds, setSeconds] = useState(resendSeconds);
  const [resent, setResent] = useState(false);
  /** A right code for an account that does not exist (sign-in) or already exists (register). */
  const [offer, setOffer] = useState<'register' | 'sign-in'>();

  useEffect(() => {
    if (seconds <= 0) return;
    const timer = setTimeout(() => setSeconds(seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [seconds]);

  if (!identifier || identifier.type === 'username') {
    return <Redirect to={flow === 'continue' ? '/sign-in' : `/${flow}`} />;
  }
  const identifierType = identifier.type;
  const target = identifier.type === 'email' ? { email: identifier.value } : { phone: identifier.value };
  const typeWord = t(`description.${identifier.type === 'email' ? 'email' : 'phone_number'}`);
  const method = experience.signIn.methods.find((candidate) => candidate.identifier === identifierType);

  const verify = (value: string) =>
    run(
      async () => {
        if (!/^\d{6}$/.test(value)) {
          throw new ApiRequestError('verification_code.code_mismatch', '', 400, undefined);
        }
        await api.identify({ ...target, verificationCode: value });
        if (flow === 'forgot-password') {
          // Submitting now tells at once whether the account exists: "a new password is
          // required" is the expected answer, and the reset page asks for it.
          try {
            await api.submit();
          } catch (caught) {
            if (
              !(caught instanceof ApiRequestError && caught.code === 'user.new_password_required_in_profile')
            ) {
              throw caught;
            }
          }
          return navigate('/forgot-password/reset', { replace: true });
        }
        if (flow !== 'sign-in') await api.updateProfile(target);
        return finish();
      },
      (caught) => {
        if (!(caught instanceof ApiRequestError)) return false;
        const registrable = canRegister(experience) && experience.signUp.identifiers.includes(identifierType);
        if (flow === 'sign-in' && caught.code === 'user.user_not_exist' && registrable) {
          setOffer('register');
          return true;
        }
        const taken =
          caught.code === 'user.email_already_in_use' || caught.code === 'user.phone_already_in_use';
        if (flow === 'register' && taken && experience.signInMode !== 'Register') {
          setOffer('sign-in');
          return true;
        }
        if (caught.code === 'user.user_not_exist') {
          setError(
            t('description.sign_in_id_does_not_exist_alert', { type: typeWord, value: identifier.value }),
          );
          return true;
        }
        return false;
      },
    );

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!code) {
      setError(t('error.invalid_passcode'));
      return;
    }
    void verify(code);
  };

  const switchEvent = () =>
    run(async () => {
      if (offer === 'register') {
        await api.setEvent('Register');
        await api.updateProfile(target);
      } else {
        await api.replaceProfile({});
        await api.setEvent('SignIn');
      }
      return finish();
    });

  return (
    <Layout title={t('action.enter_passcode')}>
      <p className="subtitle">
        {t('description.enter_passcode', { address: typeWord, target: identifier.value })}
      </p>
      {offer ? (
        <div className="offer">
          <p>
            {t(
              offer === 'register'
                ? 'description.sign_in_id_does_not_exist'
                : 'description.create_account_id_exists',
              {
                type: typeWord,
                value: identifier.value,
              },
            )}
          </p>
          <Button type="button" busy={busy} onClick={() => void switchEvent()}>
            {t(offer === 'register' ? 'action.create_account' : 'action.sign_in')}
          </Button>
          <Button type="button" kind="secondary" onClick={() => setOffer(undefined)}>
            {t('action.cancel')}
          </Button>
        </div>
      ) : (
        <form noValidate onSubmit={onSubmit}>
          <Field
            label={t('action.enter_passcode')}
            name="code"
            value={code}
            onChange={(value) => {
              const digits = value.replace(/\D/g, '').slice(0, 6);
              setCode(digits);
              if (digits.length === 6 && digits !== code) void verify(digits);
            }}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            autoFocus
          />
          {resent && !error ? <Notice>{t('description.passcode_sent')}</Notice> : null}
          <FormError message={error} />
          <Button busy={busy}>{t('action.continue')}</Button>
        </form>
      )}
      <p className="aside">
        {seconds > 0 ? (
          t('description.resend_after_seconds', { seconds })
        ) : (
          <button
            type="button"
            className="link-button"
            onClick={() =>
              void run(async () => {
                await api.sendCode(target);
                setResent(true);
                setCode('');
                setSeconds(resendSeconds);
              })
            }
          >
            {t('description.resend_passcode')}
          </button>
        )}
      </p>
      {flow === 'sign-in' && method?.password ? (
        <p className="aside">
          <Link to="/sign-in/password">{t('action.sign_in_via_password')}</Link>
        </p>
      ) : null}
      <p className="aside">
        <Link to={flow === 'continue' ? `/continue/${identifier.type}` : `/${flow}`}>{t('action.back')}</Link>
      </p>
    </Layout>
  );
};
