-- Webhooks that are never lost (src/hooks/): each hook signs its requests with its own key, and
-- every event's deliveries are written to an outbox in the same transaction as the event, then
-- sent by a worker that claims them (several instances never send one at the same time).
alter table hooks add column signing_key varchar(64) not null default '';
-- Hooks that existed before (a Logto database) get a key of their own, never the empty one.
update hooks set signing_key = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');

create table hook_deliveries (
  tenant_id varchar(21) not null references tenants (id) on update cascade on delete cascade,
  id varchar(21) not null,
  hook_id varchar(21) not null,
  event varchar(128) not null,
  payload jsonb not null,
  attempts int not null default 0,
  max_attempts int not null,
  next_attempt_at timestamptz not null default now(),
  claimed_until timestamptz,
  delivered_at timestamptz,
  failed_at timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, hook_id) references hooks (tenant_id, id) on update cascade on delete cascade
);
create index hook_deliveries__pending on hook_deliveries (next_attempt_at)
  where delivered_at is null and failed_at is null;
create index hook_deliveries__hook_id on hook_deliveries (tenant_id, hook_id);
