import { toHwc } from './kernels';
import { mulberry32 } from './prng';

/**
 * Inputs as the simulator wants them: one Float32Array per sample in the graph's layout (HWC for
 * images), from N×C×H×W (or N×F) data. Shapes are checked against the model's input.
 */
export function samplesFrom(
  shape: readonly number[],
  data: ArrayLike<number>,
  modelInput: readonly number[],
): Float32Array[] | { error: string } {
  const per = modelInput.reduce((a, b) => a * b, 1);
  const chw = modelInput.length === 3 ? [modelInput[2], modelInput[0], modelInput[1]] : [...modelInput];
  const given = shape.slice(1);
  if (given.length !== chw.length || given.some((d, i) => d !== chw[i]))
    return { error: `inputs have shape [${shape.join(', ')}], the model wants N×${chw.join('×')}` };
  const n = shape[0];
  if (!(n >= 1)) return { error: 'no samples to simulate' };
  const out: Float32Array[] = [];
  for (let k = 0; k < n; k++) {
    const x = new Float32Array(per);
    if (modelInput.length === 3) toHwc(modelInput, data, k * per, x);
    else for (let i = 0; i < per; i++) x[i] = data[k * per + i];
    out.push(x);
  }
  return out;
}

/** N seeded inputs, uniform in [0, 1), drawn in N×C×H×W order: the same on every machine. */
export function randomInputs(
  n: number,
  modelInput: readonly number[],
  seed: number,
): { shape: number[]; data: Float32Array } {
  const chw = modelInput.length === 3 ? [modelInput[2], modelInput[0], modelInput[1]] : [...modelInput];
  const per = chw.reduce((a, b) => a * b, 1);
  const rand = mulberry32(seed);
  const data = new Float32Array(n * per);
  for (let i = 0; i < data.length; i++) data[i] = rand();
  return { shape: [n, ...chw], data };
}

/** A JSON array of samples (nested lists) → shape and flat data; refuses ragged or non-numeric arrays. */
export function parseJsonInputs(text: string): { shape: number[]; data: Float32Array } | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { error: `inputs JSON: ${(e as Error).message}` };
  }
  const shape: number[] = [];
  for (let x = v; Array.isArray(x) && shape.length <= 4; x = x[0]) shape.push(x.length);
  if (shape.length > 4) return { error: 'inputs JSON nests deeper than N×C×H×W' };
  if (shape.some((d) => d === 0))
    return { error: `inputs JSON has shape [${shape.join(', ')}]: no samples to simulate` };
  const flat: number[] = [];
  const walk = (x: unknown, depth: number): boolean => {
    if (depth === shape.length) return typeof x === 'number' && Number.isFinite(x) && (flat.push(x), true);
    return Array.isArray(x) && x.length === shape[depth] && x.every((y) => walk(y, depth + 1));
  };
  if (!shape.length || !walk(v, 0))
    return { error: 'inputs JSON must be a rectangular array of numbers, N×C×H×W or N×F' };
  return { shape, data: Float32Array.from(flat) };
}
