/**
 * `/continue/:method`: what the experience still needs before the account can be used
 * (`user.missing_profile`): a password, a username, or a verified email / phone.
 */
import { useState } from 'react';
import { api } from '../api.ts';
import { Field, NewPasswordFields, newPasswordProblems } from '../components/fields.tsx';
import {
  autoCompleteFor,
  inputModeFor,
  readIdentifier,
  useIdentifierLabel,
} from '../components/identifier.tsx';
import { Button, FormError, Layout } from '../components/layout.tsx';
import type { Identifier } from '../experience.ts';
import { finish, useStep } from '../flow.ts';
import { useT } from '../i18n.tsx';
import { navigate, updateFlow } from '../router.ts';
import { checkIdentifier } from '../validate.ts';

export type ContinueMethod = 'password' | 'username' | 'email' | 'phone' | 'email-or-phone';

const titles: Record<ContinueMethod, string> = {
  password: 'description.set_password',
  username: 'description.enter_username',
  email: 'description.link_email',
  phone: 'description.link_phone',
  'email-or-phone': 'description.link_email_or_phone',
};

const descriptions: Partial<Record<ContinueMethod, string>> = {
  username: 'description.enter_username_description',
  email: 'description.link_email_description',
  phone: 'description.link_phone_description',
  'email-or-phone': 'description.link_email_or_phone_description',
};

export const Continue = ({ method }: { method: ContinueMethod }) => {
  const t = useT();
  const label = useIdentifierLabel();
  const { busy, error, run } = useStep();
  const [value, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<{ value?: string | undefined; confirm?: string | undefined }>({});
  const types: Identifier[] =
    method === 'email-or-phone' ? ['email', 'phone'] : method === 'email' ? ['email'] : ['phone'];

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (method === 'password') {
      const found = newPasswordProblems(value, confirm, t);
      setProblems({ value: found.password, confirm: found.confirm });
      if (found.password || found.confirm) return;
      void run(async () => {
        await api.updateProfile({ password: value });
        return finish();
      });
      return;
    }
    if (method === 'username') {
      const username = value.trim();
      const problem = username ? checkIdentifier('username', username) : { key: 'error.username_required' };
      setProblems(problem ? { value: t(problem.key) } : {});
      if (problem) return;
      void run(async () => {
        await api.updateProfile({ username });
        return finish();
      });
      return;
    }
    const read = readIdentifier(value, types, t);
    setProblems('problem' in read ? { value: read.problem } : {});
    if ('problem' in read) return;
    void run(async () => {
      await api.sendCode(read.type === 'email' ? { email: read.value } : { phone: read.value });
      updateFlow({ identifier: read });
      navigate('/continue/verification-code');
    });
  };

  const description = descriptions[method];
  return (
    <Layout title={t(titles[method])}>
      <p className="subtitle">{t(description ?? 'description.continue_with_more_information')}</p>
      <form noValidate onSubmit={onSubmit}>
        {method === 'password' ? (
          <NewPasswordFields
            password={value}
            confirm={confirm}
            onPassword={setValue}
            onConfirm={setConfirm}
            problems={{ password: problems.value, confirm: problems.confirm }}
          />
        ) : (
          <Field
            label={method === 'username' ? t('input.username') : label(types)}
            name={method === 'username' ? 'username' : 'identifier'}
            value={value}
            onChange={setValue}
            error={problems.value}
            autoComplete={method === 'username' ? 'username' : autoCompleteFor(types)}
            inputMode={method === 'username' ? 'text' : inputModeFor(types)}
            autoFocus
          />
        )}
        <FormError message={error} />
        <Button busy={busy}>{t(method === 'password' ? 'action.save_password' : 'action.continue')}</Button>
      </form>
    </Layout>
  );
};
