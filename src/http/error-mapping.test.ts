import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  ForeignKeyViolationError,
  NotFoundError,
  UniqueViolationError,
  ValueTooLongError,
} from '../db/errors.ts';
import { ApiError } from '../errors/api-error.ts';
import { toApiError } from './error-mapping.ts';

describe('toApiError', () => {
  it('maps a unique violation to 422 with a specific code where one exists', () => {
    const error = toApiError(new UniqueViolationError('dup', { constraint: 'roles__name', table: 'roles' }));
    assert.equal(error?.status, 422);
    assert.equal(error?.code, 'role.name_in_use');
    const generic = toApiError(
      new UniqueViolationError('dup', {
        constraint: 'custom_phrases__language_tag',
        table: 'custom_phrases',
      }),
    );
    assert.equal(generic?.status, 422);
    assert.equal(generic?.code, 'entity.unique_violation');
    assert.deepEqual(generic?.data, { constraint: 'custom_phrases__language_tag' });
  });

  it('maps foreign keys to 422, not found to 404, too long to 400', () => {
    assert.equal(toApiError(new ForeignKeyViolationError('fk', {}))?.status, 422);
    assert.equal(toApiError(new NotFoundError('none'))?.status, 404);
    assert.equal(toApiError(new ValueTooLongError('long'))?.status, 400);
  });

  it('keeps ApiErrors; a ZodError not raised by request validation (bad stored data) is a server fault', () => {
    const apiError = new ApiError('auth.forbidden', { status: 403 });
    assert.equal(toApiError(apiError), apiError);
    const zodError = z.object({ a: z.string() }).safeParse({}).error;
    assert.equal(toApiError(zodError), undefined);
  });

  it('leaves unknown errors unmapped (a 500 whose detail stays in the log)', () => {
    assert.equal(toApiError(new Error('boom')), undefined);
    assert.equal(toApiError({ status: 503 }), undefined);
  });
});
