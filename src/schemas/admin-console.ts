import { z } from 'zod';

/** The admin console's onboarding checklist (`logto_configs.adminConsole`, spec §10.3). */
export const adminConsoleConfigGuard = z.object({
  livePreviewChecked: z.boolean(),
  applicationCreated: z.boolean(),
  signInExperienceCustomized: z.boolean(),
  passwordlessConfigured: z.boolean(),
  communityChecked: z.boolean(),
  furtherReadingsChecked: z.boolean(),
  roleCreated: z.boolean(),
  m2mApplicationCreated: z.boolean(),
});
export type AdminConsoleConfig = z.infer<typeof adminConsoleConfigGuard>;
