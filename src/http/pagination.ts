/**
 * Logto's pagination (spec §2.3): `page` (≥ 1, default 1) and `page_size` (1–100, default 20);
 * the response carries `Total-Number` and RFC 8288 `Link` headers (first, prev, next, last).
 */
import { ApiError } from '../errors/api-error.ts';
import type { AppContext } from './types.ts';

export type Pagination = { page: number; pageSize: number; limit: number; offset: number };

export const defaultPageSize = 20;
export const maxPageSize = 100;

const parsePositive = (value: unknown, fallback: number): number => {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return Number.NaN;
  return Number(value);
};

/** Returns `undefined` for optional pagination when neither parameter is sent. */
export const parsePagination = (
  query: Readonly<Record<string, unknown>>,
  mode: 'required' | 'optional',
): Pagination | undefined => {
  if (mode === 'optional' && query.page === undefined && query.page_size === undefined) return undefined;
  const page = parsePositive(query.page, 1);
  const pageSize = parsePositive(query.page_size, defaultPageSize);
  if (!(page >= 1 && page <= Number.MAX_SAFE_INTEGER && pageSize >= 1 && pageSize <= maxPageSize)) {
    throw new ApiError('guard.invalid_pagination', { status: 400 });
  }
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
};

export const setPaginationHeaders = (ctx: AppContext, pagination: Pagination, total: number) => {
  const lastPage = Math.max(1, Math.ceil(total / pagination.pageSize));
  const linkTo = (page: number, rel: string) => {
    // From the tenant's configured endpoint, not from a Host header the client chose.
    const url = new URL(ctx.originalUrl, ctx.state.tenant.endpoint);
    url.searchParams.set('page', String(page));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links = [linkTo(1, 'first')];
  if (pagination.page > 1) links.push(linkTo(Math.min(pagination.page - 1, lastPage), 'prev'));
  if (pagination.page < lastPage) links.push(linkTo(pagination.page + 1, 'next'));
  links.push(linkTo(lastPage, 'last'));
  ctx.set('Total-Number', String(total));
  ctx.set('Link', links.join(', '));
};

/** What a paginated handler returns: one page of items and the total count across all pages. */
export class Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  constructor(items: readonly T[], total: number) {
    this.items = items;
    this.total = total;
  }

  /** Runs the page's query and the count together. */
  static async of<T>(items: Promise<readonly T[]>, total: Promise<number>): Promise<Page<T>> {
    const [loaded, count] = await Promise.all([items, total]);
    return new Page(loaded, count);
  }
}
