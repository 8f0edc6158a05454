-- Two more things the per-instance cache (src/libraries/config-cache.ts) may hold:
--   * hooks: every sign-in, registration and password reset asks which hooks listen to its event;
--   * accounts: the provider reads the signed-in user at every step of a sign-in, at each token
--     and userinfo request.
-- Hooks notify like the configuration tables (migration 0002). Users notify the row instead,
-- "<tenant_id> users <id>", which drops only that account, and only when something a cached
-- account shows changed (its claims, its suspension): a sign-in's own bookkeeping (last sign-in,
-- first application, a password re-hashed with new parameters) notifies nothing.

create trigger latch_changes after insert or update or delete on hooks
  for each row execute function latch_notify_change();
create trigger latch_truncates after truncate on hooks
  for each statement execute function latch_notify_truncate();

-- The row as it was (what a cache holds under its id), or as inserted.
create function latch_notify_user_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform pg_notify('latch_changes', new.tenant_id || ' users ' || new.id);
  else
    perform pg_notify('latch_changes', old.tenant_id || ' users ' || old.id);
  end if;
  return null;
end;
$$;

create trigger latch_user_changes after update on users for each row
  when ((to_jsonb(old) - array['last_sign_in_at', 'application_id', 'password_encrypted', 'password_encryption_method'])
    is distinct from (to_jsonb(new) - array['last_sign_in_at', 'application_id', 'password_encrypted', 'password_encryption_method']))
  execute function latch_notify_user_change();
create trigger latch_user_inserts_deletes after insert or delete on users
  for each row execute function latch_notify_user_change();
create trigger latch_truncates after truncate on users
  for each statement execute function latch_notify_truncate();
