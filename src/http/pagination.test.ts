import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../errors/api-error.ts';
import { parsePagination } from './pagination.ts';

describe('parsePagination', () => {
  it('defaults to page 1 of 20', () => {
    assert.deepEqual(parsePagination({}, 'required'), { page: 1, pageSize: 20, limit: 20, offset: 0 });
  });

  it('computes the offset', () => {
    assert.deepEqual(parsePagination({ page: '3', page_size: '100' }, 'required'), {
      page: 3,
      pageSize: 100,
      limit: 100,
      offset: 200,
    });
  });

  it('is skipped when optional and neither parameter is sent', () => {
    assert.equal(parsePagination({ other: 'x' }, 'optional'), undefined);
    assert.equal(parsePagination({ page_size: '5' }, 'optional')?.pageSize, 5);
  });

  for (const query of [
    { page: '0' },
    { page_size: '0' },
    { page_size: '101' },
    { page: 'x' },
    { page: '1.5' },
    { page: ['1', '2'] },
    { page: '-1' },
  ]) {
    it(`rejects ${JSON.stringify(query)} with guard.invalid_pagination`, () => {
      assert.throws(
        () => parsePagination(query, 'required'),
        (error: unknown) =>
          error instanceof ApiError && error.code === 'guard.invalid_pagination' && error.status === 400,
      );
    });
  }
});
