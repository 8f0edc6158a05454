/** Users as the API accepts and returns them (spec §4.2, §13). */
import { z } from 'zod';

export const usernamePattern = /^[A-Z_a-z]\w*$/;
export const emailPattern = /^\S+@\S+\.\S+$/;
export const phonePattern = /^\d+$/;

const passwordSpecials = new Set('!"#$%&\'()*+,./:;<=>?@[\\]^`{|}~-_');

/**
 * Logto's password policy (spec §13): at least 8 characters of letters, digits and ASCII
 * punctuation, with at least two of the three kinds (`_` counts as punctuation).
 */
export const isValidPassword = (value: string) => {
  if (value.length < 8) return false;
  let letter = false;
  let digit = false;
  let special = false;
  for (const character of value) {
    if (/[A-Za-z]/.test(character)) letter = true;
    else if (/\d/.test(character)) digit = true;
    else if (passwordSpecials.has(character)) special = true;
    else return false;
  }
  return Number(letter) + Number(digit) + Number(special) >= 2;
};

export const usernameGuard = z.string().max(128).regex(usernamePattern);
export const emailGuard = z.string().max(128).regex(emailPattern);
export const phoneGuard = z.string().max(128).regex(phonePattern);
// 256: hashing cost does not grow with length, but nobody needs more, and bodies stay small.
export const passwordGuard = z.string().max(256).refine(isValidPassword, {
  message:
    'At least 8 characters of letters, digits and punctuation, with at least two of these three kinds.',
});

/** A field that may be set, or cleared with `''` or `null` (stored as null, spec §2.2). */
export const clearable = <T extends z.ZodType<string>>(guard: T) =>
  z
    .union([guard, z.literal('')])
    .nullable()
    .optional()
    .transform((value) => (value === '' ? null : value));

export const userInfoGuard = z.object({
  id: z.string(),
  username: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  primaryPhone: z.string().nullable(),
  name: z.string().nullable(),
  avatar: z.string().nullable(),
  customData: z.record(z.string(), z.unknown()),
  identities: z.record(z.string(), z.object({ userId: z.string(), details: z.unknown().optional() })),
  lastSignInAt: z.number().nullable(),
  createdAt: z.number(),
  applicationId: z.string().nullable(),
  isSuspended: z.boolean(),
});
export type UserInfo = z.infer<typeof userInfoGuard>;
