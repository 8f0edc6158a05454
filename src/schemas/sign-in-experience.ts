/** The sign-in experience (spec §11.1). */
import { z } from 'zod';

export const signInIdentifierGuard = z.enum(['username', 'email', 'phone']);
export type SignInIdentifier = z.infer<typeof signInIdentifierGuard>;

const hexColor = z.string().regex(/^#[\da-f]{3}([\da-f]{3})?$/i);
const optionalUrl = z.url().max(2048);

export const signInMethodGuard = z.object({
  identifier: signInIdentifierGuard,
  password: z.boolean(),
  verificationCode: z.boolean(),
  isPasswordPrimary: z.boolean(),
});

export const signUpGuard = z.object({
  identifiers: z.array(signInIdentifierGuard),
  password: z.boolean(),
  verify: z.boolean(),
});

export const signInGuard = z.object({ methods: z.array(signInMethodGuard) });

export const signInModeGuard = z.enum(['SignIn', 'Register', 'SignInAndRegister']);

export const signInExperienceGuard = z.object({
  tenantId: z.string(),
  id: z.string(),
  color: z.object({ primaryColor: hexColor, isDarkModeEnabled: z.boolean(), darkPrimaryColor: hexColor }),
  branding: z.object({
    logoUrl: optionalUrl.optional(),
    darkLogoUrl: optionalUrl.optional(),
    favicon: optionalUrl.optional(),
  }),
  languageInfo: z.object({ autoDetect: z.boolean(), fallbackLanguage: z.string().min(1).max(16) }),
  termsOfUseUrl: optionalUrl.nullable(),
  privacyPolicyUrl: optionalUrl.nullable(),
  signUp: signUpGuard,
  signIn: signInGuard,
  socialSignInConnectorTargets: z.array(z.string()),
  signInMode: signInModeGuard,
  customCss: z.string().nullable(),
  customContent: z.record(z.string(), z.string()),
});
export type SignInExperience = z.infer<typeof signInExperienceGuard>;
