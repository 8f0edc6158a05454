import type { Queryable } from '../driver.ts';
import { json, sql } from '../sql.ts';

export type CustomPhrase = {
  tenantId: string;
  id: string;
  languageTag: string;
  translation: Record<string, unknown>;
};

const columns = sql`tenant_id as "tenantId", id, language_tag as "languageTag", translation`;

export const findCustomPhrases = async (db: Queryable, tenantId: string) => {
  const { rows } = await db.query<CustomPhrase>(
    sql`select ${columns} from custom_phrases where tenant_id = ${tenantId} order by language_tag`,
  );
  return rows;
};

export const findCustomPhrase = async (db: Queryable, tenantId: string, languageTag: string) => {
  const { rows } = await db.query<CustomPhrase>(
    sql`select ${columns} from custom_phrases where tenant_id = ${tenantId} and language_tag = ${languageTag}`,
  );
  return rows[0];
};

/** Inserts, or replaces the translation of the language's existing row (its id stays). */
export const upsertCustomPhrase = async (
  db: Queryable,
  tenantId: string,
  id: string,
  languageTag: string,
  translation: object,
) => {
  const { rows } =
    await db.query<CustomPhrase>(sql`insert into custom_phrases (tenant_id, id, language_tag, translation)
    values (${tenantId}, ${id}, ${languageTag}, ${json(translation)})
    on conflict (tenant_id, language_tag) do update set translation = excluded.translation
    returning ${columns}`);
  return rows[0]!;
};

export const deleteCustomPhrase = async (db: Queryable, tenantId: string, languageTag: string) =>
  (
    await db.query(
      sql`delete from custom_phrases where tenant_id = ${tenantId} and language_tag = ${languageTag}`,
    )
  ).rowCount > 0;
