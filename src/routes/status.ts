import type { Db } from '../db/driver.ts';
import { sql } from '../db/sql.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';

export const registerStatusRoutes = (router: Router, { db }: { db: Db }) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/status',
      summary: 'Health check',
      description: 'Answers 204 when the server is up and its database answers a query.',
      status: [204, 500],
      handler: async () => {
        await db.query(sql`select 1`);
      },
    }),
  );
};
