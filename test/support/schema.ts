/** A comparable description of a database's schema, read from the catalogs. */
import type { Queryable } from '../../src/db/driver.ts';
import { sql } from '../../src/db/sql.ts';

export const describeSchema = async (db: Queryable) => {
  const columns = await db.query(sql`
    select table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
    from information_schema.columns where table_schema = 'public'
    order by table_name, column_name`);
  const constraints = await db.query(sql`
    select conrelid::regclass::text as table_name, conname, pg_get_constraintdef(oid) as definition
    from pg_constraint where connamespace = 'public'::regnamespace
    order by 1, 2`);
  const indexes = await db.query(sql`
    select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`);
  return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows };
};
