/**
 * The tenant's OIDC keys (Logto's later `/api/configs/oidc/:keyType` routes): list them without
 * their material, and rotate — a new key signs from the next request on, older ones stay
 * published while tokens they signed can still be valid (oidc/key-store.ts).
 */
import { z } from 'zod';
import type { Db } from '../db/driver.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { describeKeys, readKeys, rotateKeys } from '../oidc/key-store.ts';
import type { ProviderRegistry } from '../oidc/registry.ts';

const params = z.object({ keyType: z.enum(['private-keys', 'cookie-keys']) });
const keyInfoGuard = z.object({
  id: z.string(),
  createdAt: z.number(),
  signingKeyAlgorithm: z.enum(['EC', 'RSA']).optional(),
});

export const registerOidcKeyRoutes = (
  router: Router,
  { db, providers }: { db: Db; providers: ProviderRegistry },
) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/configs/oidc/:keyType',
      summary: 'List the OIDC signing or cookie keys',
      description: 'Newest first; the first one is in use. Key material is never returned.',
      params,
      response: z.array(keyInfoGuard),
      status: [200, 400, 401, 403],
      handler: async ({ params: { keyType } }, ctx) =>
        describeKeys(keyType, await readKeys(db, ctx.state.tenant.id, keyType)),
    }),
  );

  router.add(
    defineRoute({
      method: 'post',
      path: '/configs/oidc/:keyType/rotate',
      summary: 'Rotate the OIDC signing or cookie keys',
      description:
        'Adds a new key that is used from the next request on (every instance), keeps the previous keys while something they signed may still be valid, and returns the keys.',
      params,
      body: z.object({ signingKeyAlgorithm: z.enum(['EC', 'RSA']).optional() }).strict(),
      response: z.array(keyInfoGuard),
      status: [200, 400, 401, 403],
      handler: async ({ params: { keyType }, body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const keys = await db.transaction((tx) =>
          rotateKeys(tx, tenantId, keyType, { algorithm: body.signingKeyAlgorithm }),
        );
        providers.reload(tenantId);
        return describeKeys(keyType, keys);
      },
    }),
  );
};
