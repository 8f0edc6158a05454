/** Rules shared by the role routes: internal roles are Latch's own and read-only (spec §3.2). */
import type { Queryable } from '../db/driver.ts';
import { findRoleById, internalRolePrefix, type Role } from '../db/queries/roles.ts';
import { findScopesByIds } from '../db/queries/scopes.ts';
import { ApiError, assertThat } from '../errors/api-error.ts';

export const isInternalRoleName = (name: string) => name.startsWith(internalRolePrefix);

export const assertNotInternalName = (name: string | undefined) =>
  assertThat(name === undefined || !isInternalRoleName(name), 'role.internal_role_violation', {
    status: 403,
  });

export const roleNotFound = (id: string) =>
  new ApiError('entity.not_exists_with_id', { status: 404, interpolation: { name: 'role', id } });

/** The role, or 404; with `writable`, 403 for an internal role. */
export const requireRole = async (
  db: Queryable,
  tenantId: string,
  id: string,
  options: { writable?: boolean } = {},
) => {
  const role: Role | undefined = await findRoleById(db, tenantId, id);
  if (!role) throw roleNotFound(id);
  if (options.writable) assertNotInternalName(role.name);
  return role;
};

/** Every id names a scope of this tenant, or 404 naming the first that does not. */
export const assertScopesExist = async (db: Queryable, tenantId: string, scopeIds: readonly string[]) => {
  const found = new Set((await findScopesByIds(db, tenantId, scopeIds)).map((scope) => scope.id));
  const missing = scopeIds.find((id) => !found.has(id));
  if (missing)
    throw new ApiError('entity.not_exists_with_id', {
      status: 404,
      interpolation: { name: 'scope', id: missing },
    });
};
