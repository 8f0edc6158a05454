import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

type Operation = { summary?: string; security?: unknown[]; responses: Record<string, { content?: unknown }> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

describe('GET /api/swagger.json', () => {
  let server: TestServer;
  let document: Document;
  before(async () => {
    server = await startTestServer();
    document = (await request<Document>(`${server.user}/api/swagger.json`)).body;
  });
  after(() => server.close());

  it('is a valid OpenAPI 3 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(document as unknown as Parameters<Validator['validate']>[0]);
    assert.deepEqual(result.errors, undefined, JSON.stringify(result.errors, null, 2));
    assert.equal(result.valid, true);
    assert.equal(validator.version, '3.0');
  });

  it('uses {param} path style', () => {
    for (const path of Object.keys(document.paths)) assert.doesNotMatch(path, /:\w/);
  });

  it('gives every operation a summary, and every secured (management) one a response schema', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        assert.ok(operation.summary, `${method} ${path} has a summary`);
        const secured = (operation.security ?? []).length > 0;
        const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
        assert.ok(success, `${method} ${path} documents its success status`);
        if (secured && success[0] !== '204')
          assert.ok(success[1].content, `${method} ${path} has a response schema`);
      }
    }
  });

  it('documents the management guard and the routes that exist', () => {
    assert.ok(document.paths['/api/status']?.get);
    assert.deepEqual(document.paths['/api/configs/admin-console']?.patch?.security, [{ bearerAuth: [] }]);
  });
});
