/** The default sign-in experience of a new tenant (spec §10.4). */
export const defaultSignInExperience = {
  id: 'default',
  color: { primaryColor: '#6139F6', isDarkModeEnabled: false, darkPrimaryColor: '#8768F8' },
  branding: { logoUrl: 'https://logto.io/logo.svg', darkLogoUrl: 'https://logto.io/logo-dark.svg' },
  languageInfo: { autoDetect: true, fallbackLanguage: 'en' },
  termsOfUseUrl: null,
  privacyPolicyUrl: null,
  signUp: { identifiers: ['username'], password: true, verify: false },
  signIn: {
    methods: [{ identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true }],
  },
  socialSignInConnectorTargets: [],
  signInMode: 'SignInAndRegister',
  customCss: null,
  customContent: {},
} as const;

/** The admin tenant's: dark mode on, and registration only until the first admin exists (spec §3.3). */
export const adminSignInExperience = {
  ...defaultSignInExperience,
  color: { ...defaultSignInExperience.color, isDarkModeEnabled: true },
  signInMode: 'Register',
} as const;

export const defaultAdminConsoleConfig = {
  livePreviewChecked: false,
  applicationCreated: false,
  signInExperienceCustomized: false,
  passwordlessConfigured: false,
  communityChecked: false,
  furtherReadingsChecked: false,
  roleCreated: false,
  m2mApplicationCreated: false,
} as const;
