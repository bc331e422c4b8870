import type { OnnxNode } from './types';

const WINDOWED = new Set(['Conv', 'ConvTranspose', 'MaxPool', 'AveragePool', 'LpPool', 'ConvInteger', 'QLinearConv']);
/** Far above any real kernel, stride, dilation or pad, and small enough that no window arithmetic overflows. */
const MAX_WINDOW = 2 ** 31 - 1;

/**
 * What is wrong with a windowed op's attributes (kernel_shape, strides, dilations, pads, group,
 * output_padding), given the spatial rank when known; undefined when nothing is. The ONNX operator
 * specs require kernel, stride and dilation ≥ 1, pads ≥ 0 with 2 per spatial axis, group ≥ 1.
 */
export function nodeAttributeFault(node: OnnxNode, spatialRank: number | undefined): string | undefined {
  if (!WINDOWED.has(node.opType)) return undefined;
  const ints = (name: string) => {
    const a = node.attributes.get(name);
    return a?.type === 'ints' ? a.value : undefined;
  };
  const kernel = ints('kernel_shape');
  const k = kernel?.length ?? spatialRank;
  const checks: [string, readonly number[] | undefined, number, number | undefined][] = [
    ['kernel_shape', kernel, 1, k],
    ['strides', ints('strides'), 1, k],
    ['dilations', ints('dilations'), 1, k],
    ['pads', ints('pads'), 0, k === undefined ? undefined : 2 * k],
    ['output_padding', ints('output_padding'), 0, k],
  ];
  for (const [name, xs, min, len] of checks) {
    if (!xs) continue;
    if (len !== undefined && xs.length !== len)
      return `"${name}" has ${xs.length} values where ${len} are needed (${name === 'pads' ? 'a begin and an end per spatial axis' : 'one per spatial axis'})`;
    const bad = xs.find((x) => !Number.isInteger(x) || x < min || x > MAX_WINDOW);
    if (bad !== undefined) return `"${name}" holds ${bad}; each must be a whole number from ${min} to ${MAX_WINDOW}`;
  }
  const g = node.attributes.get('group');
  if (g?.type === 'int' && (g.value < 1 || g.value > MAX_WINDOW))
    return `"group" is ${g.value}; it must be a whole number ≥ 1`;
  return undefined;
}
