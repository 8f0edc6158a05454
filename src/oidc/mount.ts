/**
 * Serves `/oidc/*` with the request's tenant's provider. The provider runs as its own Koa app
 * (its own cookie keys, error pages and CORS); the path is handed over without the `/oidc` prefix
 * and `originalUrl` tells it where it is mounted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { AppMiddleware } from '../http/types.ts';
import type { ProviderRegistry } from './registry.ts';

const prefix = '/oidc';

export const isOidcPath = (path: string) => path === prefix || path.startsWith(`${prefix}/`);

export const mountOidc = (registry: ProviderRegistry): AppMiddleware => {
  const callbacks = new WeakMap<Provider, (req: IncomingMessage, res: ServerResponse) => Promise<void>>();
  return async (ctx, next) => {
    if (!isOidcPath(ctx.path)) return next();
    const provider = await registry.get(ctx.state.tenant.id);
    let callback = callbacks.get(provider);
    if (!callback) {
      callback = provider.callback() as unknown as (
        req: IncomingMessage,
        res: ServerResponse,
      ) => Promise<void>;
      callbacks.set(provider, callback);
    }
    const req = ctx.req as IncomingMessage & { originalUrl?: string };
    req.originalUrl = ctx.originalUrl;
    req.url = ctx.originalUrl.slice(prefix.length) || '/';
    ctx.respond = false;
    await callback(req, ctx.res);
  };
};
