/** The search convention of spec §2.4, run as real SQL on this run's database. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { raw, sql } from '../../src/db/sql.ts';
import { parseSearch, searchCondition } from '../../src/libraries/search.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testEnv } from '../support/env.ts';

const columns = {
  id: raw('id'),
  username: raw('username'),
  primary_email: raw('primary_email'),
  name: raw('name'),
};

describe(`search on the database (${testEnv.dbKind})`, () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
    const users: [string, string, string | null, string][] = [
      ['u1', 'alice', 'Alice@Example.com', 'Alice Liddell'],
      ['u2', 'bob', 'bob@example.com', 'Bob Builder'],
      ['u3', 'carol_x', null, 'Carol'],
    ];
    for (const [id, username, email, name] of users) {
      await db.query(sql`insert into users (tenant_id, id, username, primary_email, name)
        values ('default', ${id}, ${username}, ${email}, ${name})`);
    }
  });
  after(() => db.close());

  const find = async (query: string): Promise<string[]> => {
    const condition = searchCondition(parseSearch(new URLSearchParams(query), Object.keys(columns)), columns);
    const { rows } = await db.query<{ id: string }>(
      sql`select id from users where tenant_id = 'default' ${condition ? sql`and ${condition}` : raw('')} order by id`,
    );
    return rows.map((row) => row.id);
  };

  const cases: [string, string[]][] = [
    ['', ['u1', 'u2', 'u3']],
    ['search=%25alice%25', ['u1']],
    ['search=%25EXAMPLE%25', ['u1', 'u2']],
    ['search=%25EXAMPLE%25&isCaseSensitive=true', []],
    ['search.primaryEmail=alice%40example.com&mode.primaryEmail=exact', ['u1']],
    ['search.primaryEmail=alice%40example.com&mode.primaryEmail=exact&isCaseSensitive=true', []],
    ['search.username=alice&search.username=bob&mode=exact', ['u1', 'u2']],
    ['search.name=%5EB&mode=posix', ['u2']],
    ['search.name=(Bob|Carol)%25&mode=similar_to&isCaseSensitive=true', ['u2', 'u3']],
    ['search.username=%25o%25&search.name=Carol&joint=and', ['u3']],
    ['search.username=%25o%25&search.name=Alice%25', ['u1', 'u2', 'u3']],
    ["search=x'%3B drop table users%3B --", []],
  ];
  for (const [query, expected] of cases) {
    it(`${query || '(no search)'} → ${JSON.stringify(expected)}`, async () => {
      assert.deepEqual(await find(query), expected);
    });
  }
});
