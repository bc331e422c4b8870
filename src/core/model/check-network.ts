import type { Layer, LayerCounts, Network, Problem } from './ir';
import { WEIGHTED_KINDS } from './ir';

/** Counts and shapes above this lose integer precision in a double (2^53). */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** Kinds whose output must have every dimension ≥ 1 (a zero-size tensor here is a broken model, not a shape trick). */
const NO_EMPTY = new Set([
  'input',
  'conv',
  'conv-transpose',
  'linear',
  'recurrent',
  'maxpool',
  'avgpool',
  'globalavgpool',
]);

/** What is wrong with a shape, or undefined: dims must be whole, ≥ 0 (≥ 1 when `nonEmpty`), with a product ≤ 2^53. */
export function shapeFault(shape: readonly number[], nonEmpty: boolean): string | undefined {
  let p = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < (nonEmpty ? 1 : 0))
      return `dimension ${d} in [${shape.join(', ')}] (dimensions are whole numbers ≥ ${nonEmpty ? 1 : 0})`;
    p *= d;
  }
  if (p > MAX_EXACT) return `[${shape.join(', ')}] has ${p.toExponential(2)} elements, more than 2^53`;
  return undefined;
}

function countsFault(c: LayerCounts): string | undefined {
  for (const [k, v] of [
    ['synapses', c.synapses],
    ['weights', c.weights],
    ['biases', c.biases],
    ['neurons', c.neurons],
  ] as const)
    if (!Number.isFinite(v) || v < 0 || v > MAX_EXACT || !Number.isInteger(v))
      return `${k} ${v} is not a whole number from 0 to 2^53`;
  if (c.synapses === 0 || c.neurons === 0) return 'it has no synapses or no output neurons';
  if (!Number.isFinite(c.fanIn) || !Number.isFinite(c.reuse)) return 'its fan-in or reuse is not finite';
  return undefined;
}

/**
 * The last check before the energy model: every layer's shape and counts are whole, non-negative and
 * exact in a double. A layer that fails gets one `invalid-shape` error and loses its counts (so no
 * energy is computed from it); the network is returned unchanged when all is well.
 */
export function checkNetwork(net: Network): Network {
  let layers: Layer[] | undefined;
  const problems: Problem[] = [];
  net.layers.forEach((l, i) => {
    const shapeWhy = l.outputShape && shapeFault(l.outputShape, NO_EMPTY.has(l.kind));
    const countWhy = l.counts && countsFault(l.counts);
    const elemWhy =
      l.elements !== undefined && (!Number.isInteger(l.elements) || l.elements < 0 || l.elements > MAX_EXACT);
    if (!shapeWhy && !countWhy && !elemWhy) return;
    problems.push({
      code: 'invalid-shape',
      severity: 'error',
      layer: l.name,
      range: l.nameRange ?? l.range,
      message: `${l.op} ${l.name}: ${shapeWhy ? `output shape has ${shapeWhy}` : countWhy ? `its counts are invalid: ${countWhy}` : `its element count ${l.elements} is invalid`}; no energy is computed for it`,
    });
    layers ??= [...net.layers];
    layers[i] = {
      ...l,
      kind: WEIGHTED_KINDS.has(l.kind) ? 'unmodelled' : l.kind,
      counts: undefined,
      elements: undefined,
      outputShape: shapeWhy ? undefined : l.outputShape,
    };
  });
  if (!layers) return net;
  const all = net.problems.slice();
  for (const p of problems) all.push(p);
  return { ...net, layers, problems: all };
}
