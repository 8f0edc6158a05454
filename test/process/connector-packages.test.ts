/**
 * Connector packages: `npm run cli -- connector add <package>` installs a connector-kit package
 * into the connectors folder (here a local fixture, so no network is needed), and Latch offers it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { devAuth, managementClient } from '../clients/management.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'test/fixtures/connector-echo');

describe('connector packages', () => {
  const connectorsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'latch-connectors-'));
  const outbox = path.join(connectorsDir, 'message.json');
  let server: TestServer;
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['src/cli/index.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', CONNECTORS_DIR: connectorsDir },
      encoding: 'utf8',
    });

  before(async () => {
    const added = cli(['connector', 'add', fixture]);
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /connectors: echo-email \(Email\)/);
    server = await startTestServer({ INTEGRATION_TEST: 'true', CONNECTORS_DIR: connectorsDir });
  });
  after(async () => {
    await server?.close();
    fs.rmSync(connectorsDir, { recursive: true, force: true });
  });

  it('lists what is installed', () => {
    assert.equal(cli(['connector', 'list']).stdout, 'echo-email\tEmail\n');
    assert.equal(cli(['connector', 'add']).status, 1);
  });

  it('offers the package’s connector, validates with its guard, sends through it', async () => {
    const api = managementClient(server.user, devAuth);
    const factory = await api.call<{ id: string; logo: string }>('GET', '/connector-factories/echo-email');
    assert.equal(factory.status, 200);
    assert.match(factory.body.logo, /^data:image\/svg\+xml;base64,/, 'the relative logo is inlined');
    const invalid = await api.call<ErrorBody>('POST', '/connectors', {
      connectorId: 'echo-email',
      config: {},
    });
    assert.equal(invalid.body.code, 'connector.invalid_config');
    const { body: connector } = await api.call<{ id: string }>('POST', '/connectors', {
      connectorId: 'echo-email',
      config: { file: outbox },
    });
    assert.equal((await api.call('POST', '/verification-codes', { email: 'pkg@example.com' })).status, 204);
    const message = JSON.parse(fs.readFileSync(outbox, 'utf8')) as { to: string; type: string; code: string };
    assert.equal(message.to, 'pkg@example.com');
    assert.match(message.code, /^\d{6}$/);

    // A connector-kit error becomes its Logto code.
    await api.call('PATCH', `/connectors/${connector.id}`, { config: { file: outbox, fail: true } });
    const failed = await api.call<ErrorBody>('POST', '/verification-codes', { email: 'pkg2@example.com' });
    assert.equal(failed.status, 400);
    assert.equal(failed.body.code, 'connector.template_not_found');
  });
});
