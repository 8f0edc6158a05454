/**
 * A route is defined once: method, path, schemas and statuses. The router validates the request
 * with these schemas, strips the response to its schema (so no field it does not name, such as
 * `passwordEncrypted`, can leak), and the OpenAPI builder documents it from the same object.
 */
import type { z } from 'zod';
import type { Pagination } from './pagination.ts';
import type { AppContext } from './types.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type RouteInput<P, Q, B> = {
  params: P;
  query: Q;
  body: B;
  /** Present when the route paginates and the request asked for a page. */
  pagination?: Pagination;
};

export type RouteDefinition<P = unknown, Q = unknown, B = unknown> = {
  method: HttpMethod;
  /** Koa-style path below the router's prefix, e.g. `/resources/:id`. */
  path: string;
  summary: string;
  description?: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Schema of the success body; omitted for routes that answer without one. */
  response?: z.ZodType;
  /** Success status first, then the error statuses the route can answer with. */
  status: readonly number[];
  /** `required`: always paginated; `optional`: paginated only when `page` or `page_size` is sent. */
  pagination?: 'required' | 'optional';
  /** Returns the response body (validated against `response`), or nothing for an empty body. */
  handler: (input: RouteInput<P, Q, B>, ctx: AppContext) => Promise<unknown>;
};

/** Identity function that lets TypeScript infer `P`, `Q` and `B` from the schemas. */
export const defineRoute = <P = undefined, Q = undefined, B = undefined>(
  definition: RouteDefinition<P, Q, B>,
): RouteDefinition<P, Q, B> => definition;
