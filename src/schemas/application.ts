import { z } from 'zod';

export const applicationTypes = ['Native', 'SPA', 'Traditional', 'MachineToMachine'] as const;
export type ApplicationType = (typeof applicationTypes)[number];

/** Reverse-domain custom schemes for native apps, e.g. `io.logto.app:` (spec §4.3). */
export const nativeSchemePattern = /^[a-z][\d_a-z]*(\.[\d_a-z]+)+:$/;

export const oidcClientMetadataGuard = z.object({
  redirectUris: z.array(z.string().max(2048)),
  postLogoutRedirectUris: z.array(z.string().max(2048)),
  logoUri: z.string().max(2048).optional(),
});
export type OidcClientMetadata = z.infer<typeof oidcClientMetadataGuard>;

export const customClientMetadataGuard = z.object({
  corsAllowedOrigins: z.array(z.url({ protocol: /^https?$/ }).max(2048)).optional(),
  idTokenTtl: z
    .number()
    .int()
    .positive()
    .max(86_400 * 365)
    .optional(),
  refreshTokenTtl: z
    .number()
    .int()
    .positive()
    .max(86_400 * 365 * 2)
    .optional(),
  tenantId: z.string().max(21).optional(),
});
export type CustomClientMetadata = z.infer<typeof customClientMetadataGuard>;

export const applicationGuard = z.object({
  tenantId: z.string(),
  id: z.string(),
  name: z.string(),
  secret: z.string(),
  description: z.string().nullable(),
  type: z.enum(applicationTypes),
  oidcClientMetadata: oidcClientMetadataGuard,
  customClientMetadata: customClientMetadataGuard,
  createdAt: z.number(),
});
export type Application = z.infer<typeof applicationGuard>;

export const applicationWithAdminGuard = applicationGuard.extend({ isAdmin: z.boolean() });

export const applicationCreateGuard = z.object({
  tenantId: z.string().max(21).optional(),
  name: z.string().min(1).max(256),
  secret: z.string().min(16).max(64).optional(),
  description: z.string().nullable().optional(),
  type: z.enum(applicationTypes),
  oidcClientMetadata: oidcClientMetadataGuard.partial().optional(),
  customClientMetadata: customClientMetadataGuard.optional(),
});

export const applicationPatchGuard = applicationCreateGuard
  .partial()
  .extend({ isAdmin: z.boolean().optional() });
