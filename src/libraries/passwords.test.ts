import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { describe, it } from 'node:test';
import { hash as hashOnThisThread } from '@node-rs/argon2';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';

const niceOfThreads = () =>
  fs.readdirSync('/proc/self/task').map((task) => {
    const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });

describe('password hashing', () => {
  it('hashes with Argon2id at OWASP parameters and verifies right and wrong passwords', async () => {
    const hashed = await hashPassword('correct horse');
    assert.match(hashed, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(needsRehash(hashed, 'Argon2id'), false);
    assert.equal(await verifyPassword('correct horse', { encrypted: hashed, method: 'Argon2id' }), true);
    assert.equal(await verifyPassword('wrong horse', { encrypted: hashed, method: 'Argon2id' }), false);
  });

  it('verifies Logto Argon2i hashes and asks for them to be replaced', async () => {
    const legacy = await hashOnThisThread('old secret', { algorithm: 1, memoryCost: 4096, timeCost: 4 });
    assert.equal(await verifyPassword('old secret', { encrypted: legacy, method: 'Argon2i' }), true);
    assert.equal(needsRehash(legacy, 'Argon2i'), true);
  });

  it('answers false, never throws, for absent, foreign or corrupt hashes', async () => {
    assert.equal(await verifyPassword('x', undefined), false);
    assert.equal(await verifyPassword('x', { encrypted: null, method: null }), false);
    assert.equal(await verifyPassword('x', { encrypted: '$2b$10$abc', method: 'Bcrypt' }), false);
    assert.equal(await verifyPassword('x', { encrypted: '$argon2id$garbage', method: 'Argon2id' }), false);
  });

  it('runs many hashes at once on a pool of at most one thread per core, at a lower priority', async () => {
    const hashes = await Promise.all(
      Array.from({ length: 6 }, (_, index) => hashPassword(`password ${index}`)),
    );
    const results = await Promise.all(
      hashes.map((hashed, index) =>
        verifyPassword(`password ${index}`, { encrypted: hashed, method: 'Argon2id' }),
      ),
    );
    assert.deepEqual(results, Array(6).fill(true));
    if (process.platform !== 'linux') return;
    const lowered = niceOfThreads().filter((nice) => nice > 0).length;
    assert.ok(lowered >= 1, 'hashing threads run with a raised nice value');
    assert.ok(
      lowered <= os.availableParallelism(),
      `${lowered} hashing threads for ${os.availableParallelism()} cores`,
    );
  });
});
