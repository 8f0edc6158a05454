/**
 * `GET/PATCH /api/sign-in-exp` (spec §11): the sign-in experience, validated as a whole against
 * the connectors the tenant has, so an experience that cannot work is never stored.
 */
import { z } from 'zod';
import type { ConnectorHost } from '../connectors/host.ts';
import type { Db, Queryable } from '../db/driver.ts';
import { findSignInExperience, updateSignInExperience } from '../db/queries/sign-in-experiences.ts';
import { sql } from '../db/sql.ts';
import { ApiError } from '../errors/api-error.ts';
import { defineRoute } from '../http/route.ts';
import type { Router } from '../http/router.ts';
import { assertOwnTenant } from '../http/tenant-field.ts';
import { builtInUiLanguages } from '../i18n/ui-phrases.ts';
import { type SignInExperience, signInExperienceGuard } from '../schemas/sign-in-experience.ts';

const invalid = (code: string, interpolation?: Record<string, string>) =>
  new ApiError(`sign_in_experiences.${code}` as 'sign_in_experiences.username_requires_password', {
    status: 400,
    ...(interpolation ? { interpolation, data: interpolation } : {}),
  });

const patchGuard = signInExperienceGuard
  .omit({ tenantId: true, id: true, termsOfUseUrl: true, privacyPolicyUrl: true })
  .extend({
    tenantId: z.string().max(21),
    // '' is stored as null (spec §11.1).
    termsOfUseUrl: z
      .union([z.url().max(2048), z.literal('')])
      .nullable()
      .transform((value) => value || null),
    privacyPolicyUrl: z
      .union([z.url().max(2048), z.literal('')])
      .nullable()
      .transform((value) => value || null),
  })
  .partial();
type Patch = z.infer<typeof patchGuard>;

const hasCustomPhrases = async (db: Queryable, tenantId: string, languageTag: string) => {
  const { rows } = await db.query(
    sql`select 1 from custom_phrases where tenant_id = ${tenantId} and language_tag = ${languageTag}`,
  );
  return rows.length > 0;
};

const validate = async (
  db: Queryable,
  connectors: ConnectorHost,
  tenantId: string,
  patch: Patch,
  stored: SignInExperience,
) => {
  if (patch.languageInfo) {
    const language = patch.languageInfo.fallbackLanguage;
    if (!builtInUiLanguages.has(language) && !(await hasCustomPhrases(db, tenantId, language))) {
      throw invalid('unsupported_default_language', { language });
    }
  }
  const hasEmail = () => connectors.hasType(db, tenantId, 'Email');
  const hasSms = () => connectors.hasType(db, tenantId, 'Sms');
  const { signUp, signIn } = patch;
  if (signUp) {
    for (const identifier of signUp.identifiers) {
      if (identifier === 'email' && !(await hasEmail()))
        throw invalid('enabled_connector_not_found', { type: 'Email' });
      if (identifier === 'phone' && !(await hasSms()))
        throw invalid('enabled_connector_not_found', { type: 'Sms' });
      if (identifier === 'username' && !signUp.password) throw invalid('username_requires_password');
      if (identifier !== 'username' && !signUp.verify) throw invalid('passwordless_requires_verify');
    }
  }
  if (signIn) {
    const effectiveSignUp = signUp ?? stored.signUp;
    for (const method of signIn.methods) {
      if (method.verificationCode && method.identifier === 'email' && !(await hasEmail())) {
        throw invalid('enabled_connector_not_found', { type: 'Email' });
      }
      if (method.verificationCode && method.identifier === 'phone' && !(await hasSms())) {
        throw invalid('enabled_connector_not_found', { type: 'Sms' });
      }
      if (!method.password && !method.verificationCode) throw invalid('at_least_one_authentication_factor');
    }
    const methodFor = (identifier: string) =>
      signIn.methods.find((method) => method.identifier === identifier);
    if (effectiveSignUp.identifiers.some((identifier) => !methodFor(identifier))) {
      throw invalid('miss_sign_up_identifier_in_sign_in');
    }
    if (effectiveSignUp.password && signIn.methods.some((method) => !method.password)) {
      throw invalid('password_sign_in_must_be_enabled');
    }
    if (
      effectiveSignUp.verify &&
      !effectiveSignUp.password &&
      signIn.methods.some((method) => method.identifier !== 'username' && !method.verificationCode)
    ) {
      throw invalid('code_sign_in_must_be_enabled');
    }
  }
};

export const registerSignInExperienceRoutes = (
  router: Router,
  { db, connectors }: { db: Db; connectors: ConnectorHost },
) => {
  router.add(
    defineRoute({
      method: 'get',
      path: '/sign-in-exp',
      summary: 'Get the sign-in experience',
      response: signInExperienceGuard,
      status: [200, 401, 403],
      handler: async (_input, ctx) => findSignInExperience(db, ctx.state.tenant.id),
    }),
  );

  router.add(
    defineRoute({
      method: 'patch',
      path: '/sign-in-exp',
      summary: 'Update the sign-in experience',
      description:
        'Each given field replaces the stored one. Checked against the tenant’s connectors (spec §11.2). Social targets without a social connector are dropped; with `removeUnusedDemoSocialConnector` (no demo connectors exist in Latch) nothing more happens.',
      query: z.object({ removeUnusedDemoSocialConnector: z.string().optional() }),
      body: patchGuard,
      response: signInExperienceGuard,
      status: [200, 400, 401, 403],
      handler: async ({ body }, ctx) => {
        const tenantId = ctx.state.tenant.id;
        assertOwnTenant(ctx, body.tenantId);
        return db.transaction(async (tx) => {
          const stored = await findSignInExperience(tx, tenantId, { lock: true });
          await validate(tx, connectors, tenantId, body, stored);
          const { tenantId: _own, ...patch } = body;
          if (patch.socialSignInConnectorTargets) {
            const socialTargets = new Set(
              (await connectors.list(tx, tenantId))
                .filter((connector) => connector.factory.type === 'Social')
                .map((connector) => connector.metadata.target),
            );
            patch.socialSignInConnectorTargets = [...new Set(patch.socialSignInConnectorTargets)].filter(
              (target) => socialTargets.has(target),
            );
          }
          return updateSignInExperience(tx, tenantId, patch);
        });
      },
    }),
  );
};
