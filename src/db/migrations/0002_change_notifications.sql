-- Change notifications for per-instance caches (src/libraries/config-cache.ts). Every write to a
-- table that token issuance or sign-in reads notifies channel `latch_changes` with "<tenant_id> <table>"
-- ("* <table>" for a TRUNCATE, which names no rows); each Latch instance listens and drops what it
-- cached for that tenant. PostgreSQL delivers the
-- notification at commit, once per distinct payload per transaction, and never for a rollback.

create function latch_notify_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('latch_changes', coalesce(new.tenant_id, old.tenant_id) || ' ' || tg_table_name);
  return null;
end;
$$;

create function latch_notify_truncate() returns trigger language plpgsql as $$
begin
  perform pg_notify('latch_changes', '* ' || tg_table_name);
  return null;
end;
$$;

do $$
declare
  watched text;
begin
  foreach watched in array array['logto_configs', 'applications', 'applications_roles', 'resources',
                                 'scopes', 'roles_scopes', 'users_roles', 'sign_in_experiences'] loop
    execute format('create trigger latch_changes after insert or update or delete on %I
      for each row execute function latch_notify_change()', watched);
    execute format('create trigger latch_truncates after truncate on %I
      for each statement execute function latch_notify_truncate()', watched);
  end loop;
end;
$$;
