/**
 * Matches requests to route definitions and runs them: guard → validate params, query, body →
 * handler → strip the response to its schema → pagination headers. Unknown paths fall through
 * (the API's JSON 404 comes after); a known path with another method is a 405 with `Allow`.
 */
import type { z } from 'zod';
import { ApiError } from '../errors/api-error.ts';
import { readJsonBody } from './body.ts';
import { invalidInput } from './error-mapping.ts';
import { Page, parsePagination, setPaginationHeaders } from './pagination.ts';
import type { RouteDefinition } from './route.ts';
import type { AppContext, AppMiddleware } from './types.ts';

type CompiledRoute = {
  definition: RouteDefinition<unknown, unknown, unknown>;
  pattern: RegExp;
  keys: string[];
};

const compilePath = (path: string): { pattern: RegExp; keys: string[] } => {
  const keys: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        keys.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern: new RegExp(`^${source}/?$`), keys };
};

const validate = <T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  type: 'params' | 'query' | 'body',
): T => {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, type);
  return result.data;
};

const decodeParam = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new ApiError('guard.invalid_input', { status: 400, interpolation: { type: 'params' } });
  }
};

const stripResponse = (
  schema: z.ZodType,
  value: unknown,
  definition: RouteDefinition<unknown, unknown, unknown>,
) => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `Response of ${definition.method.toUpperCase()} ${definition.path} does not match its schema`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
};

export type RouterOptions = {
  /** Path prefix, e.g. `/api`. */
  prefix: string;
  bodyLimit: number;
  /** Runs before validation on every route of this router (e.g. the management-API guard). */
  guard?: AppMiddleware;
};

export class Router {
  readonly prefix: string;
  readonly guard?: AppMiddleware;
  readonly #bodyLimit: number;
  readonly #routes: CompiledRoute[] = [];

  constructor(options: RouterOptions) {
    this.prefix = options.prefix;
    this.guard = options.guard;
    this.#bodyLimit = options.bodyLimit;
  }

  add<P, Q, B>(definition: RouteDefinition<P, Q, B>): this {
    const { pattern, keys } = compilePath(this.prefix + definition.path);
    this.#routes.push({
      definition: definition as RouteDefinition<unknown, unknown, unknown>,
      pattern,
      keys,
    });
    return this;
  }

  get definitions(): readonly RouteDefinition<unknown, unknown, unknown>[] {
    return this.#routes.map((route) => route.definition);
  }

  middleware(): AppMiddleware {
    return async (ctx, next) => {
      const matches = this.#routes.filter((route) => route.pattern.test(ctx.path));
      if (matches.length === 0) return next();
      const method = ctx.method === 'HEAD' ? 'get' : ctx.method.toLowerCase();
      const route = matches.find((match) => match.definition.method === method);
      if (!route) {
        const allowed = [...new Set(matches.map((match) => match.definition.method.toUpperCase()))];
        ctx.set('Allow', allowed.join(', '));
        throw new ApiError('request.method_not_allowed', {
          status: 405,
          interpolation: { method: ctx.method },
        });
      }
      const run = () => this.#run(route, ctx);
      if (this.guard) await this.guard(ctx, run);
      else await run();
    };
  }

  async #run({ definition, pattern, keys }: CompiledRoute, ctx: AppContext): Promise<void> {
    const values = pattern.exec(ctx.path)?.slice(1) ?? [];
    const rawParams = Object.fromEntries(keys.map((key, index) => [key, decodeParam(values[index] ?? '')]));
    const params = validate(definition.params, rawParams, 'params');
    const query = validate(definition.query, ctx.query, 'query');
    const pagination = definition.pagination ? parsePagination(ctx.query, definition.pagination) : undefined;
    const rawBody = definition.body ? await readJsonBody(ctx, this.#bodyLimit) : undefined;
    const body = validate(definition.body, rawBody, 'body');

    const statusBefore = ctx.status;
    let result = await definition.handler({ params, query, body, pagination }, ctx);
    if (result instanceof Page) {
      if (pagination) setPaginationHeaders(ctx, pagination, result.total);
      result = result.items;
    }
    const [successStatus = 200] = definition.status;
    if (result === undefined) {
      // A handler may answer another declared success status itself (e.g. 204 instead of 200).
      const chosen =
        ctx.status !== statusBefore && ctx.status < 300 && definition.status.includes(ctx.status);
      if (!chosen) ctx.status = successStatus;
      return;
    }
    // A response that does not match its own schema is a server bug: fail loudly, leak nothing.
    ctx.body = definition.response ? stripResponse(definition.response, result, definition) : result;
    ctx.status = successStatus;
  }
}
