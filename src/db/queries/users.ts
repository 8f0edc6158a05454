/**
 * Users (spec §4.2): the user-info view the API returns, the credentials sign-in checks, and
 * writes. Emails are matched case-insensitively everywhere (the unique index is on lower()).
 */
import type { UserInfo } from '../../schemas/user.ts';
import type { Queryable } from '../driver.ts';
import { join, json, raw, type Sql, sql } from '../sql.ts';
import { epochMs } from './columns.ts';

export const userInfoColumns = sql`u.id, u.username, u.primary_email as "primaryEmail",
  u.primary_phone as "primaryPhone", u.name, u.avatar, u.custom_data as "customData", u.identities,
  ${epochMs('u.last_sign_in_at')} as "lastSignInAt", ${epochMs('u.created_at')} as "createdAt",
  u.application_id as "applicationId", u.is_suspended as "isSuspended"`;

export const userSearchColumns = {
  id: raw('u.id'),
  primary_email: raw('u.primary_email'),
  primary_phone: raw('u.primary_phone'),
  username: raw('u.username'),
  name: raw('u.name'),
};

export const findUserById = async (db: Queryable, tenantId: string, id: string) => {
  const { rows } = await db.query<UserInfo>(
    sql`select ${userInfoColumns} from users u where u.tenant_id = ${tenantId} and u.id = ${id}`,
  );
  return rows[0];
};

export const findUsersByIds = async (db: Queryable, tenantId: string, ids: readonly string[]) => {
  const { rows } = await db.query<{ id: string }>(
    sql`select id from users where tenant_id = ${tenantId} and id = any(${[...ids]}::text[])`,
  );
  return rows;
};

export type UserIdentifier =
  | { kind: 'id'; value: string }
  | { kind: 'username'; value: string }
  | { kind: 'email'; value: string }
  | { kind: 'phone'; value: string };

const identifierCondition = (identifier: UserIdentifier): Sql => {
  switch (identifier.kind) {
    case 'id':
      return sql`u.id = ${identifier.value}`;
    case 'username':
      return sql`u.username = ${identifier.value}`;
    case 'email':
      return sql`lower(u.primary_email) = lower(${identifier.value})`;
    case 'phone':
      return sql`u.primary_phone = ${identifier.value}`;
  }
};

export type UserCredentials = {
  id: string;
  passwordEncrypted: string | null;
  passwordEncryptionMethod: string | null;
  isSuspended: boolean;
  hasSocialIdentity: boolean;
};

/** What a sign-in needs to know about the user an identifier names. */
export const findUserCredentials = async (db: Queryable, tenantId: string, identifier: UserIdentifier) => {
  const { rows } = await db.query<UserCredentials>(sql`select u.id,
      u.password_encrypted as "passwordEncrypted", u.password_encryption_method as "passwordEncryptionMethod",
      u.is_suspended as "isSuspended", u.identities <> '{}'::jsonb as "hasSocialIdentity"
    from users u where u.tenant_id = ${tenantId} and ${identifierCondition(identifier)}`);
  return rows[0];
};

export type UserWithCredentials = UserInfo & Omit<UserCredentials, 'id' | 'isSuspended'>;

/** The user's info and what its sign-in checks need, in one query. */
export const findUserWithCredentials = async (db: Queryable, tenantId: string, id: string) => {
  const { rows } = await db.query<UserWithCredentials>(sql`select ${userInfoColumns},
      u.password_encrypted as "passwordEncrypted", u.password_encryption_method as "passwordEncryptionMethod",
      u.identities <> '{}'::jsonb as "hasSocialIdentity"
    from users u where u.tenant_id = ${tenantId} and u.id = ${id}`);
  return rows[0];
};

export const findUserByIdentifier = async (db: Queryable, tenantId: string, identifier: UserIdentifier) => {
  const { rows } = await db.query<UserInfo>(
    sql`select ${userInfoColumns} from users u where u.tenant_id = ${tenantId} and ${identifierCondition(identifier)}`,
  );
  return rows[0];
};

/** The user whose `identities[target].userId` is the social account's id. */
export const findUserByIdentity = async (db: Queryable, tenantId: string, target: string, userId: string) => {
  const { rows } = await db.query<UserInfo>(sql`select ${userInfoColumns} from users u
    where u.tenant_id = ${tenantId} and u.identities -> ${target} ->> 'userId' = ${userId}`);
  return rows[0];
};

const listWhere = (tenantId: string, condition?: Sql, excludeRoleId?: string) => sql`u.tenant_id = ${tenantId}
  ${condition ? sql`and ${condition}` : raw('')}
  ${
    excludeRoleId
      ? sql`and not exists (select 1 from users_roles ur where ur.tenant_id = u.tenant_id and ur.user_id = u.id and ur.role_id = ${excludeRoleId})`
      : raw('')
  }`;

export const findUsers = async (
  db: Queryable,
  tenantId: string,
  page: { limit: number; offset: number },
  condition?: Sql,
  excludeRoleId?: string,
) => {
  const { rows } = await db.query<UserInfo>(sql`select ${userInfoColumns} from users u
    where ${listWhere(tenantId, condition, excludeRoleId)}
    order by u.created_at desc, u.id limit ${page.limit} offset ${page.offset}`);
  return rows;
};

