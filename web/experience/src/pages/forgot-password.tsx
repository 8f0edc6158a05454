/** `/forgot-password` (where to send the code) and `/forgot-password/reset` (the new password). */
import { useState } from 'react';
import { api } from '../api.ts';
import {
  Field,
  NewPasswordFields,
  newPasswordProblems,
  type PasswordProblems,
} from '../components/fields.tsx';
import {
  autoCompleteFor,
  inputModeFor,
  readIdentifier,
  useIdentifierLabel,
} from '../components/identifier.tsx';
import { Button, FormError, Layout, Link, Redirect } from '../components/layout.tsx';
import { useExperience } from '../context.ts';
import type { Identifier } from '../experience.ts';
import { useStep } from '../flow.ts';
import { useT } from '../i18n.tsx';
import { navigate, readFlow, updateFlow } from '../router.ts';

export const ForgotPassword = () => {
  const t = useT();
  const { forgotPassword } = useExperience();
  const label = useIdentifierLabel();
  const { busy, error, run } = useStep();
  const types: Identifier[] = [
    ...(forgotPassword.email ? (['email'] as const) : []),
    ...(forgotPassword.phone ? (['phone'] as const) : []),
  ];
  const flow = readFlow().identifier;
  const [value, setValue] = useState(flow && flow.type !== 'username' ? flow.value : '');
  const [problem, setProblem] = useState<string>();

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    const read = readIdentifier(value, types, t);
    setProblem('problem' in read ? read.problem : undefined);
    if ('problem' in read) return;
    void run(async () => {
      await api.start('ForgotPassword');
      await api.sendCode(read.type === 'email' ? { email: read.value } : { phone: read.value });
      updateFlow({ identifier: read });
      navigate('/forgot-password/verification-code');
    });
  };

  const words = types.map((type) => t(type === 'email' ? 'description.email' : 'description.phone_number'));
  return (
    <Layout title={t('description.reset_password')}>
      <p className="subtitle">{t('description.reset_password_description', { types: words })}</p>
      {types.length > 0 ? (
        <form noValidate onSubmit={onSubmit}>
          <Field
            label={label(types)}
            name="identifier"
            value={value}
            onChange={setValue}
            error={problem}
            autoComplete={autoCompleteFor(types)}
            inputMode={inputModeFor(types)}
            autoFocus
          />
          <FormError message={error} />
          <Button busy={busy}>{t('action.continue')}</Button>
        </form>
      ) : (
        <FormError message={t('error.not_allowed')} />
      )}
      <p className="aside">
        <Link to="/sign-in">{t('action.back')}</Link>
      </p>
    </Layout>
  );
};

export const ResetPassword = () => {
  const t = useT();
  const { busy, error, run } = useStep();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<PasswordProblems>({});
  // Only after a code proved the email or phone (the code page sets it).
  if (!readFlow().identifier) return <Redirect to="/forgot-password" />;

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    const found = newPasswordProblems(password, confirm, t);
    setProblems(found);
    if (found.password || found.confirm) return;
    void run(async () => {
      await api.replaceProfile({ password });
      await api.submit();
      // The interaction stays: the person signs in with the new password next (spec Q16).
      updateFlow({ notice: 'description.password_changed' });
      navigate('/sign-in', { replace: true });
    });
  };

  return (
    <Layout title={t('description.set_password')}>
      <form noValidate onSubmit={onSubmit}>
        <NewPasswordFields
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          problems={problems}
        />
        <FormError message={error} />
        <Button busy={busy}>{t('action.save_password')}</Button>
      </form>
      <p className="aside">
        <Link to="/forgot-password">{t('action.back')}</Link>
      </p>
    </Layout>
  );
};
