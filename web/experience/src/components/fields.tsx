import { type InputHTMLAttributes, type ReactNode, useId, useRef, useState } from 'react';
import { useExperience } from '../context.ts';
import { useT, type Vars } from '../i18n.tsx';
import { checkNewPassword } from '../validate.ts';

export type PasswordProblems = { password?: string | undefined; confirm?: string | undefined };

/** The policy's verdict on a new password and its confirmation, as field messages. */
export const newPasswordProblems = (
  password: string,
  confirm: string,
  t: (key: string, vars?: Vars) => string,
): PasswordProblems => {
  const problem = checkNewPassword(password, confirm);
  if (!problem) return {};
  return problem.key === 'error.passwords_do_not_match'
    ? { confirm: t(problem.key) }
    : { password: t(problem.key, problem.vars) };
};

type FieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** Drawn inside the input's box (the password's reveal button). */
  adornment?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/** A labelled input whose error is tied to it (aria-describedby) and announced. */
export const Field = ({ label, value, onChange, error, adornment, ...input }: FieldProps) => {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="input-wrap">
        <input
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          {...input}
        />
        {adornment}
      </div>
      <p className="field-error" id={`${id}-error`} role="alert">
        {error ?? ''}
      </p>
    </div>
  );
};

export const PasswordField = (props: Omit<FieldProps, 'type'>) => {
  const t = useT();
  const [visible, setVisible] = useState(false);
  return (
    <div className="password">
      <Field
        type={visible ? 'text' : 'password'}
        {...props}
        adornment={
          <button
            type="button"
            className="reveal"
            aria-pressed={visible}
            aria-label={t('action.show_password')}
            onClick={() => setVisible(!visible)}
          >
            {visible ? '◉' : '◎'}
          </button>
        }
      />
    </div>
  );
};

/** A new password twice; `problems` from `newPasswordProblems`. */
export const NewPasswordFields = ({
  password,
  confirm,
  onPassword,
  onConfirm,
  problems,
  label,
}: {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  problems: PasswordProblems;
  label?: string;
}) => {
  const t = useT();
  return (
    <>
      <PasswordField
        label={label ?? t('description.new_password')}
        name="new-password"
        value={password}
        onChange={onPassword}
        error={problems.password}
        autoComplete="new-password"
        autoFocus={label === undefined}
      />
      <PasswordField
        label={t('input.confirm_password')}
        name="confirm-password"
        value={confirm}
        onChange={onConfirm}
        error={problems.confirm}
        autoComplete="new-password"
      />
    </>
  );
};

/** The agreement to the tenant's terms (shown only when it has some). */
export const TermsCheckbox = ({
  checked,
  onChange,
  invalid = false,
  inputRef,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  invalid?: boolean;
  inputRef?: React.Ref<HTMLInputElement>;
}) => {
  const t = useT();
  const { termsOfUseUrl, privacyPolicyUrl } = useExperience();
  const id = useId();
  if (!termsOfUseUrl && !privacyPolicyUrl) return null;
  return (
    <div className="terms">
      <input
        id={id}
        ref={inputRef}
        type="checkbox"
        checked={checked}
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>
        {t('description.agree_with_terms')}
        {termsOfUseUrl ? (
          <a href={termsOfUseUrl} target="_blank" rel="noreferrer">
            {t('description.terms_of_use')}
          </a>
        ) : null}
        {termsOfUseUrl && privacyPolicyUrl ? ` ${t('description.and')} ` : null}
        {privacyPolicyUrl ? (
          <a href={privacyPolicyUrl} target="_blank" rel="noreferrer">
            {t('description.privacy_policy')}
          </a>
        ) : null}
      </label>
    </div>
  );
};

/** The terms' names, for the message asking to agree first. */
export const useTermsNames = () => {
  const t = useT();
  const { termsOfUseUrl, privacyPolicyUrl } = useExperience();
  return [
    termsOfUseUrl ? t('description.terms_of_use') : '',
    privacyPolicyUrl ? t('description.privacy_policy') : '',
  ]
    .filter(Boolean)
    .join(` ${t('description.and')} `);
};

/** The agreement state, and `check()` which asks for it (with `setError`) when it is missing. */
export const useTerms = (setError: (message?: string) => void) => {
  const t = useT();
  const [agreed, setAgreedState] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const names = useTermsNames();
  const { termsOfUseUrl, privacyPolicyUrl } = useExperience();
  const setAgreed = (value: boolean) => {
    setAgreedState(value);
    if (value) setInvalid(false);
  };
  const check = () => {
    if (agreed || (!termsOfUseUrl && !privacyPolicyUrl)) return true;
    setError(t('description.agree_with_terms_modal', { link: names }));
    setInvalid(true);
    inputRef.current?.focus();
    return false;
  };
  /** Spread on `<TermsCheckbox>`. */
  const props = { checked: agreed, onChange: setAgreed, invalid, inputRef };
  return { agreed, setAgreed, check, props };
};
