/**
 * Scopes → claims (spec §6.3, plus the `roles` scope Logto added later). The ID token carries
 * the scope-derived claims too (`conformIdTokenClaims: false`), except `custom_data` and
 * `identities`, which only userinfo returns.
 */
import type { FindAccount } from 'oidc-provider';
import type { Queryable } from '../db/driver.ts';
import { findUserById, findUserRoleNames } from '../db/queries/users.ts';
import { type ConfigCache, rowKey } from '../libraries/config-cache.ts';

export const scopeClaims = {
  openid: ['sub'],
  profile: ['name', 'picture', 'username'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  custom_data: ['custom_data'],
  identities: ['identities'],
  roles: ['roles'],
} as const;

const userinfoOnly = new Set(['custom_data', 'identities']);

/**
 * The provider asks for the account at each step of a sign-in and at every token and userinfo
 * request: it is cached, and dropped when the user's row changes (migration 0007).
 */
export const createFindAccount =
  (db: Queryable, tenantId: string, cache: ConfigCache): FindAccount =>
  async (_ctx, sub) => {
    const user = await cache.get(tenantId, rowKey('users', sub), () => findUserById(db, tenantId, sub));
    // A suspended user keeps no session and gets no tokens (Logto quirk Q3 fixed).
    if (!user || user.isSuspended) return undefined;
    return {
      accountId: user.id,
      async claims(use, scope) {
        const scopes = new Set(scope.split(' '));
        const claims: Record<string, unknown> = { sub: user.id };
        const include = (name: keyof typeof scopeClaims) =>
          scopes.has(name) && (use === 'userinfo' || !userinfoOnly.has(name));
        if (include('profile'))
          Object.assign(claims, { name: user.name, picture: user.avatar, username: user.username });
        if (include('email'))
          Object.assign(claims, { email: user.primaryEmail, email_verified: Boolean(user.primaryEmail) });
        if (include('phone')) {
          Object.assign(claims, {
            phone_number: user.primaryPhone,
            phone_number_verified: Boolean(user.primaryPhone),
          });
        }
        if (include('custom_data')) claims.custom_data = user.customData;
        if (include('identities')) claims.identities = user.identities;
        if (include('roles')) claims.roles = await findUserRoleNames(db, tenantId, user.id);
        return claims as { sub: string };
      },
    };
  };
