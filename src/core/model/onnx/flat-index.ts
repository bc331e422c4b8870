/** Index arithmetic over row-major flat tensors, for constant folding: strides, numpy broadcasting. */
import { product } from '../counts';

export type Values = readonly number[];

/** A possibly negative axis or index `a` of a dimension of size `r`, made non-negative. */
export const norm = (a: number, r: number) => (a < 0 ? a + r : a);

export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1] * shape[i + 1];
  return s;
}

/** Element of `v` (shaped `shape`) seen at multi-index `idx` of a broadcast output of rank idx.length. */
function at(v: Values, shape: readonly number[], idx: readonly number[]): number {
  let flat = 0;
  let stride = 1;
  for (let i = shape.length - 1, j = idx.length - 1; i >= 0; i--, j--) {
    if (shape[i] !== 1) flat += idx[j] * stride;
    stride *= shape[i];
  }
  return v[flat];
}

export function indexOf(flat: number, strides: readonly number[]): number[] {
  return strides.map((s) => {
    const q = Math.floor(flat / s);
    flat -= q * s;
    return q;
  });
}

/** out[i] = f(inputs at i), with numpy broadcasting to `out` (the inferred output shape). */
export function broadcastMap(
  out: readonly number[],
  ins: [Values, readonly number[]][],
  f: (xs: number[]) => number,
): number[] {
  const n = product(out);
  const st = stridesOf(out);
  const r: number[] = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const idx = indexOf(k, st);
    r[k] = f(ins.map(([v, s]) => at(v, s, idx)));
  }
  return r;
}
