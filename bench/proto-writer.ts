// A tiny protobuf writer for synthetic ONNX models whose big payloads are holes (sparse files).
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';

export type Chunk = Uint8Array | { hole: number };
export interface Msg {
  chunks: Chunk[];
  size: number;
}

export const enc = new TextEncoder();
export function varint(n: number): number[] {
  const out: number[] = [];
  // negative int64 values are 10-byte two's complement varints
  let v = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n);
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
export const msg = (): Msg => ({ chunks: [], size: 0 });
export function bytes(m: Msg, b: number[] | Uint8Array): void {
  const u = b instanceof Uint8Array ? b : new Uint8Array(b);
  m.chunks.push(u);
  m.size += u.length;
}
export const tagged = (m: Msg, field: number, wire: number) => bytes(m, varint(field * 8 + wire));
export function int(m: Msg, field: number, v: number): void {
  tagged(m, field, 0);
  bytes(m, varint(v));
}
export function str(m: Msg, field: number, s: string): void {
  const b = enc.encode(s);
  tagged(m, field, 2);
  bytes(m, varint(b.length));
  bytes(m, b);
}
export function sub(m: Msg, field: number, inner: Msg): void {
  tagged(m, field, 2);
  bytes(m, varint(inner.size));
  m.chunks.push(...inner.chunks);
  m.size += inner.size;
}
export function hole(m: Msg, field: number, n: number): void {
  tagged(m, field, 2);
  bytes(m, varint(n));
  m.chunks.push({ hole: n });
  m.size += n;
}

export function tensor(name: string, dims: number[]): Msg {
  const t = msg();
  for (const d of dims) int(t, 1, d);
  int(t, 2, 1); // FLOAT
  str(t, 8, name);
  hole(t, 9, dims.reduce((a, b) => a * b, 1) * 4);
  return t;
}
export function node(op: string, inputs: string[], outputs: string[], attrs: [string, number[] | number][] = []): Msg {
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
export function valueInfo(name: string, dims: number[], elemType = 1): Msg {
  const shape = msg();
  for (const d of dims) {
    const dim = msg();
    int(dim, 1, d);
    sub(shape, 1, dim);
  }
  const tt = msg();
  int(tt, 1, elemType);
  sub(tt, 2, shape);
  const type = msg();
  sub(type, 1, tt);
  const v = msg();
  str(v, 1, name);
  sub(v, 2, type);
  return v;
}

/** Writes a message to `path`, holes as unwritten ranges (a sparse file); returns the apparent size. */
export function writeSparse(path: string, m: Msg): number {
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

/** A tensor whose payload lives in an external file (TensorProto external_data + data_location EXTERNAL). */
export function externalTensor(
  name: string,
  dims: number[],
  dataType: number,
  location: string,
  offset: number,
  length: number,
): Msg {
  const t = msg();
  for (const d of dims) int(t, 1, d);
  int(t, 2, dataType);
  str(t, 8, name);
  for (const [k, v] of [
    ['location', location],
    ['offset', String(offset)],
    ['length', String(length)],
  ]) {
    const e = msg();
    str(e, 1, k);
    str(e, 2, v);
    sub(t, 13, e);
  }
  int(t, 14, 1); // EXTERNAL
  return t;
}

/** A small tensor stored in the model (raw_data): INT64 (7) or FLOAT (1). */
export function rawTensor(name: string, dims: number[], dataType: 1 | 7, values: number[]): Msg {
  const t = msg();
  for (const d of dims) int(t, 1, d);
  int(t, 2, dataType);
  str(t, 8, name);
  const b = new DataView(new ArrayBuffer(values.length * (dataType === 7 ? 8 : 4)));
  values.forEach((v, i) => (dataType === 7 ? b.setBigInt64(i * 8, BigInt(v), true) : b.setFloat32(i * 4, v, true)));
  tagged(t, 9, 2);
  bytes(t, varint(b.byteLength));
  bytes(t, new Uint8Array(b.buffer));
  return t;
}

/** A ModelProto (IR 8, default-domain opset 13, our producer name) around `graph`, written to `path`. */
export function writeModel(path: string, graph: Msg): number {
  const m = msg();
  int(m, 1, 8);
  str(m, 2, 'snn-energy-lint synthetic');
  sub(m, 7, graph);
  const opset = msg();
  int(opset, 2, 13);
  sub(m, 8, opset);
  return writeSparse(path, m);
}
