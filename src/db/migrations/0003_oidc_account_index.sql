-- Finding every provider artifact of one user (sessions, grants, tokens) to revoke them when the
-- user is suspended or deleted, without scanning the whole table.
create index oidc_model_instances__account_id
  on oidc_model_instances (tenant_id, (payload ->> 'accountId'));
