/**
 * Serves the sign-in pages (spec §1.4) on every tenant and the demo app at `/demo-app` on the
 * default tenant. Page routes get `index.html` (never cached, so a changed experience shows on
 * the next load; a new build, on the next start); hashed assets are cached for a year. Pages that act on a sign-in need a live
 * interaction (spec §8.9): without one the browser goes to `/unknown-session`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from 'oidc-provider';
import type { Db } from '../db/driver.ts';
import { findLogtoConfig } from '../db/queries/logto-configs.ts';
import type { AppContext, AppMiddleware } from '../http/types.ts';
import type { ProviderRegistry } from '../oidc/registry.ts';
import { defaultTenantId } from '../tenancy/tenant.ts';
import type { PageAssets, PageFile } from './assets.ts';

/** Every path the pages' router knows (web/experience/src/routes.ts). */
const pagePaths = [
  /^\/$/,
  /^\/sign-in(\/(password|consent|verification-code|social\/[^/]+))?$/,
  /^\/register(\/(password|verification-code))?$/,
  /^\/forgot-password(\/(reset|verification-code))?$/,
  /^\/continue\/(password|username|email|phone|email-or-phone|verification-code)$/,
  /^\/social\/(link|landing)\/[^/]+$/,
  /^\/callback\/[^/]+$/,
  /^\/(unknown-session|springboard|error)$/,
];

/** Pages that continue a sign-in: they need the interaction the provider started. */
const needsInteraction = /^\/($|sign-in|register|forgot-password|continue|social\/|callback\/)/;

/**
 * Where the unknown-session page offers to go back to: the last application's address. Over
 * https the `__Host-` prefix keeps sibling sites from planting one.
 */
const returnCookie = (secure: boolean) => (secure ? '__Host-latch_return' : 'latch_return');

/** An operator's own "session not found" page (logto_configs, spec §8.9), if it is http(s). */
const sessionNotFoundUrl = async (db: Db, tenantId: string): Promise<string | undefined> => {
  const value = (await findLogtoConfig(db, tenantId, 'sessionNotFoundRedirectUrl')) as
    | { url?: unknown }
    | undefined;
  if (typeof value?.url !== 'string') return undefined;
  try {
    const url = new URL(value.url);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/** Sends a built file; HTML pages carry `frameAncestors`, the origins that may frame them. */
const send = (ctx: AppContext, file: PageFile, { status = 200, frameAncestors = '' } = {}) => {
  const gzip = file.gzip && ctx.acceptsEncodings('gzip', 'identity') === 'gzip';
  ctx.status = status;
  ctx.type = file.type;
  ctx.set('ETag', gzip ? file.gzipEtag! : file.etag);
  ctx.set('Vary', 'Accept-Encoding');
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (frameAncestors) {
    // No one frames the sign-in pages (clickjacking) but the tenant itself and the admin console.
    ctx.set('Content-Security-Policy', `frame-ancestors ${frameAncestors}`);
    ctx.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  }
  ctx.set('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (status === 200 && ctx.fresh) {
    ctx.status = 304;
    return;
  }
  // Compressed once when loaded; koa-compress must not do it again.
  ctx.compress = false;
  if (gzip) ctx.set('Content-Encoding', 'gzip');
  ctx.body = gzip ? file.gzip : file.body;
};

const returnAddress = (ctx: AppContext, redirectUri: unknown): string | undefined => {
  if (typeof redirectUri !== 'string') return undefined;
  try {
    const url = new URL(redirectUri);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // An application served by this tenant (the demo app) is its own page; elsewhere, the site.
    return url.origin === `${ctx.protocol}://${ctx.host}` ? `${url.origin}${url.pathname}` : `${url.origin}/`;
  } catch {
    return undefined;
  }
};

export const servePages = ({
  assets,
  registry,
  db,
  adminOrigin,
}: {
  assets: PageAssets;
  registry: ProviderRegistry;
  db: Db;
  /** The admin console's origin, which may frame the pages (its live preview). */
  adminOrigin: string;
}): AppMiddleware => {
  const index = assets.file('/index.html')!;
  const demoApp = assets.file('/demo-app/index.html');
  const page = { frameAncestors: `'self' ${adminOrigin}` };
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const { path } = ctx;
    if (path.startsWith('/assets/')) {
      const file = assets.file(path);
      if (!file) return next();
      return send(ctx, file);
    }
    if (path === '/demo-app' || path === '/demo-app/') {
      if (!demoApp || ctx.state.tenant.id !== defaultTenantId) return next();
      return send(ctx, demoApp, page);
    }
    if (!pagePaths.some((pattern) => pattern.test(path))) {
      // Any other address a person might type gets the pages' own "not found" page.
      if (!ctx.accepts('html') || path.includes('.')) return next();
      return send(ctx, index, { ...page, status: 404 });
    }
    if (needsInteraction.test(path) && ctx.query.preview === undefined) {
      const provider = await registry.get(ctx.state.tenant.id);
      try {
        const interaction = await provider.interactionDetails(
          ctx.req as IncomingMessage,
          ctx.res as ServerResponse,
        );
        const back = returnAddress(ctx, interaction.params.redirect_uri);
        if (back) {
          ctx.cookies.set(returnCookie(ctx.secure), encodeURIComponent(back), {
            httpOnly: false,
            sameSite: 'lax',
            secure: ctx.secure,
            maxAge: 24 * 3600 * 1000,
            overwrite: true,
            signed: false,
          });
        }
      } catch (error) {
        if (!(error instanceof errors.SessionNotFound)) throw error;
        const tenantId = ctx.state.tenant.id;
        ctx.redirect(
          (await sessionNotFoundUrl(db, tenantId)) ??
            new URL('unknown-session', ctx.state.tenant.endpoint).href,
        );
        ctx.set('Cache-Control', 'no-store');
        return;
      }
    }
    return send(ctx, index, page);
  };
};
