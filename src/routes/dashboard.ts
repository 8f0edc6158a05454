/** The console's dashboard (spec §12.2): total, new and active users, by UTC day. */
import { z } from 'zod';
import type { Db } from '../db/driver.ts';
import {
  countActiveUsers,
  countActiveUsersByDay,
  countAllUsers,
  countNewUsersByDay,
} from '../db/queries/dashboard.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';

const dayMs = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** `YYYY-MM-DD` `offset` days from `day`. */
const shift = (day: string, offset: number) => toDay(Date.parse(`${day}T00:00:00Z`) + offset * dayMs);

const countDelta = z.object({ count: z.number(), delta: z.number() });

export const registerDashboardRoutes = (router: Router, { db }: { db: Db }) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/dashboard/users/total',
      summary: 'Count all users',
      response: z.object({ totalUserCount: z.number() }),
      status: [200, 401, 403],
      handler: async (_input, ctx) => ({ totalUserCount: await countAllUsers(db, ctx.state.tenant.id) }),
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/dashboard/users/new',
      summary: 'Count new users',
      description: 'Today and the last 7 days (UTC), each with the difference to the period before.',
      response: z.object({ today: countDelta, last7Days: countDelta }),
      status: [200, 401, 403],
      handler: async (_input, ctx) => {
        const today = toDay(Date.now());
        const byDay = await countNewUsersByDay(db, ctx.state.tenant.id, shift(today, -13), today);
        const on = (offset: number) => byDay.get(shift(today, offset)) ?? 0;
        const sum = (from: number, to: number) => {
          let total = 0;
          for (let offset = from; offset <= to; offset++) total += on(offset);
          return total;
        };
        const last7 = sum(-6, 0);
        return {
          today: { count: on(0), delta: on(0) - on(-1) },
          last7Days: { count: last7, delta: last7 - sum(-13, -7) },
        };
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/dashboard/users/active',
      summary: 'Count active users',
      description:
        'Users who obtained tokens: per day for the 30 days ending at `date` (default today, UTC), and for that day, week and month with the difference to the period before.',
      query: z.object({
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { message: 'Not a date.' })
          .optional(),
      }),
      response: z.object({
        dauCurve: z.array(z.object({ date: z.string(), count: z.number() })),
        dau: countDelta,
        wau: countDelta,
        mau: countDelta,
      }),
      status: [200, 400, 401, 403],
      handler: async ({ query }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const date = query.date ?? toDay(Date.now());
        const byDay = await countActiveUsersByDay(db, tenantId, shift(date, -30), date);
        const dauCurve = Array.from({ length: 30 }, (_, index) => {
          const day = shift(date, index - 29);
          return { date: day, count: byDay.get(day) ?? 0 };
        });
        const window = async (days: number) => {
          const [current, previous] = await Promise.all([
            countActiveUsers(db, tenantId, shift(date, -(days - 1)), date),
            countActiveUsers(db, tenantId, shift(date, -(2 * days - 1)), shift(date, -days)),
          ]);
          return { count: current, delta: current - previous };
        };
        const dau = byDay.get(date) ?? 0;
        return {
          dauCurve,
          dau: { count: dau, delta: dau - (byDay.get(shift(date, -1)) ?? 0) },
          wau: await window(7),
          mau: await window(30),
        };
      },
    }),
  );
};
