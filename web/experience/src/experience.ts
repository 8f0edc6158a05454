/** The tenant's sign-in experience as `/api/.well-known/sign-in-exp` returns it (spec §11.1). */

export type Identifier = 'username' | 'email' | 'phone';

export type SignInMethod = {
  identifier: Identifier;
  password: boolean;
  verificationCode: boolean;
  isPasswordPrimary: boolean;
};

export type SocialConnector = {
  id: string;
  target: string;
  name: Record<string, string>;
  logo: string;
  logoDark: string | null;
};

export type Experience = {
  color: { primaryColor: string; isDarkModeEnabled: boolean; darkPrimaryColor: string };
  branding: { logoUrl?: string; darkLogoUrl?: string; favicon?: string };
  languageInfo: { autoDetect: boolean; fallbackLanguage: string };
  termsOfUseUrl: string | null;
  privacyPolicyUrl: string | null;
  signUp: { identifiers: Identifier[]; password: boolean; verify: boolean };
  signIn: { methods: SignInMethod[] };
  signInMode: 'SignIn' | 'Register' | 'SignInAndRegister';
  customCss: string | null;
  socialConnectors: SocialConnector[];
  forgotPassword: { email: boolean; phone: boolean };
};

export const canSignIn = (experience: Experience) => experience.signInMode !== 'Register';
export const canRegister = (experience: Experience) => experience.signInMode !== 'SignIn';

/** What the person typed: an email (has `@`), a phone number (digits and `+-() `), else a username. */
export const detectIdentifier = (value: string): Identifier => {
  if (value.includes('@')) return 'email';
  if (/^\+?[\d\-() ]+$/.test(value) && /\d/.test(value)) return 'phone';
  return 'username';
};

export const emailPattern = /^\S+@\S+\.\S+$/;
export const phoneInputPattern = /^\+?[\d\-() ]+$/;
/** The API takes phone numbers as digits only (spec §13). */
export const normalizePhone = (value: string) => value.replace(/\D/g, '');

export const socialName = (connector: SocialConnector, language: string) =>
  connector.name[language] ??
  connector.name[language.split('-')[0] ?? ''] ??
  connector.name.en ??
  connector.target;
