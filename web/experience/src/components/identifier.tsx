import type { ReactNode } from 'react';
import { useExperience } from '../context.ts';
import {
  detectIdentifier,
  type Identifier,
  normalizePhone,
  type SocialConnector,
  socialName,
} from '../experience.ts';
import { useStep } from '../flow.ts';
import { useLanguage, useT } from '../i18n.tsx';
import { startSocialSignIn } from '../social.ts';
import { checkIdentifier, type Problem } from '../validate.ts';
import { FormError } from './layout.tsx';

const inputKeys: Record<Identifier, string> = {
  username: 'input.username',
  email: 'input.email',
  phone: 'input.phone_number',
};

/** "Username or email" for a field that takes either. */
export const useIdentifierLabel = () => {
  const t = useT();
  const language = useLanguage();
  return (types: Identifier[]) =>
    new Intl.ListFormat(language, { type: 'disjunction' }).format(types.map((type) => t(inputKeys[type])));
};

/** The typed identifier, recognised among `allowed`, or what is wrong with it. */
export const readIdentifier = (
  raw: string,
  allowed: Identifier[],
  t: (key: string, vars?: Record<string, string | string[]>) => string,
): { type: Identifier; value: string } | { problem: string } => {
  const value = raw.trim();
  const names = allowed.map((type) => t(inputKeys[type]));
  if (!value) return { problem: t('error.general_required', { types: names }) };
  let type = detectIdentifier(value);
  // Digits alone can be a username-less phone or nothing else; a single allowed kind decides.
  if (!allowed.includes(type) && allowed.length === 1) type = allowed[0]!;
  if (!allowed.includes(type)) return { problem: t('error.general_invalid', { types: names }) };
  const problem: Problem | undefined = checkIdentifier(type, value);
  if (problem) return { problem: t(problem.key, problem.vars as Record<string, string>) };
  const normalized = type === 'phone' ? normalizePhone(value) : value;
  if (!normalized) return { problem: t('error.invalid_phone') };
  return { type, value: normalized };
};

export const autoCompleteFor = (types: Identifier[]) =>
  types.length === 1 && types[0] === 'email'
    ? 'email'
    : types.length === 1 && types[0] === 'phone'
      ? 'tel'
      : 'username';

export const inputModeFor = (types: Identifier[]) =>
  types.length === 1 && types[0] === 'phone'
    ? 'tel'
    : types.length === 1 && types[0] === 'email'
      ? 'email'
      : 'text';

/**
 * The tenant's social connectors, in its order (under an "or" line when `divided` from a form);
 * `before` runs first (the terms check).
 */
export const SocialButtons = ({ before, divided = false }: { before?: () => boolean; divided?: boolean }) => {
  const experience = useExperience();
  const t = useT();
  const language = useLanguage();
  const { busy, error, run } = useStep();
  if (experience.socialConnectors.length === 0) return null;
  return (
    <div className="social">
      {divided ? <Divider>{t('description.or')}</Divider> : null}
      {experience.socialConnectors.map((connector: SocialConnector) => (
        <button
          key={connector.id}
          type="button"
          className="button secondary social-button"
          aria-disabled={busy}
          onClick={() => {
            if (before && !before()) return;
            void run(() => startSocialSignIn(connector.id, experience));
          }}
        >
          <img src={connector.logo} alt="" width={20} height={20} />
          <span>{t('action.sign_in_with', { name: socialName(connector, language) })}</span>
        </button>
      ))}
      {error ? <FormError message={error} /> : null}
    </div>
  );
};

const Divider = ({ children }: { children: ReactNode }) => (
  <div className="divider">
    <span>{children}</span>
  </div>
);
