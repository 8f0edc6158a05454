import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';

export const registerSwaggerRoutes = (router: Router, getDocument: () => Record<string, unknown>) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/swagger.json',
      summary: 'OpenAPI document of this API',
      response: z.record(z.string(), z.unknown()),
      status: [200],
      handler: async () => getDocument(),
    }),
  );
};
