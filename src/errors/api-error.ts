/**
 * The one error type handlers throw. It carries a Logto error code, an HTTP status and optional
 * data (interpolated into the localized message and returned to the client as `data`).
 */
import type { ErrorCode } from '../i18n/errors/index.ts';

export type ApiErrorOptions = {
  status?: number;
  data?: unknown;
  /** Extra values for the message that are not sent as `data`. */
  interpolation?: Record<string, unknown>;
  details?: string;
};

export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly data?: unknown;
  readonly interpolation: Record<string, unknown>;
  readonly details?: string;

  constructor(code: ErrorCode, options: ApiErrorOptions = {}) {
    super(code);
    this.code = code;
    // Logto's default status for a request error is 400.
    this.status = options.status ?? 400;
    this.data = options.data;
    this.details = options.details;
    const fromData =
      typeof options.data === 'object' && options.data !== null && !Array.isArray(options.data)
        ? (options.data as Record<string, unknown>)
        : {};
    this.interpolation = { ...fromData, ...options.interpolation };
  }
}

/** Throws an `ApiError` unless `condition` holds. Keeps handlers flat. */
export function assertThat(
  condition: unknown,
  code: ErrorCode,
  options?: ApiErrorOptions,
): asserts condition {
  if (!condition) throw new ApiError(code, options);
}
