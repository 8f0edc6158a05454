import { type InputHTMLAttributes, useId, useState } from 'react';
import { useExperience } from '../context.ts';
import { useT } from '../i18n.tsx';

type FieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/** A labelled input whose error is tied to it (aria-describedby) and announced. */
export const Field = ({ label, value, onChange, error, ...input }: FieldProps) => {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      />
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
      <Field type={visible ? 'text' : 'password'} {...props} />
      <button
        type="button"
        className="reveal"
        aria-pressed={visible}
        aria-label={t('action.show_password')}
        onClick={() => setVisible(!visible)}
      >
        {visible ? '◉' : '◎'}
      </button>
    </div>
  );
};

/** The agreement to the tenant's terms (shown only when it has some). */
export const TermsCheckbox = ({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) => {
  const t = useT();
  const { termsOfUseUrl, privacyPolicyUrl } = useExperience();
  const id = useId();
  if (!termsOfUseUrl && !privacyPolicyUrl) return null;
  return (
    <div className="terms">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
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
  const [agreed, setAgreed] = useState(false);
  const names = useTermsNames();
  const { termsOfUseUrl, privacyPolicyUrl } = useExperience();
  const check = () => {
    if (agreed || (!termsOfUseUrl && !privacyPolicyUrl)) return true;
    setError(t('description.agree_with_terms_modal', { link: names }));
    return false;
  };
  return { agreed, setAgreed, check };
};
