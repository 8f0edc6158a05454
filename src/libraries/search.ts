/**
 * Logto's list-search convention (spec §2.4), parsed from the query string and turned into a SQL
 * condition over an allow-list of columns:
 *   search=v               every allowed field (OR-ed together)
 *   search.<field>=v       one field (camelCase accepted); repeat the key for several values
 *   mode[.<field>]=m       like (default, caller writes the % wildcards) | exact | similar_to | posix
 *   joint|jointMode=or|and how field conditions combine (default or)
 *   isCaseSensitive=bool   default false; similar_to requires true
 * Every malformed input is a `request.invalid_input` (400) naming what is wrong.
 */

import { join, raw, type Sql, sql } from '../db/sql.ts';
import { ApiError } from '../errors/api-error.ts';

export const searchModes = ['like', 'exact', 'similar_to', 'posix'] as const;
export type SearchMode = (typeof searchModes)[number];

export type SearchMatch = { field?: string; mode: SearchMode; values: readonly string[] };
export type Search = { matches: readonly SearchMatch[]; joint: 'or' | 'and'; isCaseSensitive: boolean };

const invalid = (details: string) =>
  new ApiError('request.invalid_input', { status: 400, details, interpolation: { details } });

const toSnakeCase = (value: string) => value.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const isMode = (value: string): value is SearchMode => (searchModes as readonly string[]).includes(value);

const readMode = (value: string | undefined, key: string): SearchMode | undefined => {
  if (value === undefined) return undefined;
  if (!isMode(value)) throw invalid(`${key} must be one of ${searchModes.join(', ')}; got "${value}".`);
  return value;
};

/** `allowedFields` are snake_case column names, e.g. `['id', 'primary_email']`. */
export const parseSearch = (params: URLSearchParams, allowedFields: readonly string[]): Search => {
  const jointRaw = params.get('joint') ?? params.get('jointMode') ?? 'or';
  if (jointRaw !== 'or' && jointRaw !== 'and')
    throw invalid(`joint must be "or" or "and"; got "${jointRaw}".`);
  const caseRaw = params.get('isCaseSensitive') ?? 'false';
  if (caseRaw !== 'true' && caseRaw !== 'false') throw invalid('isCaseSensitive must be "true" or "false".');
  const isCaseSensitive = caseRaw === 'true';
  const defaultMode = readMode(params.get('mode') ?? undefined, 'mode') ?? 'like';

  const byField = new Map<string | undefined, string[]>();
  for (const [key, value] of params) {
    if (key !== 'search' && !key.startsWith('search.')) continue;
    const field = key === 'search' ? undefined : toSnakeCase(key.slice('search.'.length));
    if (field !== undefined && (field.includes('.') || !allowedFields.includes(field))) {
      throw invalid(`Searching by "${key.slice('search.'.length)}" is not supported.`);
    }
    if (value === '') throw invalid(`${key} must not be empty.`);
    byField.set(field, [...(byField.get(field) ?? []), value]);
  }

  const matches = [...byField].map(([field, values]): SearchMatch => {
    const camelKey =
      field === undefined
        ? undefined
        : [...params.keys()].find((k) => k.startsWith('mode.') && toSnakeCase(k.slice(5)) === field);
    const mode =
      (camelKey ? readMode(params.get(camelKey) ?? undefined, camelKey) : undefined) ?? defaultMode;
    if (values.length > 1 && mode !== 'exact') {
      throw invalid(`Several values for ${field ?? 'search'} are only allowed in exact mode.`);
    }
    if (mode === 'similar_to' && !isCaseSensitive) {
      throw invalid('similar_to mode needs isCaseSensitive=true (SQL SIMILAR TO is always case-sensitive).');
    }
    return { field, mode, values };
  });
  return { matches, joint: jointRaw, isCaseSensitive };
};

const fieldCondition = (column: Sql, match: SearchMatch, isCaseSensitive: boolean): Sql => {
  const [value = ''] = match.values;
  switch (match.mode) {
    case 'exact':
      return isCaseSensitive
        ? sql`${column} = any(${[...match.values]}::text[])`
        : sql`lower(${column}) = any(${match.values.map((v) => v.toLowerCase())}::text[])`;
    case 'like':
      return isCaseSensitive ? sql`${column} ~~ ${value}` : sql`${column} ~~* ${value}`;
    case 'posix':
      return isCaseSensitive ? sql`${column} ~ ${value}` : sql`${column} ~* ${value}`;
    case 'similar_to':
      return sql`${column} similar to ${value}`;
  }
};

/**
 * The condition for `search`, or `undefined` when nothing was searched. `columns` maps each allowed
 * snake_case field to its SQL column (code-owned text, e.g. `raw('primary_email')`).
 */
export const searchCondition = (search: Search, columns: Readonly<Record<string, Sql>>): Sql | undefined => {
  if (search.matches.length === 0) return undefined;
  const conditions = search.matches.map((match) => {
    if (match.field !== undefined) {
      const column = columns[match.field];
      if (!column) throw invalid(`Searching by "${match.field}" is not supported.`);
      return fieldCondition(sql`${column}::text`, match, search.isCaseSensitive);
    }
    const all = Object.values(columns).map((column) =>
      fieldCondition(sql`${column}::text`, match, search.isCaseSensitive),
    );
    return sql`(${join(all, raw(' or '))})`;
  });
  return sql`(${join(conditions, raw(search.joint === 'and' ? ' and ' : ' or '))})`;
};

/** The search a request's query string asks for over `columns` (their keys are the allowed fields). */
export const searchConditionFrom = (params: URLSearchParams, columns: Readonly<Record<string, Sql>>) =>
  searchCondition(parseSearch(params, Object.keys(columns)), columns);
