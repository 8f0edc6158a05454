import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListenHandlers } from '../db/driver.ts';
import { createConfigCache, rowKey } from './config-cache.ts';

/** The notification side of a database, driven by the test. */
const notifications = () => {
  let handlers: ListenHandlers | undefined;
  return {
    db: {
      listen: (_channel: string, given: ListenHandlers) => {
        handlers = given;
        return async () => undefined;
      },
    },
    state: (listening: boolean) => handlers?.onState(listening),
    notify: (payload: string) => handlers?.onNotify(payload),
  };
};

const counter = () => {
  let loads = 0;
  return {
    load: async () => ++loads,
    get loads() {
      return loads;
    },
  };
};

describe('config cache', () => {
  it('loads every time until notifications flow, then serves from memory', async () => {
    const source = notifications();
    const cache = createConfigCache(source.db);
    const value = counter();
    await cache.get('t', 'k', value.load);
    await cache.get('t', 'k', value.load);
    assert.equal(value.loads, 2);
    source.state(true);
    assert.equal(await cache.get('t', 'k', value.load), 3);
    assert.equal(await cache.get('t', 'k', value.load), 3);
    assert.equal(value.loads, 3);
  });

  it('drops a tenant’s entries on its notification, and only that tenant’s', async () => {
    const source = notifications();
    const cache = createConfigCache(source.db);
    source.state(true);
    const a = counter();
    const b = counter();
    await cache.get('a', 'k', a.load);
    await cache.get('b', 'k', b.load);
    const changes: string[] = [];
    cache.onChange((tenantId, table) => changes.push(`${tenantId}/${table}`));
    source.notify('a applications');
    await cache.get('a', 'k', a.load);
    await cache.get('b', 'k', b.load);
    assert.equal(a.loads, 2);
    assert.equal(b.loads, 1);
    assert.deepEqual(changes, ['a/applications']);
  });

  it('does not keep a value loaded while an invalidation happened', async () => {
    const source = notifications();
    const cache = createConfigCache(source.db);
    source.state(true);
    let release: (value: string) => void = () => undefined;
    const pending = cache.get('t', 'k', () => new Promise<string>((resolve) => (release = resolve)));
    // The row changes and commits while the read is in flight: the read may hold the old value.
    source.notify('t roles_scopes');
    release('old');
    assert.equal(await pending, 'old');
    assert.equal(await cache.get('t', 'k', async () => 'new'), 'new');
  });

  it('forgets everything when notifications stop, and loads until they are back', async () => {
    const source = notifications();
    const cache = createConfigCache(source.db);
    source.state(true);
    const value = counter();
    const changes: (string | undefined)[] = [];
    cache.onChange((tenantId) => changes.push(tenantId));
    await cache.get('t', 'k', value.load);
    source.state(false);
    assert.deepEqual(changes, [undefined], 'listeners hear that anything may have changed');
    await cache.get('t', 'k', value.load);
    await cache.get('t', 'k', value.load);
    assert.equal(value.loads, 3);
    source.state(true);
    await cache.get('t', 'k', value.load);
    await cache.get('t', 'k', value.load);
    assert.equal(value.loads, 4);
  });

  it('expires entries and bounds their number per tenant', async () => {
    const source = notifications();
    let now = 0;
    const cache = createConfigCache(source.db, { maxEntriesPerTenant: 2, maxAgeMs: 100, now: () => now });
    source.state(true);
    const value = counter();
    await cache.get('t', 'k', value.load);
    now = 150;
    await cache.get('t', 'k', value.load);
    assert.equal(value.loads, 2);
    await cache.get('t', 'x', async () => 0);
    await cache.get('t', 'y', async () => 0); // third key: the oldest entry (k) makes room
    await cache.get('t', 'k', value.load);
    assert.equal(value.loads, 3);
    let y = 0;
    await cache.get('t', 'y', async () => ++y);
    assert.equal(y, 0, 'younger entries stay');
  });

  it('a notification naming a row drops only that row’s entry, and tells no listener', async () => {
    const source = notifications();
    const cache = createConfigCache(source.db);
    source.state(true);
    const user = counter();
    const other = counter();
    const client = counter();
    await cache.get('t', rowKey('users', 'u1'), user.load);
    await cache.get('t', rowKey('users', 'u2'), other.load);
    await cache.get('t', 'client:c', client.load);
    const changes: string[] = [];
    cache.onChange((tenantId, table) => changes.push(`${tenantId}/${table}`));
    source.notify('t users u1');
    await cache.get('t', rowKey('users', 'u1'), user.load);
    await cache.get('t', rowKey('users', 'u2'), other.load);
    await cache.get('t', 'client:c', client.load);
    assert.deepEqual([user.loads, other.loads, client.loads], [2, 1, 1]);
    assert.deepEqual(changes, []);
  });

  it('does not keep a row loaded while that row changed, nor one this instance forgot', async () => {
    const source = notifications();
    const cache = createConfigCache(source.db);
    source.state(true);
    const drops = {
      u1: () => source.notify('t users u1'),
      u2: () => cache.forget('t', rowKey('users', 'u2')),
    };
    for (const [id, drop] of Object.entries(drops)) {
      let release: (value: string) => void = () => undefined;
      const key = rowKey('users', id);
      const pending = cache.get('t', key, () => new Promise<string>((resolve) => (release = resolve)));
      drop();
      release('old');
      assert.equal(await pending, 'old');
      assert.equal(await cache.get('t', key, async () => 'new'), 'new');
    }
  });
});
