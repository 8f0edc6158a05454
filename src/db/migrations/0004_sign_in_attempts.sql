-- Failed sign-in attempts per identifier and per client address (src/libraries/lockout.ts), kept
-- in the database so every instance counts the same attempts.
create table sign_in_attempts (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  key varchar(256) not null,
  failures int not null default 0,
  window_started_at timestamptz not null default now(),
  locked_until timestamptz,
  primary key (tenant_id, key)
);
create index sign_in_attempts__window_started_at on sign_in_attempts (window_started_at);
