/**
 * JSON request bodies, read only by routes that declare a body schema. The size limit is enforced
 * while reading (413 before the whole body is buffered); an empty body reads as `{}` so that
 * validation reports the missing fields by name.
 */
import getRawBody from 'raw-body';
import { ApiError } from '../errors/api-error.ts';
import type { AppContext } from './types.ts';

export const readJsonBody = async (ctx: AppContext, limit: number): Promise<unknown> => {
  const length = ctx.request.length;
  // HTTP/1.1 without Content-Length or Transfer-Encoding has no body; HTTP/2 streams may have one
  // without either header, so there the stream is always read.
  const http1 = ctx.req.httpVersionMajor < 2;
  if (length === 0 || (http1 && length === undefined && !ctx.request.get('transfer-encoding'))) return {};
  const encoding = ctx.request.get('content-encoding').toLowerCase();
  const charset = ctx.request.charset.toLowerCase();
  if (
    !ctx.is('application/json', '+json') ||
    (encoding && encoding !== 'identity') ||
    (charset && charset !== 'utf-8')
  ) {
    throw new ApiError('guard.unsupported_media_type', {
      status: 415,
      interpolation: { expected: 'application/json (UTF-8, not compressed)' },
    });
  }
  let text: string;
  try {
    text = await getRawBody(ctx.req, { length, limit, encoding: 'utf8' });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') {
      throw new ApiError('guard.payload_too_large', { status: 413, interpolation: { limit } });
    }
    throw new ApiError('request.general', { status: 400 });
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('guard.invalid_json', { status: 400 });
  }
};
