/** A tenant's own wording of the sign-in pages, per language (spec §14). */
import { z } from 'zod';
import type { Db } from '../db/driver.ts';
import {
  deleteCustomPhrase,
  findCustomPhrase,
  findCustomPhrases,
  upsertCustomPhrase,
} from '../db/queries/custom-phrases.ts';
import { findSignInExperience } from '../db/queries/sign-in-experiences.ts';
import { ApiError } from '../errors/api-error.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { cleanTranslation, isKnownLanguageTag } from '../i18n/ui-phrases.ts';
import { generateId } from '../libraries/ids.ts';

const phraseGuard = z.object({
  tenantId: z.string(),
  id: z.string(),
  languageTag: z.string(),
  translation: z.record(z.string(), z.unknown()),
});
const params = z.object({
  languageTag: z.string().refine(isKnownLanguageTag, { message: 'Not a supported language tag.' }),
});
const notFound = () => new ApiError('entity.not_found', { status: 404 });

export const registerCustomPhraseRoutes = (router: Router, { db }: { db: Db }) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/custom-phrases',
      summary: 'List custom phrases',
      response: z.array(phraseGuard),
      status: [200, 401, 403],
      handler: async (_input, ctx) => findCustomPhrases(db, ctx.state.tenant.id),
    }),
  );

  router.add(
    defineRoute({
      method: 'get',
      path: '/custom-phrases/:languageTag',
      summary: 'Get the custom phrases of a language',
      params,
      response: phraseGuard,
      status: [200, 400, 401, 403, 404],
      handler: async ({ params: { languageTag } }, ctx) => {
        const phrase = await findCustomPhrase(db, ctx.state.tenant.id, languageTag);
        if (!phrase) throw notFound();
        return phrase;
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'put',
      path: '/custom-phrases/:languageTag',
      summary: 'Set the custom phrases of a language',
      description:
        'The body is a nested object of texts whose key paths exist in the English phrases of the sign-in pages; empty texts are dropped. Replaces the language’s custom phrases.',
      params,
      body: z.record(z.string(), z.unknown()),
      response: phraseGuard,
      status: [200, 400, 401, 403],
      handler: async ({ params: { languageTag }, body }, ctx) => {
        const cleaned = cleanTranslation(body);
        if ('invalidPath' in cleaned) {
          throw new ApiError('localization.invalid_translation_structure', {
            status: 400,
            data: { path: cleaned.invalidPath },
          });
        }
        return upsertCustomPhrase(db, ctx.state.tenant.id, generateId(), languageTag, cleaned.translation);
      },
    }),
  );

  router.add(
    defineRoute({
      method: 'delete',
      path: '/custom-phrases/:languageTag',
      summary: 'Delete the custom phrases of a language',
      description:
        'Not the sign-in experience’s fallback language (`localization.cannot_delete_default_language`).',
      params,
      status: [204, 400, 401, 403, 404],
      handler: async ({ params: { languageTag } }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        const { languageInfo } = await findSignInExperience(db, tenantId);
        if (languageInfo.fallbackLanguage === languageTag) {
          throw new ApiError('localization.cannot_delete_default_language', {
            status: 400,
            interpolation: { languageTag },
          });
        }
        if (!(await deleteCustomPhrase(db, tenantId, languageTag))) throw notFound();
      },
    }),
  );
};
