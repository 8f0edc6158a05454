import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';

export const registerStatusRoutes = (router: Router) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/status',
      summary: 'Health check',
      description: 'Answers 204 when the server is up and its database answers.',
      status: [204, 500],
      handler: async () => undefined,
    }),
  );
};
