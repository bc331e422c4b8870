// Seeded mutants of ONNX models and layer specs for the fuzzers (test/unit/fuzz smoke, bench/fuzz/run.ts).
import { onnx } from 'onnx-proto';
import { mulberry32 } from '../../src/core/sim/prng';

export type Rand = () => number;
export const rng = (seed: number): Rand => mulberry32(seed);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Names that break lookups through plain objects, and strings that inject into outputs. */
export const HOSTILE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '=HYPERLINK("http://x","y")',
  '+1+2',
  '-2+3',
  '@SUM(A1)',
  '\tcell',
  'a\n# injected heading',
  '[link](command:workbench.action.files.delete)',
  '![img](http://x/y.png)',
  'pipe | cell',
  '\u001b[31mred\u001b[0m',
  '\u202eevil',
  '<img src=x onerror=alert(1)>',
];

/** Integers that stress attribute and dimension checks. */
const EXTREME = [0, -1, -7, 1, 2, 3, 65535, 2 ** 31, 2 ** 40, 2 ** 53, -(2 ** 62), 1e15];

// ---------------------------------------------------------------- ONNX

/** One mutant of an ONNX model: byte-level damage or a structural change through onnx-proto. */
export function mutateOnnx(base: Uint8Array, r: Rand): Uint8Array {
  return r() < 0.35 ? mutateBytes(base, r) : mutateModel(base, r);
}

function mutateBytes(base: Uint8Array, r: Rand): Uint8Array {
  const b = base.slice();
  switch (Math.floor(r() * 4)) {
    case 0: // flip a few bytes
      for (let k = 1 + Math.floor(r() * 8); k > 0; k--) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      return b;
    case 1: // truncate
      return b.subarray(0, Math.floor(r() * b.length));
    case 2: {
      // an overlong varint (10 bytes of 0xff) in the middle
      const at = Math.floor(r() * b.length);
      const out = new Uint8Array(b.length + 10);
      out.set(b.subarray(0, at));
      out.fill(0xff, at, at + 10);
      out.set(b.subarray(at), at + 10);
      return out;
    }
    default: {
      // duplicate a slice
      const at = Math.floor(r() * b.length);
      const len = Math.floor(r() * 64);
      const out = new Uint8Array(b.length + len);
      out.set(b.subarray(0, at));
      out.set(b.subarray(at, at + len), at);
      out.set(b.subarray(at), at + Math.min(len, b.length - at));
      return out.subarray(0, b.length + Math.min(len, b.length - at));
    }
  }
}

function mutateModel(base: Uint8Array, r: Rand): Uint8Array {
  const m = onnx.ModelProto.decode(base);
  const g = m.graph!;
  const nodes = g.node ?? [];
  for (let k = 1 + Math.floor(r() * 2); k > 0; k--) {
    const node = nodes.length ? pick(r, nodes) : undefined;
    switch (Math.floor(r() * 7)) {
      case 0: // an int or ints attribute to an extreme value, or the wrong length
        if (node?.attribute?.length) {
          const a = pick(r, node.attribute);
          if (a.ints?.length) {
            const x = r();
            if (x < 0.3) a.ints = a.ints.slice(0, Math.floor(r() * a.ints.length));
            else if (x < 0.5) a.ints = [...a.ints, pick(r, EXTREME)];
            else a.ints = a.ints.map((x) => (r() < 0.5 ? pick(r, EXTREME) : x));
          } else a.i = pick(r, EXTREME);
        }
        break;
      case 1: // an attribute the op does not expect
        node?.attribute?.push(
          onnx.AttributeProto.create({
            name: pick(r, ['strides', 'pads', 'dilations', 'kernel_shape', 'group']),
            type: onnx.AttributeProto.AttributeType.INTS,
            ints: [pick(r, EXTREME), pick(r, EXTREME)],
          }),
        );
        break;
      case 2: // op type or name from the hostile list
        if (node) {
          if (r() < 0.5) node.opType = pick(r, HOSTILE_NAMES);
          else node.name = pick(r, HOSTILE_NAMES);
        }
        break;
      case 3: {
        // a graph input's dims to extreme values
        const v = pick(r, g.input ?? []);
        for (const d of v?.type?.tensorType?.shape?.dim ?? []) if (r() < 0.5) d.dimValue = pick(r, EXTREME);
        if (v && r() < 0.3) v.name = pick(r, HOSTILE_NAMES);
        break;
      }
      case 4: {
        // an initializer's dims
        const t = pick(r, g.initializer ?? []);
        if (t?.dims?.length) t.dims = t.dims.map((d) => (r() < 0.5 ? pick(r, EXTREME) : d));
        break;
      }
      case 5: // rewire an input
        if (node?.input?.length) node.input[Math.floor(r() * node.input.length)] = pick(r, HOSTILE_NAMES);
        break;
      default: // drop a node
        if (nodes.length) nodes.splice(Math.floor(r() * nodes.length), 1);
    }
  }
  return onnx.ModelProto.encode(m).finish();
}

// ---------------------------------------------------------------- specs

const SPEC_VALUES = [
  '0',
  '-1',
  '1e308',
  '1e400',
  '-1e400',
  '9007199254740993',
  '2147483648',
  '0.5',
  'null',
  '"3"',
  '[]',
  '{}',
];

/** One mutant of a layer spec's text. */
export function mutateSpec(text: string, r: Rand): string {
  switch (Math.floor(r() * 7)) {
    case 0: {
      // a number to an extreme or wrong-typed value
      const nums = [...text.matchAll(/-?\d+(\.\d+)?/g)];
      if (!nums.length) return text;
      const n = pick(r, nums);
      return text.slice(0, n.index) + pick(r, SPEC_VALUES) + text.slice(n.index! + n[0].length);
    }
    case 1: {
      // a string value to a hostile one
      const strs = [...text.matchAll(/: "([^"\\]*)"/g)];
      if (!strs.length) return text;
      const s = pick(r, strs);
      return (
        text.slice(0, s.index) + ': ' + JSON.stringify(pick(r, HOSTILE_NAMES)) + text.slice(s.index! + s[0].length)
      );
    }
    case 2: {
      // a duplicate key
      const keys = [...text.matchAll(/"(\w+)": ([^,{}[\]]+),/g)];
      if (!keys.length) return text;
      const k = pick(r, keys);
      const at = k.index! + k[0].length;
      return text.slice(0, at) + ` "${k[1]}": ${pick(r, SPEC_VALUES)},` + text.slice(at);
    }
    case 3: // truncated
      return text.slice(0, Math.floor(r() * text.length));
    case 4: {
      // deep nesting
      const depth = pick(r, [300, 7000]);
      return text.replace('"layers": [', `"layers": [${'['.repeat(depth)}${']'.repeat(depth)}, `);
    }
    case 5: {
      // random characters
      const b = text.split('');
      for (let k = 1 + Math.floor(r() * 6); k > 0; k--)
        b[Math.floor(r() * b.length)] = pick(r, ['{', '}', '[', ']', '"', ',', ':', '\u0000', '\u001b', '9', '-']);
      return b.join('');
    }
    default: {
      // many layers without names
      const n = pick(r, [1000, 20000]);
      const layers = Array.from({ length: n }, () => '{"type":"relu"}').join(',');
      return text.replace('"layers": [', `"layers": [${layers}, `);
    }
  }
}
