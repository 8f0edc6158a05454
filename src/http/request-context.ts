import { randomUUID } from 'node:crypto';
import { errorLanguages } from '../i18n/errors/index.ts';
import { negotiateLanguage } from '../i18n/negotiate.ts';
import type { Logger } from '../logger.ts';
import type { Tenancy } from '../tenancy/tenant.ts';
import type { AppMiddleware } from './types.ts';

/** Marks requests that arrived on the admin port's listener (set by `server.ts`). */
export const adminListener = Symbol('latch.adminListener');

const requestIdPattern = /^[\w.:-]{1,128}$/;

/**
 * Per request: an id (a sane incoming `x-request-id` is kept for tracing across proxies), the
 * tenant, the language, and a child logger; one access-log line when the response is done.
 */
export const requestContext =
  (logger: Logger, tenancy: Tenancy): AppMiddleware =>
  async (ctx, next) => {
    const started = performance.now();
    const incoming = ctx.get('x-request-id');
    const requestId = requestIdPattern.test(incoming) ? incoming : randomUUID();
    const arrivedOnAdminPort = (ctx.req as unknown as Record<symbol, boolean>)[adminListener] === true;
    // Koa 3's `ctx.origin` is the Origin header (the caller's page), not this request's origin.
    const tenant = tenancy.resolve(`${ctx.protocol}://${ctx.host}`, arrivedOnAdminPort);
    ctx.state.requestId = requestId;
    ctx.state.tenant = tenant;
    const locale = typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined;
    ctx.state.language = negotiateLanguage(locale ?? ctx.get('accept-language'), errorLanguages);
    // Made when first used: a child logger serializes (and redacts) its bindings, which most
    // requests, logging only their access line, do not need.
    let child: Logger | undefined;
    Object.defineProperty(ctx.state, 'logger', {
      get: () => (child ??= logger.child({ requestId, tenant: tenant.id })),
      enumerable: true,
    });
    ctx.set('x-request-id', requestId);
    try {
      await next();
    } finally {
      if (logger.isLevelEnabled('info')) {
        logger.info(
          {
            requestId,
            tenant: tenant.id,
            method: ctx.method,
            path: ctx.path,
            status: ctx.status,
            ms: Math.round((performance.now() - started) * 10) / 10,
          },
          'request',
        );
      }
    }
  };
