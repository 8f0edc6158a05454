/**
 * Every error a request can raise becomes an `ApiError` here, in one place: validation failures,
 * database error kinds (a unique violation is a 422 with a code, never a 500), and Koa's HTTP
 * errors. Anything else is a server fault (500) whose detail stays in the log.
 */
import type { ZodError } from 'zod';
import {
  ConstraintViolationError,
  ForeignKeyViolationError,
  NotFoundError,
  UniqueViolationError,
  ValueTooLongError,
} from '../db/errors.ts';
import { ApiError } from '../errors/api-error.ts';

type ZodIssue = ZodError['issues'][number];

const describeIssue = (issue: ZodIssue): string =>
  `Error in key path "${issue.path.map(String).join('.')}": (${issue.code}) ${issue.message}`;

/** `guard.invalid_input` as spec §2.1: `data` is the ZodError, `details` one line per issue. */
export const invalidInput = (error: ZodError, type: 'params' | 'query' | 'body'): ApiError =>
  new ApiError('guard.invalid_input', {
    status: 400,
    data: { name: 'ZodError', issues: error.issues },
    interpolation: { type },
    details: error.issues.map(describeIssue).join('\n'),
  });

/** Table name → the entity word used in messages. */
const entityName = (table: string | undefined) => (table ?? 'entity').replace(/_/g, ' ').replace(/s$/, '');

/**
 * Specific codes for the unique constraints users can hit; the generic `entity.unique_violation`
 * (422) covers the rest, still with the constraint named in `data`.
 */
const uniqueConstraintCodes: Readonly<Record<string, ApiError['code']>> = {
  users__username: 'user.username_already_in_use',
  users__primary_email: 'user.email_already_in_use',
  users__primary_phone: 'user.phone_already_in_use',
  roles__name: 'role.name_in_use',
  resources__indicator: 'resource.identifier_in_use',
  scopes__resource_id_name: 'scope.name_exists',
};

export const toApiError = (error: unknown): ApiError | undefined => {
  if (error instanceof ApiError) return error;
  if (error instanceof NotFoundError) {
    return new ApiError('entity.not_found', { status: 404 });
  }
  if (error instanceof UniqueViolationError) {
    const code = (error.constraint && uniqueConstraintCodes[error.constraint]) || 'entity.unique_violation';
    return new ApiError(code, {
      status: 422,
      data: { constraint: error.constraint },
      interpolation: { name: entityName(error.table) },
    });
  }
  if (error instanceof ForeignKeyViolationError) {
    return new ApiError('entity.relation_violation', {
      status: 422,
      data: { constraint: error.constraint },
      interpolation: { name: entityName(error.table) },
    });
  }
  if (error instanceof ValueTooLongError || error instanceof ConstraintViolationError) {
    return new ApiError('entity.value_too_long', { status: 400, interpolation: { name: 'field' } });
  }
  const status = (error as { status?: unknown; expose?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return new ApiError('guard.payload_too_large', { status });
    if (status === 415) return new ApiError('guard.unsupported_media_type', { status });
    return new ApiError('request.general', { status });
  }
  return undefined;
};
