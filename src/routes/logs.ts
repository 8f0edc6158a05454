/** The audit log (spec §4.x `/logs`, §12): newest first, filtered by user, application or key. */
import { z } from 'zod';
import type { Db } from '../db/driver.ts';
import { countLogs, findLogById, findLogs } from '../db/queries/logs.ts';
import { ApiError } from '../errors/api-error.ts';
import { Page } from '../http/pagination.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';

const logGuard = z.object({
  tenantId: z.string(),
  id: z.string(),
  key: z.string(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
});

export const registerLogRoutes = (router: Router, { db }: { db: Db }) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/logs',
      summary: 'List audit log entries',
      description: 'Newest first; `userId`, `applicationId` and `logKey` (exact) filter.',
      query: z.object({
        userId: z.string().min(1).optional(),
        applicationId: z.string().min(1).optional(),
        logKey: z.string().min(1).optional(),
      }),
      pagination: 'required',
      response: z.array(logGuard),
      status: [200, 400, 401, 403],
      handler: async ({ query, pagination }, ctx) =>
        Page.of(
          findLogs(db, ctx.state.tenant.id, query, pagination!),
          countLogs(db, ctx.state.tenant.id, query),
        ),
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/logs/:id',
      summary: 'Get an audit log entry',
      params: z.object({ id: z.string().min(1) }),
      response: logGuard,
      status: [200, 401, 403, 404],
      handler: async ({ params: { id } }, ctx) => {
        const log = await findLogById(db, ctx.state.tenant.id, id);
        if (!log) throw new ApiError('entity.not_found', { status: 404 });
        return log;
      },
    }),
  );
};
