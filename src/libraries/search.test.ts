import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../errors/api-error.ts';
import { parseSearch } from './search.ts';

const fields = ['id', 'primary_email', 'username', 'name'];
const parse = (query: string) => parseSearch(new URLSearchParams(query), fields);

describe('parseSearch', () => {
  it('reads a general search with defaults', () => {
    assert.deepEqual(parse('search=%25foo%25'), {
      matches: [{ field: undefined, mode: 'like', values: ['%foo%'] }],
      joint: 'or',
      isCaseSensitive: false,
    });
  });

  it('reads field searches in camelCase, per-field modes, joint and case', () => {
    const search = parse(
      'search.primaryEmail=a%40b.io&search.primaryEmail=c%40d.io&mode.primaryEmail=exact&search.name=Jo%25&jointMode=and&isCaseSensitive=true',
    );
    assert.deepEqual(search.matches, [
      { field: 'primary_email', mode: 'exact', values: ['a@b.io', 'c@d.io'] },
      { field: 'name', mode: 'like', values: ['Jo%'] },
    ]);
    assert.equal(search.joint, 'and');
    assert.equal(search.isCaseSensitive, true);
  });

  it('ignores unrelated parameters', () => {
    assert.deepEqual(parse('page=2&page_size=10').matches, []);
  });

  const invalid: [string, RegExp][] = [
    ['search=', /must not be empty/],
    ['search.password=x', /not supported/],
    ['search.name.first=x', /not supported/],
    ['search=a&search=b', /only allowed in exact mode/],
    ['mode=regex&search=a', /mode must be one of/],
    ['joint=xor&search=a', /joint must be/],
    ['isCaseSensitive=1&search=a', /isCaseSensitive must be/],
    ['search=a&mode=similar_to', /needs isCaseSensitive=true/],
  ];
  for (const [query, details] of invalid) {
    it(`rejects ${query} with request.invalid_input`, () => {
      assert.throws(
        () => parse(query),
        (error: unknown) =>
          error instanceof ApiError &&
          error.code === 'request.invalid_input' &&
          error.status === 400 &&
          details.test(error.details ?? ''),
      );
    });
  }
});
