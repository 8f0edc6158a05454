/**
 * The user's own spec (`../shared/seed/logto-core-0.1.0-openapi.txt`, its routes and body fields
 * listed in `seed-routes.json`) against what `/api/swagger.json` documents — which is generated
 * from the route definitions the server validates with, so a documented field is an accepted one.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

type SeedRoute = { method: string; path: string; fields: string[]; query?: string[] };
type Schema = { properties?: Record<string, unknown>; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };
type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Document = { paths: Record<string, Record<string, Operation>> };

const seed = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'seed-routes.json'), 'utf8')) as {
  routes: SeedRoute[];
};

/** Every property name a body schema accepts, across unions. */
const fieldsOf = (schema: Schema | undefined): Set<string> => {
  const names = new Set<string>(Object.keys(schema?.properties ?? {}));
  for (const part of [...(schema?.anyOf ?? []), ...(schema?.oneOf ?? []), ...(schema?.allOf ?? [])]) {
    for (const name of fieldsOf(part)) names.add(name);
  }
  return names;
};

describe('the seed spec is served', () => {
  let server: TestServer;
  let document: Document;
  before(async () => {
    server = await startTestServer();
    document = (await request<Document>(`${server.user}/api/swagger.json`)).body;
  });
  after(() => server.close());

  for (const route of seed.routes) {
    it(`${route.method.toUpperCase()} ${route.path}`, () => {
      const operation = document.paths[route.path]?.[route.method];
      assert.ok(operation, 'documented (and so routed)');
      const accepted = fieldsOf(operation.requestBody?.content['application/json']?.schema);
      const missing = route.fields.filter((field) => !accepted.has(field));
      assert.deepEqual(missing, [], 'every body field of the seed is accepted');
      const query = new Set((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      assert.deepEqual(
        (route.query ?? []).filter((name) => !query.has(name)),
        [],
        'every query parameter of the seed is accepted',
      );
    });
  }
});
