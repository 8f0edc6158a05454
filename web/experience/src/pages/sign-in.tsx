/**
 * `/sign-in`: identifier first (then the password or a code, per that identifier's method), or the
 * password form when every method signs in with a password first. `/sign-in/password` follows
 * identifier first.
 */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { Field, PasswordField, TermsCheckbox, useTerms } from '../components/fields.tsx';
import {
  autoCompleteFor,
  inputModeFor,
  readIdentifier,
  SocialButtons,
  useIdentifierLabel,
} from '../components/identifier.tsx';
import { Button, FormError, Layout, Link, Notice, Redirect } from '../components/layout.tsx';
import { useExperience } from '../context.ts';
import { canRegister, canSignIn, type Experience, type Identifier } from '../experience.ts';
import { finish, useStep } from '../flow.ts';
import { useT } from '../i18n.tsx';
import { navigate, readFlow, updateFlow, writeFlow } from '../router.ts';

const methodOf = (experience: Experience, type: Identifier) =>
  experience.signIn.methods.find((method) => method.identifier === type);

const passwordFirst = (experience: Experience, type: Identifier) => {
  const method = methodOf(experience, type);
  return Boolean(method?.password && (method.isPasswordPrimary || !method.verificationCode));
};

/** Sends a sign-in code to the identifier and opens the code page. */
export const startCodeSignIn = async (identifier: { type: 'email' | 'phone'; value: string }) => {
  await api.start('SignIn');
  await api.sendCode(identifier.type === 'email' ? { email: identifier.value } : { phone: identifier.value });
  updateFlow({ identifier });
  navigate('/sign-in/verification-code');
};

const RegisterLink = () => {
  const t = useT();
  const experience = useExperience();
  if (!canRegister(experience)) return null;
  return (
    <p className="switch">
      {t('description.no_account')}
      <Link to="/register">{t('action.create_account')}</Link>
    </p>
  );
};

const ForgotLink = () => {
  const t = useT();
  const { forgotPassword } = useExperience();
  if (!forgotPassword.email && !forgotPassword.phone) return null;
  return (
    <p className="aside">
      <Link to="/forgot-password">{t('action.forgot_password')}</Link>
    </p>
  );
};

export const SignIn = () => {
  const t = useT();
  const experience = useExperience();
  const label = useIdentifierLabel();
  const { busy, error, setError, run } = useStep();
  const terms = useTerms(setError);
  const [identifier, setIdentifier] = useState(readFlow().identifier?.value ?? '');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ identifier?: string; password?: string }>({});
  const [notice] = useState(() => readFlow().notice);
  useEffect(() => {
    if (notice) updateFlow({ notice: undefined });
  }, [notice]);
  const types = experience.signIn.methods.map((method) => method.identifier);
  if (!canSignIn(experience)) return <Redirect to="/register" />;
  // The combined form only when no method offers a code (as Logto): otherwise identifier first.
  const passwordForm =
    types.length > 0 &&
    experience.signIn.methods.every((method) => method.password && !method.verificationCode);

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    const read = readIdentifier(identifier, types, t);
    const problems = {
      ...('problem' in read ? { identifier: read.problem } : {}),
      ...(passwordForm && !password ? { password: t('error.password_required') } : {}),
    };
    setFieldErrors(problems);
    if ('problem' in read || problems.password || !terms.check()) return;
    writeFlow({ identifier: read });
    void run(async () => {
      if (passwordForm) {
        await api.start('SignIn', { [read.type]: read.value, password } as never);
        return finish();
      }
      if (read.type === 'username' || passwordFirst(experience, read.type))
        return navigate('/sign-in/password');
      return startCodeSignIn(read as { type: 'email' | 'phone'; value: string });
    });
  };

  return (
    <Layout title={t('description.sign_in_to_your_account')}>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      {types.length > 0 ? (
        <form noValidate onSubmit={onSubmit}>
          <Field
            label={label(types)}
            name="identifier"
            value={identifier}
            onChange={setIdentifier}
            error={fieldErrors.identifier}
            autoComplete={autoCompleteFor(types)}
            inputMode={inputModeFor(types)}
            autoFocus
          />
          {passwordForm ? (
            <PasswordField
              label={t('input.password')}
              name="password"
              value={password}
              onChange={setPassword}
              error={fieldErrors.password}
              autoComplete="current-password"
            />
          ) : null}
          {passwordForm ? <ForgotLink /> : null}
          <TermsCheckbox {...terms.props} />
          <FormError message={error} />
          <Button busy={busy}>{t(passwordForm ? 'action.sign_in' : 'action.continue')}</Button>
        </form>
      ) : (
        <FormError message={error} />
      )}
      <SocialButtons before={terms.check} divided={types.length > 0} />
      <RegisterLink />
    </Layout>
  );
};

export const SignInPassword = () => {
  const t = useT();
  const experience = useExperience();
  const identifier = readFlow().identifier;
  const { busy, error, run } = useStep();
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  if (!identifier) return <Redirect to="/sign-in" />;
  const method = methodOf(experience, identifier.type);
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setFieldError(password ? undefined : t('error.password_required'));
    if (!password) return;
    void run(async () => {
      await api.start('SignIn', { [identifier.type]: identifier.value, password } as never);
      return finish();
    });
  };
  return (
    <Layout title={t('description.enter_password')}>
      <p className="subtitle">
        {identifier.value}{' '}
        <Link to="/sign-in">
          {t('action.change', {
            method: t(
              identifier.type === 'email'
                ? 'description.email'
                : identifier.type === 'phone'
                  ? 'description.phone_number'
                  : 'description.username',
            ),
          })}
        </Link>
      </p>
      <form noValidate onSubmit={onSubmit}>
        <input type="hidden" name="username" autoComplete="username" value={identifier.value} readOnly />
        <PasswordField
          label={t('input.password')}
          name="password"
          value={password}
          onChange={setPassword}
          error={fieldError}
          autoComplete="current-password"
          autoFocus
        />
        <ForgotLink />
        <FormError message={error} />
        <Button busy={busy}>{t('action.continue')}</Button>
      </form>
      {method?.verificationCode && identifier.type !== 'username' ? (
        <p className="aside">
          <button
            type="button"
            className="link-button"
            onClick={() =>
              void run(() => startCodeSignIn(identifier as { type: 'email' | 'phone'; value: string }))
            }
          >
            {t('action.sign_in_via_passcode')}
          </button>
        </p>
      ) : null}
    </Layout>
  );
};
