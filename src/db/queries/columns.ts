import { raw, type Sql } from '../sql.ts';

/** `created_at` as epoch milliseconds, the API's timestamp format (spec §2.2). */
export const epochMs = (column: string): Sql => raw(`(floor(extract(epoch from ${column}) * 1000))::int8`);
