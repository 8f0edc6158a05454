import type Koa from 'koa';
import type { InteractionLog } from '../interaction/audit.ts';
import type { Logger } from '../logger.ts';
import type { Tenant } from '../tenancy/tenant.ts';

/** Who called a management route (spec §3.1 step 5). */
export type Auth = Readonly<{ type: 'user' | 'app'; id: string; scopes: readonly string[] }>;

export type AppState = {
  requestId: string;
  logger: Logger;
  tenant: Tenant;
  language: string;
  auth?: Auth;
  /** Set on `/api/interaction` requests: the audit entries they add (interaction/audit.ts). */
  interactionLog?: InteractionLog;
};

export type AppContext = Koa.ParameterizedContext<AppState>;
export type AppMiddleware = Koa.Middleware<AppState>;
