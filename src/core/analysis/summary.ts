import type { Layer, LayerCounts, Network } from '../model/ir';
import { costed, type WeightedActivity } from './activity';
import { finish } from '../model/counts';
import type { ModelSummary } from './types';

/** Model totals, R̄, F̄ and the neuron-weighted mean spike rate. */
export function summarize(net: Network, activity: readonly WeightedActivity[]): ModelSummary {
  const weighted = net.layers.filter(costed);
  let synapses = 0;
  let weights = 0;
  let neurons = 0;
  for (const l of weighted) {
    synapses += l.counts!.synapses;
    weights += l.counts!.weights;
    neurons += l.counts!.neurons;
  }
  // R̄ and F̄ over the convolutions, like the paper (mean H_out·W_out over VGG16's 13 conv layers);
  // over all weighted layers when there is no convolution.
  const convs = weighted.filter((l) => l.kind === 'conv');
  const basis = convs.length ? convs : weighted;
  const mean = (f: (c: LayerCounts) => number) =>
    basis.length ? basis.reduce((s, l) => s + f(l.counts!), 0) / basis.length : 0;
  let spikes = 0;
  let spiking = 0;
  for (const wa of activity) {
    if (!wa.emitsSpikes) continue;
    spikes += wa.output.value * wa.layer.counts!.neurons;
    spiking += wa.layer.counts!.neurons;
  }
  return {
    name: net.name,
    format: net.format,
    layerCount: net.layers.filter((l) => l.kind !== 'input').length,
    weightedLayerCount: weighted.length,
    synapses,
    weights,
    neurons,
    meanReuse: mean((c) => c.reuse),
    meanFanIn: mean((c) => c.fanIn),
    meanSpikeRate: spiking ? spikes / spiking : 0,
  };
}

/**
 * The network-mean view (the paper's): every synapse costs the same per-synapse formula, with the
 * network's mean reuse R̄ and mean fan-in F̄; a layer's share is its synapse count.
 */
export function networkMeanCounts(model: ModelSummary): (l: Layer) => LayerCounts {
  return (l) => {
    const s = l.counts!.synapses;
    return finish(s, model.meanReuse ? s / model.meanReuse : 0, 0, model.meanFanIn ? s / model.meanFanIn : 0);
  };
}

/** In the network-mean view every layer, the first included, consumes and emits spikes at one rate. */
export function networkMeanActivity(activity: readonly WeightedActivity[]): WeightedActivity[] {
  return activity.map((wa) => {
    const rate = wa.output.origin !== 'none' ? wa.output : (wa.input ?? wa.output);
    return { ...wa, input: wa.input ?? rate, output: rate, emitsSpikes: true };
  });
}
