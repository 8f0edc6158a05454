import { z } from 'zod';
import { resourceGuard, scopeGuard } from './resource.ts';

export const roleGuard = z.object({
  tenantId: z.string(),
  id: z.string(),
  name: z.string(),
  description: z.string(),
});

export const roleResponseGuard = roleGuard.extend({
  usersCount: z.number(),
  featuredUsers: z.array(
    z.object({ id: z.string(), avatar: z.string().nullable(), name: z.string().nullable() }),
  ),
});

export const scopeWithResourceGuard = scopeGuard.extend({ resource: resourceGuard });

export const roleNameGuard = z.string().min(1).max(128);
export const roleDescriptionGuard = z.string().min(1).max(128);
export const idListGuard = z.array(z.string().min(1)).min(1).max(100);
