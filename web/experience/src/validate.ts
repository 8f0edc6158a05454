/**
 * What the pages check before calling the API (the API checks again): the same rules as spec §13,
 * answered with the phrase to show.
 */
import { emailPattern, type Identifier, phoneInputPattern } from './experience.ts';
import type { Vars } from './i18n.tsx';

export type Problem = { key: string; vars?: Vars };

const usernamePattern = /^[A-Z_a-z]\w*$/;
const passwordCharset = /^[\w!"#$%&'()*+,./:;<=>?@[\\\]^`{|}~-]+$/;
export const minPasswordLength = 8;

export const checkIdentifier = (type: Identifier, value: string): Problem | undefined => {
  if (type === 'email' && !emailPattern.test(value)) return { key: 'error.invalid_email' };
  if (type === 'phone' && !phoneInputPattern.test(value)) return { key: 'error.invalid_phone' };
  if (type === 'username' && !usernamePattern.test(value)) {
    return /^\d/.test(value)
      ? { key: 'error.username_should_not_start_with_number' }
      : { key: 'error.username_invalid_charset' };
  }
  return undefined;
};

/** At least 8 characters from the allowed set, mixing two of: letters, digits, symbols. */
export const checkNewPassword = (password: string, confirm?: string): Problem | undefined => {
  if (password.length < minPasswordLength) {
    return { key: 'error.password_min_length', vars: { min: minPasswordLength } };
  }
  const classes = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(password)).length;
  if (!passwordCharset.test(password) || classes < 2) {
    return { key: 'error.invalid_password', vars: { min: minPasswordLength } };
  }
  if (confirm !== undefined && confirm !== password) return { key: 'error.passwords_do_not_match' };
  return undefined;
};
