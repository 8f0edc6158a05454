/**
 * Resource indicators (RFC 8707) → what the provider needs to issue an access token for that API
 * (spec §6.2, §6.6): a JWT for the resource, its TTL, and the scopes the subject may hold — a user
 * through its roles, a machine-to-machine client through the application's roles. Evaluated on
 * every issuance, so a role removed from a user stops appearing at the next refresh.
 */
import { errors, type KoaContextWithOIDC, type ResourceServer } from 'oidc-provider';
import type { Queryable } from '../db/driver.ts';
import {
  findApplicationScopeNames,
  findResourceByIndicator,
  findUserScopeNames,
} from '../db/queries/rbac.ts';
import type { ConfigCache } from '../libraries/config-cache.ts';

const accountIdOf = (ctx: KoaContextWithOIDC): string | undefined =>
  ctx.oidc.session?.accountId ?? ctx.oidc.entities.Grant?.accountId ?? ctx.oidc.entities.Account?.accountId;

type Deps = { db: Queryable; tenantId: string; cache: ConfigCache; signingAlg: string };

export const createGetResourceServerInfo =
  ({ db, tenantId, cache, signingAlg }: Deps) =>
  async (
    ctx: KoaContextWithOIDC,
    indicator: string,
    client: { clientId: string },
  ): Promise<ResourceServer> => {
    const resource = await cache.get(tenantId, `resource:${indicator}`, () =>
      findResourceByIndicator(db, tenantId, indicator),
    );
    if (!resource) throw new errors.InvalidTarget();
    const accountId = accountIdOf(ctx);
    const scopes = accountId
      ? await cache.get(tenantId, `scopes:user:${accountId}:${resource.id}`, () =>
          findUserScopeNames(db, tenantId, accountId, resource.id),
        )
      : await cache.get(tenantId, `scopes:app:${client.clientId}:${resource.id}`, () =>
          findApplicationScopeNames(db, tenantId, client.clientId, resource.id),
        );
    return {
      scope: scopes.join(' '),
      audience: resource.indicator,
      accessTokenTTL: resource.accessTokenTtl,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: signingAlg as 'ES384' } },
    };
  };
