import type { SignInExperience } from '../../schemas/sign-in-experience.ts';
import type { Queryable } from '../driver.ts';
import { join, json, raw, sql } from '../sql.ts';

const columns = sql`tenant_id as "tenantId", id, color, branding, language_info as "languageInfo",
  terms_of_use_url as "termsOfUseUrl", privacy_policy_url as "privacyPolicyUrl", sign_up as "signUp",
  sign_in as "signIn", social_sign_in_connector_targets as "socialSignInConnectorTargets",
  sign_in_mode as "signInMode", custom_css as "customCss", custom_content as "customContent"`;

export const signInExperienceId = 'default';

export const findSignInExperience = async (
  db: Queryable,
  tenantId: string,
  options: { lock?: boolean } = {},
) => {
  const { rows } = await db.query<SignInExperience>(sql`select ${columns} from sign_in_experiences
    where tenant_id = ${tenantId} and id = ${signInExperienceId} ${options.lock ? raw('for update') : raw('')}`);
  const experience = rows[0];
  if (!experience)
    throw new Error(`Tenant ${tenantId} has no sign-in experience; run \`npm run cli -- db seed\`.`);
  return experience;
};

type Patch = Partial<Omit<SignInExperience, 'tenantId' | 'id'>>;

const columnOf: Readonly<Record<keyof Patch, { column: string; json: boolean }>> = {
  color: { column: 'color', json: true },
  branding: { column: 'branding', json: true },
  languageInfo: { column: 'language_info', json: true },
  termsOfUseUrl: { column: 'terms_of_use_url', json: false },
  privacyPolicyUrl: { column: 'privacy_policy_url', json: false },
  signUp: { column: 'sign_up', json: true },
  signIn: { column: 'sign_in', json: true },
  socialSignInConnectorTargets: { column: 'social_sign_in_connector_targets', json: true },
  signInMode: { column: 'sign_in_mode', json: false },
  customCss: { column: 'custom_css', json: false },
  customContent: { column: 'custom_content', json: true },
};

/** Replaces each given field as a whole (spec §11.1: jsonb replace, not merge). */
export const updateSignInExperience = async (db: Queryable, tenantId: string, patch: Patch) => {
  const keys = (Object.keys(columnOf) as (keyof Patch)[]).filter((key) => patch[key] !== undefined);
  if (keys.length === 0) return findSignInExperience(db, tenantId);
  const assignments = join(
    keys.map((key) => {
      const { column, json: isJson } = columnOf[key];
      return sql`${raw(column)} = ${isJson ? json(patch[key]) : patch[key]}`;
    }),
  );
  const { rows } = await db.query<SignInExperience>(sql`update sign_in_experiences set ${assignments}
    where tenant_id = ${tenantId} and id = ${signInExperienceId} returning ${columns}`);
  return rows[0]!;
};
