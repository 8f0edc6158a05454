import { z } from 'zod';

export const resourceGuard = z.object({
  tenantId: z.string(),
  id: z.string(),
  name: z.string(),
  indicator: z.string(),
  accessTokenTtl: z.number(),
});
export type Resource = z.infer<typeof resourceGuard>;

export const scopeGuard = z.object({
  tenantId: z.string(),
  id: z.string(),
  resourceId: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.number(),
});
export type Scope = z.infer<typeof scopeGuard>;

/** RFC 8707 §2: a resource indicator is an absolute URI without a fragment. */
export const indicatorGuard = z
  .string()
  .min(1)
  .max(2048)
  .refine((value) => {
    try {
      return !new URL(value).hash && !value.includes('#');
    } catch {
      return false;
    }
  }, 'must be an absolute URI without a fragment (RFC 8707)');

/** Token lifetimes from one minute to one day, in seconds. */
export const accessTokenTtlGuard = z.number().int().min(60).max(86_400);

export const scopeNameGuard = z.string().min(1).max(256);