export const countUsers = async (
  db: Queryable,
  tenantId: string,
  condition?: Sql,
  excludeRoleId?: string,
) => {
  const { rows } = await db.query<{ count: number }>(
    sql`select count(*)::int as count from users u where ${listWhere(tenantId, condition, excludeRoleId)}`,
  );
  return rows[0]?.count ?? 0;
};

export type UserFields = {
  username?: string | null;
  primaryEmail?: string | null;
  primaryPhone?: string | null;
  name?: string | null;
  avatar?: string | null;
  customData?: Record<string, unknown>;
  identities?: Record<string, unknown>;
  passwordEncrypted?: string | null;
  passwordEncryptionMethod?: string | null;
  applicationId?: string | null;
  isSuspended?: boolean;
  lastSignInAt?: Date | null;
};

const columnOf: Readonly<Record<keyof UserFields, string>> = {
  username: 'username',
  primaryEmail: 'primary_email',
  primaryPhone: 'primary_phone',
  name: 'name',
  avatar: 'avatar',
  customData: 'custom_data',
  identities: 'identities',
  passwordEncrypted: 'password_encrypted',
  passwordEncryptionMethod: 'password_encryption_method',
  applicationId: 'application_id',
  isSuspended: 'is_suspended',
  lastSignInAt: 'last_sign_in_at',
};

const jsonFields = new Set<keyof UserFields>(['customData', 'identities']);

const givenFields = (fields: UserFields) =>
  (Object.keys(columnOf) as (keyof UserFields)[])
    .filter((key) => fields[key] !== undefined)
    .map((key) => ({
      column: raw(columnOf[key]),
      value: jsonFields.has(key) ? json(fields[key]) : fields[key],
    }));

export const insertUser = async (db: Queryable, tenantId: string, id: string, fields: UserFields) => {
  const given = givenFields(fields);
  const columns = join([raw('tenant_id'), raw('id'), ...given.map((field) => field.column)]);
  const values = join([sql`${tenantId}`, sql`${id}`, ...given.map((field) => sql`${field.value}`)]);
  const { rows } = await db.query<UserInfo>(sql`insert into users as u (${columns}) values (${values})
    returning ${userInfoColumns}`);
  return rows[0]!;
};

/** Sets the given fields (undefined: unchanged; null: cleared). Undefined when there is no such user. */
export const updateUser = async (db: Queryable, tenantId: string, id: string, fields: UserFields) => {
  const given = givenFields(fields);
  if (given.length === 0) return findUserById(db, tenantId, id);
  const assignments = join(given.map((field) => sql`${field.column} = ${field.value}`));
  const { rows } = await db.query<UserInfo>(sql`update users u set ${assignments}
    where u.tenant_id = ${tenantId} and u.id = ${id} returning ${userInfoColumns}`);
  return rows[0];
};

/** Shallow-merges into `custom_data` in one statement; undefined when there is no such user. */
export const mergeUserCustomData = async (
  db: Queryable,
  tenantId: string,
  id: string,
  customData: Record<string, unknown>,
) => {
  const { rows } = await db.query<{ customData: Record<string, unknown> }>(sql`update users
    set custom_data = custom_data || ${json(customData)}::jsonb
    where tenant_id = ${tenantId} and id = ${id} returning custom_data as "customData"`);
  return rows[0]?.customData;
};

export const deleteUserIdentity = async (db: Queryable, tenantId: string, id: string, target: string) => {
  const { rows } = await db.query<UserInfo>(sql`update users u set identities = identities - ${target}::text
    where u.tenant_id = ${tenantId} and u.id = ${id} and u.identities ? ${target}
    returning ${userInfoColumns}`);
  return rows[0];
};

export const deleteUser = async (db: Queryable, tenantId: string, id: string) =>
  (await db.query(sql`delete from users where tenant_id = ${tenantId} and id = ${id}`)).rowCount > 0;

/** Whether the tenant has any user (the admin tenant's first user becomes its administrator). */
export const hasAnyUser = async (db: Queryable, tenantId: string) => {
  const { rows } = await db.query(sql`select 1 from users where tenant_id = ${tenantId} limit 1`);
  return rows.length > 0;
};

export const findUserRoleNames = async (db: Queryable, tenantId: string, userId: string) => {
  const { rows } = await db.query<{ name: string }>(sql`select r.name from users_roles ur
    join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
    where ur.tenant_id = ${tenantId} and ur.user_id = ${userId} order by r.name`);
  return rows.map((row) => row.name);
};

/** Remembers the first application a user consented to (Logto's `users.application_id`). */
export const setUserApplicationIfEmpty = async (
  db: Queryable,
  tenantId: string,
  userId: string,
  applicationId: string,
) => {
  await db.query(sql`update users set application_id = ${applicationId}
    where tenant_id = ${tenantId} and id = ${userId} and application_id is null`);
};
