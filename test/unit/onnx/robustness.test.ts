// Malformed, truncated or non-ONNX bytes: one clear problem, never a throw, a hang or a huge allocation.
import { describe, expect, it } from 'vitest';
import { readOnnx } from '../../../src/core/model/onnx/reader';
import { parseOnnx } from '../../../src/core/model/onnx/to-network';
import { bufferSource } from '../../../src/core/model/onnx/wire';
import { bytes, FIXTURES } from './samples';
import { mulberry32 } from '../../../src/core/sim/prng';

describe('bad bytes', () => {
  it('an empty file', () => {
    const r = readOnnx(bufferSource(new Uint8Array()));
    expect(r.problems).toEqual([
      {
        code: 'onnx-unreadable',
        severity: 'error',
        message: 'not an ONNX model: the file is empty',
        range: { start: 0, end: 0 },
      },
    ]);
  });

  it('a text file', () => {
    const r = readOnnx(bufferSource(new TextEncoder().encode('{ "layers": [] }\n')));
    expect(r.value).toBeUndefined();
    expect(r.problems[0].message).toMatch(/^not an ONNX model: /);
  });

  it('a truncated model says where', () => {
    const b = bytes(FIXTURES + 'cnn_bn.onnx');
    const r = readOnnx(bufferSource(b.subarray(0, 1000)));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toMatch(/^truncated at byte \d+|^not an ONNX model/);
  });

  it('a length field claiming 2^40 bytes allocates nothing and says so', () => {
    // field 7 (graph), wire type 2, length varint 2^40
    const b = new Uint8Array([0x08, 0x08, 0x3a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
    const r = readOnnx(bufferSource(b));
    expect(r.problems[0].message).toMatch(/length 1099511627776 at byte 3 runs past the end/);
  });

  it('graphs nested too deep are refused', () => {
    // a Graph attribute inside a node inside a graph, 40 levels: built from the inside out
    let g = new Uint8Array([0x12, 0x01, 0x67]); // GraphProto { name: "g" }
    const wrap = (field: number, inner: Uint8Array) => {
      const len: number[] = [];
      let n = inner.length;
      do {
        len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
        n >>>= 7;
      } while (n);
      return new Uint8Array([(field << 3) | 2, ...len, ...inner]);
    };
    for (let i = 0; i < 40; i++) {
      const attr = new Uint8Array([
        ...wrap(1, new TextEncoder().encode('then_branch')),
        0xa0,
        0x01,
        0x05,
        ...wrap(6, g),
      ]);
      const node = new Uint8Array([...wrap(4, new TextEncoder().encode('If')), ...wrap(5, attr)]);
      g = wrap(1, node);
    }
    const model = new Uint8Array([0x08, 0x08, ...wrap(7, g)]);
    const r = readOnnx(bufferSource(model));
    expect(r.problems[0].message).toMatch(/nested deeper than 32/);
  });
});

describe('fuzz: mutated fixtures (seed 42)', () => {
  const seeds = ['cnn_bn.onnx', 'resnet_tiny.onnx', 'mlp.onnx', 'lstm.onnx'].map((f) => bytes(FIXTURES + f));
  it('truncations, bit flips and corrupted lengths never throw or hang', () => {
    const rand = mulberry32(42);
    const t0 = Date.now();
    let problems = 0;
    for (let i = 0; i < 1500; i++) {
      const src = seeds[i % seeds.length];
      const b = new Uint8Array(src);
      const kind = i % 3;
      let input = b;
      if (kind === 0) input = b.subarray(0, Math.floor(rand() * b.length));
      else if (kind === 1)
        for (let k = 0; k < 1 + Math.floor(rand() * 8); k++)
          b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8);
      else {
        const at = Math.floor(rand() * (b.length - 5));
        b.set([0xff, 0xff, 0xff, 0xff, 0x0f], at);
      }
      const r = parseOnnx(bufferSource(input));
      if (r.problems.some((p) => p.severity === 'error')) problems++;
    }
    expect(problems).toBeGreaterThan(100);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
