// Writes a VGG-16 (224×224) ONNX model with the real byte layout whose weight payloads are holes:
// 553 MB apparent size, a few KiB on disk, in milliseconds. Proves large-file behaviour without PyTorch.
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';

type Chunk = Uint8Array | { hole: number };
interface Msg {
  chunks: Chunk[];
  size: number;
}

const enc = new TextEncoder();
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const msg = (): Msg => ({ chunks: [], size: 0 });
function bytes(m: Msg, b: number[] | Uint8Array): void {
  const u = b instanceof Uint8Array ? b : new Uint8Array(b);
  m.chunks.push(u);
  m.size += u.length;
}
const tagged = (m: Msg, field: number, wire: number) => bytes(m, varint(field * 8 + wire));
function int(m: Msg, field: number, v: number): void {
  tagged(m, field, 0);
  bytes(m, varint(v));
}
function str(m: Msg, field: number, s: string): void {
  const b = enc.encode(s);
  tagged(m, field, 2);
  bytes(m, varint(b.length));
  bytes(m, b);
}
function sub(m: Msg, field: number, inner: Msg): void {
  tagged(m, field, 2);
  bytes(m, varint(inner.size));
  m.chunks.push(...inner.chunks);
  m.size += inner.size;
}
function hole(m: Msg, field: number, n: number): void {
  tagged(m, field, 2);
  bytes(m, varint(n));
  m.chunks.push({ hole: n });
  m.size += n;
}

function tensor(name: string, dims: number[]): Msg {
  const t = msg();
  for (const d of dims) int(t, 1, d);
  int(t, 2, 1); // FLOAT
  str(t, 8, name);
  hole(t, 9, dims.reduce((a, b) => a * b, 1) * 4);
  return t;
}
function node(op: string, inputs: string[], outputs: string[], attrs: [string, number[] | number][] = []): Msg {
  const n = msg();
  for (const i of inputs) str(n, 1, i);
  for (const o of outputs) str(n, 2, o);
  str(n, 3, outputs[0] + '_node');
  str(n, 4, op);
  for (const [k, v] of attrs) {
    const a = msg();
    str(a, 1, k);
    if (Array.isArray(v)) {
      for (const x of v) int(a, 8, x);
      int(a, 20, 7);
    } else {
      int(a, 3, v);
      int(a, 20, 2);
    }
    sub(n, 5, a);
  }
  return n;
}
function valueInfo(name: string, dims: number[]): Msg {
  const shape = msg();
  for (const d of dims) {
    const dim = msg();
    int(dim, 1, d);
    sub(shape, 1, dim);
  }
  const tt = msg();
  int(tt, 1, 1);
  sub(tt, 2, shape);
  const type = msg();
  sub(type, 1, tt);
  const v = msg();
  str(v, 1, name);
  sub(v, 2, type);
  return v;
}

export function synthesizeVgg16(path: string): number {
  const g = msg();
  const cfg = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'] as const;
  let x = 'input';
  let c = 3;
  let i = 0;
  const inits: Msg[] = [];
  for (const v of cfg) {
    i++;
    if (v === 'M') {
      sub(
        g,
        1,
        node(
          'MaxPool',
          [x],
          [`pool${i}`],
          [
            ['kernel_shape', [2, 2]],
            ['strides', [2, 2]],
          ],
        ),
      );
      x = `pool${i}`;
      continue;
    }
    inits.push(tensor(`conv${i}.weight`, [v, c, 3, 3]), tensor(`conv${i}.bias`, [v]));
    sub(
      g,
      1,
      node(
        'Conv',
        [x, `conv${i}.weight`, `conv${i}.bias`],
        [`conv${i}`],
        [
          ['kernel_shape', [3, 3]],
          ['pads', [1, 1, 1, 1]],
        ],
      ),
    );
    sub(g, 1, node('Relu', [`conv${i}`], [`relu${i}`]));
    x = `relu${i}`;
    c = v;
  }
  sub(g, 1, node('Flatten', [x], ['flat'], [['axis', 1]]));
  x = 'flat';
  let f = 512 * 7 * 7;
  // the classifier sees 7×7 after AdaptiveAvgPool in torchvision; here the 224 input pools to 7×7 already
  for (const [k, out] of [
    [1, 4096],
    [2, 4096],
    [3, 1000],
  ] as const) {
    inits.push(tensor(`fc${k}.weight`, [out, f]), tensor(`fc${k}.bias`, [out]));
    sub(g, 1, node('Gemm', [x, `fc${k}.weight`, `fc${k}.bias`], [`fc${k}`], [['transB', 1]]));
    x = `fc${k}`;
    if (k < 3) {
      sub(g, 1, node('Relu', [x], [`fcrelu${k}`]));
      x = `fcrelu${k}`;
    }
    f = out;
  }
  str(g, 2, 'vgg16_synthetic');
  for (const t of inits) sub(g, 5, t);
  sub(g, 11, valueInfo('input', [1, 3, 224, 224]));
  sub(g, 12, valueInfo(x, [1, 1000]));
  const m = msg();
  int(m, 1, 8);
  str(m, 2, 'snn-energy-lint synthetic');
  sub(m, 7, g);
  const opset = msg();
  int(opset, 2, 13);
  sub(m, 8, opset);
  const fd = openSync(path, 'w');
  let pos = 0;
  for (const ch of m.chunks) {
    if (ch instanceof Uint8Array) {
      writeSync(fd, ch, 0, ch.length, pos);
      pos += ch.length;
    } else pos += ch.hole;
  }
  ftruncateSync(fd, pos);
  closeSync(fd);
  return pos;
}
