-- The provider's lookups by a payload field (a session's uid, a device code's userCode, the
-- artifacts of a grant or of an account) only concern rows that have that field. Indexing only
-- those rows spares the most frequent writes — interactions, which have none of them — four index
-- entries per save. Queries say `payload ? '<field>'` so the planner picks these indexes.
drop index oidc_model_instances__user_code;
drop index oidc_model_instances__uid;
drop index oidc_model_instances__grant_id;
drop index oidc_model_instances__account_id;
create index oidc_model_instances__user_code on oidc_model_instances (tenant_id, model_name, (payload ->> 'userCode'))
  where payload ? 'userCode';
create index oidc_model_instances__uid on oidc_model_instances (tenant_id, model_name, (payload ->> 'uid'))
  where payload ? 'uid';
create index oidc_model_instances__grant_id on oidc_model_instances (tenant_id, model_name, (payload ->> 'grantId'))
  where payload ? 'grantId';
create index oidc_model_instances__account_id on oidc_model_instances (tenant_id, (payload ->> 'accountId'))
  where payload ? 'accountId';
