import type { LayerCounts } from './ir';

/** Counts of a 2-D (or N-D) convolution: N_syn = C_in/groups · ∏K · C_out · ∏out (energy-model.md §1). */
export function convCounts(
  inChannels: number,
  outChannels: number,
  kernel: readonly number[],
  outSpatial: readonly number[],
  groups = 1,
  bias = true,
): LayerCounts {
  const k = product(kernel);
  const positions = product(outSpatial);
  const weights = (inChannels / groups) * k * outChannels;
  const synapses = weights * positions;
  const neurons = outChannels * positions;
  return finish(synapses, weights, bias ? outChannels : 0, neurons);
}

/** Counts of a fully connected layer applied `positions` times (1 for a plain Linear/Gemm). */
export function linearCounts(inFeatures: number, outFeatures: number, positions = 1, bias = true): LayerCounts {
  const weights = inFeatures * outFeatures;
  return finish(weights * positions, weights, bias ? outFeatures : 0, outFeatures * positions);
}

/** Build counts from the three totals; fan-in and reuse follow. */
export function finish(synapses: number, weights: number, biases: number, neurons: number): LayerCounts {
  return {
    synapses,
    weights,
    biases,
    neurons,
    fanIn: neurons > 0 ? synapses / neurons : 0,
    reuse: weights > 0 ? synapses / weights : 0,
  };
}

export function product(xs: readonly number[]): number {
  let p = 1;
  for (const x of xs) p *= x;
  return p;
}
