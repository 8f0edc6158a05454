/**
 * `/register`: a username with a password, or an email / phone verified by a code (a password, when
 * the experience wants one, is asked next through the missing-profile step), or social only.
 */
import { useState } from 'react';
import { api } from '../api.ts';
import {
  Field,
  NewPasswordFields,
  newPasswordProblems,
  TermsCheckbox,
  useTerms,
} from '../components/fields.tsx';
import {
  autoCompleteFor,
  inputModeFor,
  readIdentifier,
  SocialButtons,
  useIdentifierLabel,
} from '../components/identifier.tsx';
import { Button, FormError, Layout, Link, Redirect } from '../components/layout.tsx';
import { useExperience } from '../context.ts';
import { canSignIn } from '../experience.ts';
import { finish, useStep } from '../flow.ts';
import { useT } from '../i18n.tsx';
import { navigate, updateFlow } from '../router.ts';
import { checkIdentifier } from '../validate.ts';

type Problems = {
  username?: string | undefined;
  identifier?: string | undefined;
  password?: string | undefined;
  confirm?: string | undefined;
};

export const Register = () => {
  const t = useT();
  const experience = useExperience();
  const label = useIdentifierLabel();
  const { busy, error, setError, run } = useStep();
  const terms = useTerms(setError);
  const [values, setValues] = useState({ username: '', identifier: '', password: '', confirm: '' });
  const [problems, setProblems] = useState<Problems>({});
  const set = (key: keyof typeof values) => (value: string) => setValues({ ...values, [key]: value });
  const { identifiers } = experience.signUp;
  const withUsername = identifiers.includes('username');
  const codeTypes = identifiers.filter((type) => type !== 'username');

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (withUsername) {
      const username = values.username.trim();
      const usernameProblem = username
        ? checkIdentifier('username', username)
        : { key: 'error.username_required' };
      const found: Problems = {
        ...(usernameProblem ? { username: t(usernameProblem.key) } : {}),
        ...newPasswordProblems(values.password, values.confirm, t),
      };
      setProblems(found);
      if (Object.keys(found).length > 0 || !terms.check()) return;
      void run(async () => {
        await api.start('Register', undefined, { username, password: values.password });
        return finish();
      });
      return;
    }
    const read = readIdentifier(values.identifier, codeTypes, t);
    setProblems('problem' in read ? { identifier: read.problem } : {});
    if ('problem' in read || !terms.check()) return;
    const target = read.type === 'email' ? { email: read.value } : { phone: read.value };
    void run(async () => {
      await api.start('Register');
      await api.sendCode(target);
      updateFlow({ identifier: read });
      navigate('/register/verification-code');
    });
  };

  if (experience.signInMode === 'SignIn') return <Redirect to="/sign-in" />;

  return (
    <Layout title={t('description.create_your_account')}>
      {identifiers.length > 0 ? (
        <form noValidate onSubmit={onSubmit}>
          {withUsername ? (
            <>
              <Field
                label={t('input.username')}
                name="username"
                value={values.username}
                onChange={set('username')}
                error={problems.username}
                autoComplete="username"
                autoFocus
              />
              <NewPasswordFields
                label={t('input.password')}
                password={values.password}
                confirm={values.confirm}
                onPassword={set('password')}
                onConfirm={set('confirm')}
                problems={problems}
              />
            </>
          ) : (
            <Field
              label={label(codeTypes)}
              name="identifier"
              value={values.identifier}
              onChange={set('identifier')}
              error={problems.identifier}
              autoComplete={autoCompleteFor(codeTypes)}
              inputMode={inputModeFor(codeTypes)}
              autoFocus
            />
          )}
          <TermsCheckbox {...terms.props} />
          <FormError message={error} />
          <Button busy={busy}>{t('action.create_account')}</Button>
        </form>
      ) : (
        <FormError message={error} />
      )}
      <SocialButtons before={terms.check} divided={identifiers.length > 0} />
      {canSignIn(experience) ? (
        <p className="switch">
          {t('description.have_account')} <Link to="/sign-in">{t('action.sign_in')}</Link>
        </p>
      ) : null}
    </Layout>
  );
};
