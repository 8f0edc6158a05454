import { translateError } from '../i18n/errors/index.ts';
import { toApiError } from './error-mapping.ts';
import type { AppMiddleware } from './types.ts';

/**
 * Renders errors as Logto's body `{ code, message, data?, details? }`, with the message in the
 * request's language. Unexpected errors are logged with their stack and answered with a bare 500:
 * no internal detail reaches the client.
 */
export const errorHandler = (): AppMiddleware => async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    const apiError = toApiError(error);
    const language = ctx.state.language ?? 'en';
    if (!apiError) {
      ctx.state.logger?.error({ err: error }, 'unhandled error');
      ctx.status = 500;
      ctx.body = {
        code: 'request.internal_server_error',
        message: translateError('request.internal_server_error', language),
      };
      return;
    }
    if (apiError.status >= 500) ctx.state.logger?.error({ err: error }, 'server error');
    ctx.status = apiError.status;
    ctx.body = {
      code: apiError.code,
      message: translateError(apiError.code, language, apiError.interpolation),
      ...(apiError.data === undefined ? {} : { data: apiError.data }),
      ...(apiError.details === undefined ? {} : { details: apiError.details }),
    };
  }
};
