/** Small insert helpers the seed uses to describe tenants as data. */
import { generateId, generateSecret } from '../../libraries/ids.ts';
import type { Queryable } from '../driver.ts';
import { json, sql } from '../sql.ts';

export type ResourceSeed = {
  id?: string;
  name: string;
  indicator: string;
  scopes: ReadonlyArray<{ id?: string; name: string; description: string }>;
};

/** Inserts a resource and its scopes; returns scope ids by `indicator name`. */
export const seedResource = async (tx: Queryable, tenantId: string, resource: ResourceSeed) => {
  const resourceId = resource.id ?? generateId();
  await tx.query(sql`insert into resources (tenant_id, id, name, indicator)
    values (${tenantId}, ${resourceId}, ${resource.name}, ${resource.indicator})`);
  const scopeIds = new Map<string, string>();
  for (const scope of resource.scopes) {
    const scopeId = scope.id ?? generateId();
    await tx.query(sql`insert into scopes (tenant_id, id, resource_id, name, description)
      values (${tenantId}, ${scopeId}, ${resourceId}, ${scope.name}, ${scope.description})`);
    scopeIds.set(`${resource.indicator} ${scope.name}`, scopeId);
  }
  return scopeIds;
};

export const seedRole = async (
  tx: Queryable,
  tenantId: string,
  role: { id?: string; name: string; description: string },
  scopeIds: readonly string[],
): Promise<string> => {
  const roleId = role.id ?? generateId();
  await tx.query(sql`insert into roles (tenant_id, id, name, description)
    values (${tenantId}, ${roleId}, ${role.name}, ${role.description})`);
  for (const scopeId of scopeIds) {
    await tx.query(sql`insert into roles_scopes (tenant_id, id, role_id, scope_id)
      values (${tenantId}, ${generateId()}, ${roleId}, ${scopeId})`);
  }
  return roleId;
};

export const seedApplication = async (
  tx: Queryable,
  tenantId: string,
  app: {
    id?: string;
    name: string;
    type: string;
    customClientMetadata?: object;
    roleIds?: readonly string[];
  },
) => {
  const id = app.id ?? generateId();
  await tx.query(sql`insert into applications
    (tenant_id, id, name, secret, type, oidc_client_metadata, custom_client_metadata)
    values (${tenantId}, ${id}, ${app.name}, ${generateSecret()}, ${app.type},
      ${json({ redirectUris: [], postLogoutRedirectUris: [] })}, ${json(app.customClientMetadata ?? {})})`);
  for (const roleId of app.roleIds ?? []) {
    await tx.query(sql`insert into applications_roles (tenant_id, id, application_id, role_id)
      values (${tenantId}, ${generateId()}, ${id}, ${roleId})`);
  }
  return id;
};

export const seedSignInExperience = async (tx: Queryable, tenantId: string, sie: Record<string, unknown>) => {
  await tx.query(sql`insert into sign_in_experiences (tenant_id, id, color, branding, language_info,
      terms_of_use_url, privacy_policy_url, sign_in, sign_up, social_sign_in_connector_targets, sign_in_mode,
      custom_css, custom_content)
    values (${tenantId}, ${sie.id}, ${json(sie.color)}, ${json(sie.branding)}, ${json(sie.languageInfo)},
      ${sie.termsOfUseUrl}, ${sie.privacyPolicyUrl}, ${json(sie.signIn)}, ${json(sie.signUp)},
      ${json(sie.socialSignInConnectorTargets)}, ${sie.signInMode}, ${sie.customCss}, ${json(sie.customContent)})`);
};
