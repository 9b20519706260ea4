// QEMU's JSON message parser and member orders (src/qmp/qemu-json.ts,
// src/qmp/qemu-order.ts) without a QEMU: each expectation below is what QEMU
// 7.2.22 answered to the same bytes in the QMP differential
// (test/peers/qmp-differential.test.ts), which checks them live when QEMU is
// installed.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { QemuJsonParser, type ParseResult } from '../../src/qmp/qemu-json.ts';
import { qdictOrder, unexpectedOrder } from '../../src/qmp/qemu-order.ts';

function parse(input: string | Uint8Array, max = 1 << 20): ParseResult[] {
  const out: ParseResult[] = [];
  const p = new QemuJsonParser((r) => out.push(r), max, 'too big');
  p.push(input);
  return out;
}
const errors = (input: string | Uint8Array) => parse(input).map((r) => ('error' in r ? r.error : `value ${JSON.stringify(r.value)}`));

describe('QemuJsonParser', () => {
  test('QEMU 7.2 error messages', () => {
    const cases: [string, string[]][] = [
      ['{bad}', ["JSON parse error, invalid keyword 'bad'"]],
      ['{"execute":}', ['JSON parse error, expecting value']],
      ['{"a":1 "b":2}', ['JSON parse error, expected separator in dict']],
      ['[1 2]', ['JSON parse error, expected separator in list']],
      ['{1:2}', ['JSON parse error, key is not a string in object']],
      ['{"a" 1}', ['JSON parse error, missing : in object pair']],
      ['{"a":1,"a":2}', ['JSON parse error, duplicate key']],
      ['tru\n', ["JSON parse error, invalid keyword 'tru'"]],
      ['True\n', ["JSON parse error, stray 'T'"]],
      ['01', ["JSON parse error, stray '01'"]],
      ['1.e5 ', ["JSON parse error, stray '1.e'"]], // the rest is skipped in error recovery
      ['{"a":@}', ["JSON parse error, stray '@'", 'JSON parse error, expecting value']],
      ['0x10\n', ['value 0', "JSON parse error, invalid keyword 'x'", 'value 10']],
      ['"abc\n', ['JSON parse error, stray \'"abc\n\'']],
      ['"\\x"', ['JSON parse error, invalid escape sequence in string']],
      ['"\\ud800"', ['JSON parse error, \\ud800 is not a valid Unicode character']],
      ['"\\ud800\\u0041"', ['JSON parse error, \\ud800 is not a valid Unicode character']],
      ['"\\u12G4"', ['JSON parse error, \\u12G4 is not a valid Unicode character']],
      ['"\\uFFFE"', ['JSON parse error, \\uFFFE is not a valid Unicode character']],
      ['"\\u1"', ['JSON parse error, \\u1" is not a valid Unicode character']],
      ['[\u0001', ["JSON parse error, stray '\u0001'"]],
      ['['.repeat(1025) + '\u0001', ['JSON nesting depth limit exceeded', "JSON parse error, stray '\u0001'"]],
    ];
    for (const [input, want] of cases) assert.deepEqual(errors(input), want, JSON.stringify(input));
  });

  test('values, with QEMU extensions: single quotes, no newline needed, any split', () => {
    assert.deepEqual(errors(`{'execute':'query-status','id':'a\\'b"c'}`), [`value {"execute":"query-status","id":"a'b\\"c"}`]);
    assert.deepEqual(errors('{"a":1}{"b":[true,false,null]}'), ['value {"a":1}', 'value {"b":[true,false,null]}']);
    assert.deepEqual(errors('"\\u0000\\u00e9\\ud83d\\ude00"'), [`value ${JSON.stringify('\u0000é😀')}`]);
    assert.deepEqual(errors('{"__proto__":{"a":1}}').map((v) => v.length > 0), [true]);
    const split: ParseResult[] = [];
    const p = new QemuJsonParser((r) => split.push(r), 1 << 20, 'too big');
    for (const ch of '{"execute":"que' + 'ry-status","id":-1.25E-2}') p.push(ch);
    assert.deepEqual(split, [{ value: { execute: 'query-status', id: -0.0125 } }]);
  });

  test('bytes: invalid UTF-8 in a string, impossible bytes at top level', () => {
    assert.deepEqual(errors(Uint8Array.from([0x22, 0xc3, 0x28, 0x22])), ['JSON parse error, invalid UTF-8 sequence in string']);
    assert.deepEqual(errors(Uint8Array.from([0x22, 0xc0, 0x80, 0x22])), [`value ${JSON.stringify('\u0000')}`]);
    assert.equal(errors(Uint8Array.from([0xff, 0x0a, 0x7b, 0x7d])).at(-1), 'value {}');
  });

  test('a huge keyword or number token is an error or a value, never a host exception (issue 10)', () => {
    // 123 KB tokens, well under the message cap: before the fix the lexer threw
    // RangeError (spreading the token into String.fromCharCode) and took the VM down.
    const keyword = 'a'.repeat(123_000);
    const [bad] = errors(`{"execute": ${keyword}}`);
    // QEMU 10.0 formats its parse errors into a 1024-byte buffer: 1023 characters after the prefix.
    assert.equal(bad, `JSON parse error, invalid keyword '${keyword}'`.slice(0, 'JSON parse error, '.length + 1023));
    const digits = '1'.repeat(123_000);
    assert.deepEqual(parse(`{"id": ${digits}}`), [{ value: { id: Infinity } }]);
    assert.deepEqual(parse(`{"id": -${digits}}`), [{ value: { id: -Infinity } }]);
    assert.deepEqual(parse(`{"id": 0.${digits}e1}`), [{ value: { id: 1.1111111111111112 } }]);
  });

  test('a message over the cap: one error, skipped to its end, then in step again', () => {
    const out = parse(`{"a":"${'x'.repeat(100)}","b":[{}]} {"c":1}`, 50);
    assert.deepEqual(out, [{ error: 'too big' }, { value: { c: 1 } }]);
  });
});

describe('QEMU member orders', () => {
  test('QDict order (qmp_dispatch_check_obj): exec-oob before execute, bar before foo', () => {
    assert.deepEqual(qdictOrder(['execute', 'exec-oob']), ['exec-oob', 'execute']);
    assert.deepEqual(qdictOrder(['foo', 'bar']), ['bar', 'foo']);
    // query-hotpluggable-cpus as QEMU prints it: props, vcpus-count, qom-path, type.
    assert.deepEqual(qdictOrder(['type', 'vcpus-count', 'props', 'qom-path']), ['props', 'vcpus-count', 'qom-path', 'type']);
  });

  test('the visitor hash table (qobject_input_check_struct): the unexpected member QEMU names', () => {
    assert.equal(unexpectedOrder(['a', 'b', 'c'], new Set())[0], 'b');
    assert.equal(unexpectedOrder(['foo', 'bar'], new Set())[0], 'bar');
    assert.equal(unexpectedOrder(['id', 'zz', 'yy', 'xx'], new Set(['id']))[0], 'yy');
    const ten = Array.from({ length: 10 }, (_, i) => `k${i + 1}`);
    assert.equal(unexpectedOrder(ten, new Set())[0], 'k10');
  });
});
