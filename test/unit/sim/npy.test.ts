import { describe, expect, it } from 'vitest';
import { parseNpy, writeNpy } from '../../../src/core/sim/npy';
import { parseJsonInputs } from '../../../src/core/sim/inputs';
import { parsePyLiteral } from '../../../src/core/sim/py-literal';

/** A .npy file by hand: magic, version, header length (2 bytes in 1.0, 4 in 2.0/3.0), header, float32 data. */
function npy(major: number, header: string, values: number[], minor = 0): Uint8Array {
  const body = new TextEncoder().encode(header);
  const start = major === 1 ? 10 : 12;
  const out = new Uint8Array(start + body.length + 4 * values.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, minor]);
  const v = new DataView(out.buffer);
  if (major === 1) v.setUint16(8, body.length, true);
  else v.setUint32(8, body.length, true);
  out.set(body, start);
  values.forEach((x, i) => v.setFloat32(start + body.length + 4 * i, x, true));
  return out;
}

const HEADER = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }          \n";
const SIX = [1, 2, 3, 4, 5, 6.5];

describe('.npy inputs', () => {
  it('round-trips what writeNpy writes', () => {
    const r = parseNpy(writeNpy([2, 3], Float32Array.from(SIX)));
    expect(r).toEqual({ shape: [2, 3], data: Float32Array.from(SIX) });
  });

  it.each([1, 2, 3])('reads version %d.0 headers', (major) => {
    expect(parseNpy(npy(major, HEADER, SIX))).toEqual({ shape: [2, 3], data: Float32Array.from(SIX) });
  });

  it('reads keys in any order, double quotes, no trailing comma, and N×C×H×W', () => {
    const h = '{"shape": (1, 1, 2, 3), "fortran_order": False, "descr": "<f4"}\n';
    expect(parseNpy(npy(1, h, SIX))).toEqual({ shape: [1, 1, 2, 3], data: Float32Array.from(SIX) });
  });

  it.each([
    ['not a .npy', new TextEncoder().encode('hello world'), 'not a .npy file (no \\x93NUMPY magic)'],
    ['version 4', npy(4, HEADER, SIX), 'unsupported .npy version 4.0 (1.0, 2.0 and 3.0 are)'],
    [
      'float64',
      npy(1, HEADER.replace('<f4', '<f8'), SIX),
      ".npy dtype '<f8' is not supported: save the array as little-endian float32 (x.astype('<f4'))",
    ],
    [
      'big-endian float32',
      npy(1, HEADER.replace('<f4', '>f4'), SIX),
      ".npy dtype '>f4' is not supported: save the array as little-endian float32 (x.astype('<f4'))",
    ],
    [
      'Fortran order',
      npy(1, HEADER.replace('False', 'True'), SIX),
      '.npy array is in Fortran order: save it with np.ascontiguousarray(x)',
    ],
    [
      'a 1-D array',
      npy(1, HEADER.replace('(2, 3)', '(6,)'), SIX),
      '.npy array has shape (6): inputs are N×C×H×W images or N×F vectors',
    ],
    ['no shape', npy(1, "{'descr': '<f4', 'fortran_order': False}", SIX), '.npy header lacks shape'],
    [
      'a header that is not a dict',
      npy(1, "['descr', '<f4']", SIX),
      ".npy header is not a Python dict literal: ['descr', '<f4']",
    ],
    ['a negative size', npy(1, HEADER.replace('(2, 3)', '(2, -3)'), SIX), '.npy shape (2, -3) is not a tuple of sizes'],
    ['a header longer than the file', npy(1, HEADER, []).subarray(0, 40), '.npy header is truncated'],
    ['missing data', npy(1, HEADER, [1, 2]), '.npy data is truncated: 8 bytes for 6 float32 values'],
  ])('refuses %s with a clear message', (_name, bytes, error) => expect(parseNpy(bytes)).toEqual({ error }));
});

describe('Python literals of .npy headers', () => {
  it('parses dicts, tuples, strings, ints and booleans', () => {
    const r = parsePyLiteral("{'a': (1, 2,), 'b': True, 'c': 'x', 'd': [], 'e': None}");
    expect(r).toEqual({
      value: {
        kind: 'dict',
        entries: new Map<string, unknown>([
          [
            'a',
            {
              kind: 'tuple',
              items: [
                { kind: 'int', value: 1 },
                { kind: 'int', value: 2 },
              ],
            },
          ],
          ['b', { kind: 'bool', value: true }],
          ['c', { kind: 'str', value: 'x' }],
          ['d', { kind: 'tuple', items: [] }],
          ['e', { kind: 'none' }],
        ]),
      },
    });
  });

  it.each(["{'a': 1", "{'a' 1}", '{1: 2}', "{'a': 1} extra", "{'a': 'open}"])('refuses %s', (text) =>
    expect(parsePyLiteral(text)).toEqual({ error: expect.any(String) }),
  );
});

describe('JSON inputs', () => {
  it('reads rectangular arrays and refuses ragged ones', () => {
    expect(parseJsonInputs('[[1, 2], [3, 4]]')).toEqual({ shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) });
    expect(parseJsonInputs('[[1, 2], [3]]')).toEqual({
      error: 'inputs JSON must be a rectangular array of numbers, N×C×H×W or N×F',
    });
    expect(parseJsonInputs('[[1, 2')).toEqual({ error: expect.stringMatching(/^inputs JSON: /) });
  });
});
