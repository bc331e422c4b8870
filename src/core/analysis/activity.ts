import type { Layer, LayerKind, Network } from '../model/ir';
import { isWeighted } from '../model/ir';
import type { MeasuredActivity, RateOrigin } from './types';

/** A spike rate and where it came from. */
export interface Rate {
  readonly value: number;
  readonly origin: RateOrigin;
  /** The layer that declares or measures it (where a finding about it belongs). */
  readonly owner?: number;
}

/** Resolved activity of one weighted layer (energy-model.md §4). */
export interface WeightedActivity {
  readonly layer: Layer;
  /** Rate of the spikes it consumes; undefined for the analog first layer. */
  readonly input?: Rate;
  /** Rate of its own output spikes; value 0 with origin 'none' for the output layer. */
  readonly output: Rate;
  /** The weighted layer whose spikes it consumes. */
  readonly producer?: number;
  /** Measured ANN density of what it consumes / produces, when known. */
  readonly measuredRhoIn?: number;
  readonly measuredRhoOut?: number;
  readonly emitsSpikes: boolean;
}

/** Layers that hand their input's spikes on unchanged (rates pass through them). */
const PASS_THROUGH: ReadonlySet<LayerKind> = new Set<LayerKind>([
  'maxpool',
  'avgpool',
  'globalavgpool',
  'flatten',
  'reshape',
  'batchnorm',
  'activation',
  'dropout',
  'pad',
  'resize',
  'add',
  'mul',
  'concat',
  'nonlinearity',
]);

interface OwnRate {
  readonly value: number;
  readonly origin: RateOrigin;
}

function ownRate(layer: Layer, measured: ReadonlyMap<string, MeasuredActivity> | undefined): OwnRate | undefined {
  if (layer.spikeRate !== undefined)
    return { value: layer.spikeRate, origin: layer.spikeRateSource === 'sparsity' ? 'sparsity' : 'declared' };
  const m = measured?.get(layer.name)?.spikeRate;
  return m !== undefined ? { value: m, origin: 'measured' } : undefined;
}

/**
 * Rates flow forward: a weighted layer's output rate is its own (declared/measured), else that of the
 * activation (IF) layer it feeds; a pass-through layer carries its input's rate unless it has its own.
 */
export function resolveActivity(
  net: Network,
  defaultRate: number,
  measured?: ReadonlyMap<string, MeasuredActivity>,
): WeightedActivity[] {
  const consumers = consumersOf(net);
  const rateAt: (Rate | undefined)[] = new Array(net.layers.length);
  const producerAt: (number | undefined)[] = new Array(net.layers.length);
  const out: WeightedActivity[] = [];
  for (const layer of net.layers) {
    const i = layer.index;
    if (layer.kind === 'input') continue; // analog: rateAt stays undefined
    if (costed(layer)) {
      const ifLayer = followToNeurons(net, consumers, i);
      const emitsSpikes = ifLayer !== undefined || hasWeightedDownstream(net, consumers, i);
      const own =
        ownRate(layer, measured) ?? (ifLayer !== undefined ? ownRate(net.layers[ifLayer], measured) : undefined);
      const owner =
        layer.spikeRate !== undefined || measured?.get(layer.name)?.spikeRate !== undefined ? i : (ifLayer ?? i);
      const output: Rate = !emitsSpikes
        ? { value: 0, origin: 'none', owner: i }
        : own
          ? { value: own.value, origin: own.origin, owner }
          : { value: defaultRate, origin: 'default', owner };
      const src = layer.inputs[0];
      out.push({
        layer,
        input: src === undefined ? undefined : rateAt[src],
        output,
        producer: src === undefined ? undefined : producerAt[src],
        measuredRhoIn: src === undefined ? undefined : densityAt(net, src, measured),
        measuredRhoOut:
          layer.annDensity ?? (ifLayer !== undefined ? densityOf(net.layers[ifLayer], measured) : undefined),
        emitsSpikes,
      });
      rateAt[i] = output;
      producerAt[i] = i;
    } else if (PASS_THROUGH.has(layer.kind) || layer.kind === 'unmodelled' || layer.kind === 'subgraph') {
      const src = layer.inputs[0];
      const own = ownRate(layer, measured);
      rateAt[i] = own
        ? { value: own.value, origin: own.origin, owner: i }
        : src === undefined
          ? undefined
          : rateAt[src];
      producerAt[i] = src === undefined ? undefined : producerAt[src];
    }
  }
  return out;
}

function densityOf(layer: Layer, measured?: ReadonlyMap<string, MeasuredActivity>): number | undefined {
  return layer.annDensity ?? measured?.get(layer.name)?.annDensity;
}

/** Measured ANN density of the activations at layer `i`'s output, walking back through layout-only layers. */
function densityAt(net: Network, i: number, measured?: ReadonlyMap<string, MeasuredActivity>): number | undefined {
  let at: number | undefined = i;
  for (let guard = 0; at !== undefined && guard < net.layers.length; guard++) {
    const l: Layer = net.layers[at];
    const d = densityOf(l, measured);
    if (d !== undefined) return d;
    if (l.kind === 'input' || costed(l)) return l.kind === 'input' ? 1 : undefined;
    if (l.kind === 'avgpool' || l.kind === 'globalavgpool') return undefined;
    at = l.inputs[0];
  }
  return undefined;
}

/** A weighted layer whose counts are known (a layer whose shapes could not be inferred has a problem instead). */
export function costed(layer: Layer): boolean {
  return isWeighted(layer) && layer.counts !== undefined && !layer.notCosted && Number.isFinite(layer.counts.synapses);
}

export function consumersOf(net: Network): number[][] {
  const c: number[][] = net.layers.map(() => []);
  for (const l of net.layers) for (const src of l.inputs) c[src]?.push(l.index);
  return c;
}

/** Layers between a weighted layer and the IF layer that turns its output into spikes. */
const TO_NEURONS: ReadonlySet<LayerKind> = new Set<LayerKind>([
  'batchnorm',
  'dropout',
  'add',
  'concat',
  'reshape',
  'pad',
]);

/** The activation (IF) layer that turns layer i's output into spikes: through batchnorm/dropout/add/concat. */
function followToNeurons(net: Network, consumers: number[][], i: number): number | undefined {
  let at = i;
  for (let guard = 0; guard < net.layers.length; guard++) {
    const next = consumers[at];
    if (next.length === 0) return undefined;
    const l = net.layers[next[0]];
    if (l.kind === 'activation') return l.index;
    if (!TO_NEURONS.has(l.kind)) return undefined;
    at = l.index;
  }
  return undefined;
}

function hasWeightedDownstream(net: Network, consumers: number[][], i: number): boolean {
  // the common case, a chain: walk it without allocating
  let at = i;
  for (let guard = 0; guard < net.layers.length && consumers[at].length === 1; guard++) {
    at = consumers[at][0];
    if (costed(net.layers[at])) return true;
  }
  if (consumers[at].length === 0) return false;
  const seen = new Set<number>();
  const stack = [...consumers[at]];
  while (stack.length) {
    const j = stack.pop()!;
    if (seen.has(j)) continue;
    seen.add(j);
    if (costed(net.layers[j])) return true;
    stack.push(...consumers[j]);
  }
  return false;
}
