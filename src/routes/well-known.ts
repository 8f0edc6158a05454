/**
 * What the sign-in pages read before anyone signs in (spec §4 `.well-known`): the sign-in
 * experience with its social connectors, and the pages' phrases in the visitor's language.
 */
import { z } from 'zod';
import type { ConnectorHost } from '../connectors/host.ts';
import type { Db } from '../db/driver.ts';
import { findCustomPhrases } from '../db/queries/custom-phrases.ts';
import { findSignInExperience } from '../db/queries/sign-in-experiences.ts';
import { ApiError } from '../errors/api-error.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import type { AppContext } from '../http/types.ts';
import { negotiateLanguage } from '../i18n/negotiate.ts';
import {
  builtInTranslation,
  builtInUiLanguages,
  mergeTranslations,
  type Translation,
} from '../i18n/ui-phrases.ts';
import type { ConfigCache } from '../libraries/config-cache.ts';
import { signInExperienceGuard } from '../schemas/sign-in-experience.ts';
import { adminTenantId, type Tenancy } from '../tenancy/tenant.ts';

const wantsFresh = (ctx: AppContext) =>
  /no-cache|no-store/i.test(ctx.get('cache-control')) || ctx.query.no_cache !== undefined;

export const registerWellKnownRoutes = (
  router: Router,
  {
    db,
    connectors,
    cache,
    tenancy,
  }: { db: Db; connectors: ConnectorHost; cache: ConfigCache; tenancy: Tenancy },
) => {
  const experienceOf = (ctx: AppContext) => {
    const tenantId = ctx.state.tenant.id;
    const load = () => findSignInExperience(db, tenantId);
    return wantsFresh(ctx) ? load() : cache.get(tenantId, 'sign-in-experience', load);
  };

  router.add(
    defineRoute({
      method: 'get',
      path: '/.well-known/sign-in-exp',
      summary: 'The sign-in experience, for the sign-in pages',
      description:
        'With the social connectors the experience lists (in its order) and whether a password can be reset by email or by SMS. `Cache-Control: no-cache` reads it fresh.',
      response: signInExperienceGuard.extend({
        socialConnectors: z.array(z.looseObject({ id: z.string(), target: z.string() })),
        forgotPassword: z.object({ email: z.boolean(), phone: z.boolean() }),
      }),
      status: [200],
      handler: async (_input, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const [experience, all] = await Promise.all([experienceOf(ctx), connectors.list(db, tenantId)]);
        const social = all.filter((connector) => connector.factory.type === 'Social');
        const socialConnectors = experience.socialSignInConnectorTargets.flatMap((target) =>
          social
            .filter((connector) => connector.metadata.target === target)
            .map(({ row, metadata }) => ({ ...metadata, id: row.id })),
        );
        const has = (type: string) => all.some((connector) => connector.factory.type === type);
        return {
          ...experience,
          socialConnectors,
          forgotPassword: { email: has('Email'), phone: has('Sms') },
        };
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/.well-known/phrases',
      summary: 'The sign-in pages’ phrases in the visitor’s language',
      description:
        'Language: `lng`, else (when the experience detects it) `locale` or `Accept-Language`, else the fallback language — the first one that ships or has custom phrases; else English. Custom phrases are laid over the built-in ones.',
      query: z.object({ lng: z.string().max(16).optional(), locale: z.string().max(64).optional() }),
      response: z.object({ translation: z.record(z.string(), z.unknown()) }),
      status: [200],
      handler: async ({ query }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const experience = await experienceOf(ctx);
        // One read: the languages with custom phrases, and their phrases.
        const custom = new Map(
          (await findCustomPhrases(db, tenantId)).map((phrase) => [phrase.languageTag, phrase]),
        );
        const available = (tag: string | undefined): tag is string =>
          tag !== undefined && (builtInUiLanguages.has(tag) || custom.has(tag));
        const supported = [...builtInUiLanguages, ...custom.keys()];
        const detected = experience.languageInfo.autoDetect
          ? negotiateLanguage(query.locale ?? ctx.get('accept-language'), supported, '')
          : '';
        const language =
          [query.lng, detected || undefined, experience.languageInfo.fallbackLanguage].find(available) ??
          'en';
        const base = builtInTranslation(language) ?? builtInTranslation('en')!;
        const own = custom.get(language);
        ctx.set('Content-Language', language);
        return { translation: own ? mergeTranslations(base, own.translation as Translation) : base };
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/.well-known/endpoints/:tenantId',
      summary: 'Where a tenant is served (admin tenant only)',
      params: z.object({ tenantId: z.string().min(1) }),
      response: z.object({ user: z.string() }),
      status: [200, 404],
      handler: async ({ params }, ctx) => {
        const tenant = ctx.state.tenant.id === adminTenantId ? tenancy.byId(params.tenantId) : undefined;
        if (!tenant) throw new ApiError('entity.not_found', { status: 404 });
        return { user: tenant.endpoint.href };
      },
    }),
  );
};
