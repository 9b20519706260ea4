import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonStream } from '../../src/qmp/json-stream.ts';

function split(chunks: string[], max = 1000) {
  const texts: string[] = [];
  let overflows = 0;
  const s = new JsonStream(max, (t) => texts.push(t), () => overflows++);
  for (const c of chunks) s.push(c);
  return { texts, overflows };
}

test('objects need no newline between them and may arrive in pieces', () => {
  assert.deepEqual(split(['{"a":1}{"b"', ':[1,{"c":2}]}\n']).texts, ['{"a":1}', '{"b":[1,{"c":2}]}']);
});

test('braces inside strings and escaped quotes do not end a message', () => {
  assert.deepEqual(split(['{"a":"}\\"{"}']).texts, ['{"a":"}\\"{"}']);
});

test('bare scalars and junk between messages come out as their own texts', () => {
  assert.deepEqual(split(['1 junk {"x":1}']).texts, ['1', 'junk', '{"x":1}']);
});

test('an oversized message is reported once and skipped to its end', () => {
  const r = split([`{"a":"${'x'.repeat(50)}"}`, '{"ok":1}'], 20);
  assert.equal(r.overflows, 1);
  assert.deepEqual(r.texts, ['{"ok":1}']);
});
