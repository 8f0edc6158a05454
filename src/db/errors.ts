/**
 * Database error kinds. Drivers translate their native errors into these, so nothing above the
 * database layer looks at SQLSTATE codes, and one HTTP middleware maps them to API errors.
 */
export class DbError extends Error {
  override name = 'DbError';
  readonly constraint?: string;
  readonly table?: string;
  constructor(message: string, options: { cause?: unknown; constraint?: string; table?: string } = {}) {
    super(message, { cause: options.cause });
    this.constraint = options.constraint;
    this.table = options.table;
  }
}

/** A row the caller required does not exist. */
export class NotFoundError extends DbError {
  override name = 'NotFoundError';
}

/** SQLSTATE 23505. */
export class UniqueViolationError extends DbError {
  override name = 'UniqueViolationError';
}

/** SQLSTATE 23503. */
export class ForeignKeyViolationError extends DbError {
  override name = 'ForeignKeyViolationError';
}

/** SQLSTATE 23514 (check) and 23502 (not null): the application sent a value the schema forbids. */
export class ConstraintViolationError extends DbError {
  override name = 'ConstraintViolationError';
}

/** SQLSTATE 22001: a string longer than its varchar column. */
export class ValueTooLongError extends DbError {
  override name = 'ValueTooLongError';
}

type NativeError = { code?: unknown; constraint?: unknown; table?: unknown; message?: unknown };

/** Translate a native driver error (pg's or PGlite's — both carry the SQLSTATE in `code`). */
export const translateError = (error: unknown): unknown => {
  if (typeof error !== 'object' || error === null) return error;
  const native = error as NativeError;
  const options = {
    cause: error,
    constraint: typeof native.constraint === 'string' ? native.constraint : undefined,
    table: typeof native.table === 'string' ? native.table : undefined,
  };
  const message = typeof native.message === 'string' ? native.message : 'database error';
  switch (native.code) {
    case '23505':
      return new UniqueViolationError(message, options);
    case '23503':
      return new ForeignKeyViolationError(message, options);
    case '23502':
    case '23514':
      return new ConstraintViolationError(message, options);
    case '22001':
      return new ValueTooLongError(message, options);
    default:
      return error;
  }
};
