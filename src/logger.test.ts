import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from './logger.ts';

describe('logger', () => {
  it('redacts secrets at any of the first three levels', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        password: 'p@ss',
        body: { client_secret: 'shh', nested: { refresh_token: 'rt' } },
        req: { headers: { authorization: 'Bearer x' } },
      },
      'event',
    );
    const [line = ''] = lines;
    for (const secret of ['p@ss', 'shh', '"rt"', 'Bearer x'])
      assert.ok(!line.includes(secret), `${secret} leaked: ${line}`);
    assert.match(line, /\[redacted\]/);
  });
});
