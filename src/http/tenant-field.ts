/**
 * Logto's create bodies accept a `tenantId` field. It may only name the request's own tenant:
 * no body can move data into another tenant.
 */
import { ApiError } from '../errors/api-error.ts';
import type { AppContext } from './types.ts';

export const assertOwnTenant = (ctx: AppContext, tenantId: string | undefined) => {
  if (tenantId === undefined || tenantId === ctx.state.tenant.id) return;
  const details = `tenantId must be "${ctx.state.tenant.id}" (the tenant of this request) or omitted.`;
  throw new ApiError('guard.invalid_input', { status: 400, details, interpolation: { type: 'body' } });
};
