import { generateId } from '../../libraries/ids.ts';
import type { Queryable } from '../driver.ts';
import { sql } from '../sql.ts';

export const hasApplicationRole = async (
  db: Queryable,
  tenantId: string,
  applicationId: string,
  roleId: string,
) => {
  const { rows } = await db.query(sql`select 1 from applications_roles
    where tenant_id = ${tenantId} and application_id = ${applicationId} and role_id = ${roleId}`);
  return rows.length > 0;
};

export const insertApplicationRole = async (
  db: Queryable,
  tenantId: string,
  applicationId: string,
  roleId: string,
) => {
  await db.query(sql`insert into applications_roles (tenant_id, id, application_id, role_id)
    values (${tenantId}, ${generateId()}, ${applicationId}, ${roleId})
    on conflict (tenant_id, application_id, role_id) do nothing`);
};

export const deleteApplicationRole = async (
  db: Queryable,
  tenantId: string,
  applicationId: string,
  roleId: string,
) => {
  await db.query(sql`delete from applications_roles
    where tenant_id = ${tenantId} and application_id = ${applicationId} and role_id = ${roleId}`);
};
