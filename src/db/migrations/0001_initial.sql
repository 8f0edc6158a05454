-- Latch schema v1: the tables of Logto Core 1.0 (spec §10.2), every business table tenant-scoped.
-- Keys are (tenant_id, id) rather than Logto's global (id): fixed ids such as `admin-role` can exist
-- in every tenant, and composite foreign keys make a link between two tenants' rows impossible.

create table tenants (
  id varchar(21) primary key,
  created_at timestamptz not null default now()
);

create table systems (
  key varchar(256) primary key,
  value jsonb not null default '{}'
);

create table logto_configs (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  key varchar(256) not null,
  value jsonb not null default '{}',
  primary key (tenant_id, key)
);

create table applications (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  name varchar(256) not null,
  secret varchar(64) not null,
  description text,
  type varchar(32) not null check (type in ('Native', 'SPA', 'Traditional', 'MachineToMachine')),
  oidc_client_metadata jsonb not null,
  custom_client_metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index applications__created_at on applications (tenant_id, created_at desc);

create table roles (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  name varchar(128) not null,
  description varchar(128) not null,
  primary key (tenant_id, id),
  constraint roles__name unique (tenant_id, name)
);

create table applications_roles (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  application_id varchar(21) not null,
  role_id varchar(21) not null,
  primary key (tenant_id, id),
  constraint applications_roles__application_id_role_id unique (tenant_id, application_id, role_id),
  foreign key (tenant_id, application_id) references applications (tenant_id, id) on update cascade on delete cascade,
  foreign key (tenant_id, role_id) references roles (tenant_id, id) on update cascade on delete cascade
);
create index applications_roles__role_id on applications_roles (tenant_id, role_id);

create table users (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(12) not null,
  username varchar(128),
  primary_email varchar(128),
  primary_phone varchar(128),
  password_encrypted varchar(256),
  password_encryption_method varchar(32)
    check (password_encryption_method in ('Argon2i', 'Argon2id', 'Argon2d', 'Bcrypt', 'SHA1', 'SHA256', 'MD5')),
  name varchar(128),
  avatar varchar(2048),
  application_id varchar(21),
  identities jsonb not null default '{}',
  custom_data jsonb not null default '{}',
  is_suspended boolean not null default false,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint users__username unique (tenant_id, username),
  constraint users__primary_phone unique (tenant_id, primary_phone)
);
-- Logto looks emails up case-insensitively but only enforces case-sensitive uniqueness (quirk Q12):
-- here the index itself is case-insensitive, so `A@x.io` and `a@x.io` can never be two users.
create unique index users__primary_email on users (tenant_id, lower(primary_email));
create index users__name on users (tenant_id, name);
create index users__created_at on users (tenant_id, created_at desc);

create table users_roles (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  user_id varchar(21) not null,
  role_id varchar(21) not null,
  primary key (tenant_id, id),
  constraint users_roles__user_id_role_id unique (tenant_id, user_id, role_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on update cascade on delete cascade,
  foreign key (tenant_id, role_id) references roles (tenant_id, id) on update cascade on delete cascade
);
create index users_roles__role_id on users_roles (tenant_id, role_id);

create table resources (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  name text not null,
  indicator text not null,
  access_token_ttl bigint not null default 3600,
  primary key (tenant_id, id),
  constraint resources__indicator unique (tenant_id, indicator)
);

create table scopes (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  resource_id varchar(21) not null,
  name varchar(256) not null,
  description text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint scopes__resource_id_name unique (tenant_id, resource_id, name),
  foreign key (tenant_id, resource_id) references resources (tenant_id, id) on update cascade on delete cascade
);

create table roles_scopes (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  role_id varchar(21) not null,
  scope_id varchar(21) not null,
  primary key (tenant_id, id),
  constraint roles_scopes__role_id_scope_id unique (tenant_id, role_id, scope_id),
  foreign key (tenant_id, role_id) references roles (tenant_id, id) on update cascade on delete cascade,
  foreign key (tenant_id, scope_id) references scopes (tenant_id, id) on update cascade on delete cascade
);
create index roles_scopes__scope_id on roles_scopes (tenant_id, scope_id);

create table connectors (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(128) not null,
  sync_profile boolean not null default false,
  connector_id varchar(128) not null,
  config jsonb not null default '{}',
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

create table sign_in_experiences (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  color jsonb not null,
  branding jsonb not null,
  language_info jsonb not null,
  terms_of_use_url varchar(2048),
  privacy_policy_url varchar(2048),
  sign_in jsonb not null,
  sign_up jsonb not null,
  social_sign_in_connector_targets jsonb not null default '[]',
  sign_in_mode varchar(32) not null default 'SignInAndRegister'
    check (sign_in_mode in ('SignIn', 'Register', 'SignInAndRegister')),
  custom_css text,
  custom_content jsonb not null default '{}',
  primary key (tenant_id, id)
);

create table passcodes (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  interaction_jti varchar(128),
  phone varchar(32),
  email varchar(128),
  type varchar(32) not null,
  code varchar(6) not null,
  consumed boolean not null default false,
  try_count int2 not null default 0,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index passcodes__interaction_jti_type on passcodes (tenant_id, interaction_jti, type);
create index passcodes__email_type on passcodes (tenant_id, email, type);
create index passcodes__phone_type on passcodes (tenant_id, phone, type);

create table oidc_model_instances (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  model_name varchar(64) not null,
  id varchar(128) not null,
  payload jsonb not null,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  primary key (tenant_id, model_name, id)
);
create index oidc_model_instances__user_code on oidc_model_instances (tenant_id, model_name, (payload ->> 'userCode'));
create index oidc_model_instances__uid on oidc_model_instances (tenant_id, model_name, (payload ->> 'uid'));
create index oidc_model_instances__grant_id on oidc_model_instances (tenant_id, model_name, (payload ->> 'grantId'));
create index oidc_model_instances__expires_at on oidc_model_instances (expires_at);

create table logs (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  key varchar(128) not null,
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index logs__key on logs (tenant_id, key);
create index logs__user_id on logs (tenant_id, (payload ->> 'userId'));
create index logs__application_id on logs (tenant_id, (payload ->> 'applicationId'));
create index logs__created_at on logs (tenant_id, created_at desc);

create table hooks (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  event varchar(128) not null,
  config jsonb not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index hooks__event on hooks (tenant_id, event);

create table custom_phrases (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  language_tag varchar(16) not null,
  translation jsonb not null,
  primary key (tenant_id, id),
  constraint custom_phrases__language_tag unique (tenant_id, language_tag)
);

create table verification_statuses (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  user_id varchar(21) not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on update cascade on delete cascade
);
create index verification_statuses__user_id on verification_statuses (tenant_id, user_id);

create table service_logs (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  type varchar(64) not null,
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index service_logs__type on service_logs (tenant_id, type);
