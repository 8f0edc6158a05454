import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compile, join, json, raw, sql } from './sql.ts';

describe('sql', () => {
  it('binds every value as a parameter, never as text', () => {
    const hostile = "x'; drop table users; --";
    const { text, values } = compile(sql`select * from users where name = ${hostile}`);
    assert.ok(!text.includes(hostile));
    assert.deepEqual(values, [hostile]);
  });

  it('numbers parameters across nested fragments', () => {
    const where = join([sql`a = ${1}`, sql`b = ${2}`], raw(' and '));
    const { text, values } = compile(sql`select ${0} where ${where} limit ${3}`);
    assert.deepEqual(values, [0, 1, 2, 3]);
    assert.deepEqual(text.match(/\$\d/g), ['$1', '$2', '$3', '$4']);
  });

  it('sends objects and json() values as JSON text, arrays as arrays', () => {
    const { values } = compile(sql`${{ a: 1 }} ${json([1, 2])} ${['x', 'y']} ${undefined}`);
    assert.deepEqual(values, ['{"a":1}', '[1,2]', ['x', 'y'], null]);
  });

  it('joins nothing into an empty fragment', () => {
    assert.equal(compile(join([])).text, '');
  });
});
