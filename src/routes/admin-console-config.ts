import type { Db } from '../db/driver.ts';
import { findLogtoConfig, logtoConfigKeys, mergeLogtoConfig } from '../db/queries/logto-configs.ts';
import { defaultAdminConsoleConfig } from '../db/seed/sign-in-experience.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { adminConsoleConfigGuard } from '../schemas/admin-console.ts';

export const registerAdminConsoleConfigRoutes = (router: Router, { db }: { db: Db }) => {
  const read = async (tenantId: string) =>
    adminConsoleConfigGuard.parse({
      ...defaultAdminConsoleConfig,
      ...((await findLogtoConfig(db, tenantId, logtoConfigKeys.adminConsole)) as object | undefined),
    });

  router.add(
    defineRoute({
      method: 'get',
      path: '/configs/admin-console',
      summary: 'Get the admin console checklist',
      response: adminConsoleConfigGuard,
      status: [200, 401, 403],
      handler: async (_input, ctx) => read(ctx.state.tenant.id),
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/configs/admin-console',
      summary: 'Update the admin console checklist',
      description: 'Merges the given flags into the stored checklist and returns all of it.',
      body: adminConsoleConfigGuard.partial().strict(),
      response: adminConsoleConfigGuard,
      status: [200, 400, 401, 403],
      handler: async ({ body }, ctx) => {
        const merged = await mergeLogtoConfig(db, ctx.state.tenant.id, logtoConfigKeys.adminConsole, body);
        return adminConsoleConfigGuard.parse({ ...defaultAdminConsoleConfig, ...(merged as object) });
      },
    }),
  );
};
