import type { LayerCounts } from '../model/ir';
import type { QnnAction, SnnAction } from './architecture';
import type { ActionEnergy, ActionTable } from './action-energy';

/** pJ → J. Energies are joules everywhere in core; formatting happens in units.ts. */
export const PJ = 1e-12;

/** The activity a weighted layer sees (energy-model.md §1, §4). */
export interface LayerActivity {
  /** Spike rate of the spikes the layer consumes. Ignored when `analogInput`. */
  readonly rIn: number;
  /** Spike rate of the layer's own IF neurons (0 for the output layer, which does not spike). */
  readonly rOut: number;
  /** Density of the QNN activations the layer consumes (1 for the analog input). */
  readonly rhoIn: number;
  /** Density of the QNN activations the layer produces. */
  readonly rhoOut: number;
  /** The layer consumes the analog network input (direct encoding): dense, once per inference. */
  readonly analogInput: boolean;
}

export type QnnCounts = Record<QnnAction, number>;
export type SnnCounts = Record<SnnAction, number>;

/** Action counts per inference of the QNN twin (energy-model.md §2). */
export function qnnCounts(c: LayerCounts, a: LayerActivity, t: ActionTable, elements = 0): QnnCounts {
  return {
    synapticOp: a.rhoIn * c.synapses,
    activationDelivery: c.synapses,
    weightFetch: c.weights * t.qnnFetches,
    neuronUpdate: c.neurons,
    activationMove: a.rhoOut * c.neurons,
    elementwise: elements,
  };
}

/** Action counts per inference of the SNN with T timesteps (energy-model.md §2). */
export function snnCounts(c: LayerCounts, a: LayerActivity, t: ActionTable, T: number, elements = 0): SnnCounts {
  const spikesOut = T * a.rOut * c.neurons;
  const events = a.analogInput ? 0 : T * a.rIn * c.synapses;
  const dense = !a.analogInput && denseChosen(a.rIn, t.snn.spikeDelivery.total, t.denseDelivery);
  return {
    inputOp: a.analogInput ? c.synapses : 0,
    synapticOp: events,
    spikeDelivery: dense ? 0 : events,
    denseDelivery: dense ? T * c.synapses : 0,
    weightFetch: c.weights * t.snnFetches,
    neuronUpdate: T * c.neurons,
    outputSpike: spikesOut,
    spikeMove: spikesOut,
    elementwise: T * elements,
  };
}

/**
 * Whether a layer consuming spikes at rate r_in takes the dense dataflow: only when the architecture allows it
 * (`dense` is Infinity otherwise) and a dense delivery per synapse per timestep costs less than r_in sparse ones
 * (`spike` each).
 */
export function denseChosen(rIn: number, spike: number, dense: number): boolean {
  return dense < rIn * spike;
}

/** Energy by action, in J, for the chosen component kind ('total' = memory-inclusive). */
export function breakdownOf<A extends string>(
  counts: Record<A, number>,
  energies: Readonly<Record<A, ActionEnergy>>,
  kind: keyof ActionEnergy = 'total',
): Record<A, number> {
  const out = {} as Record<A, number>;
  for (const a of Object.keys(counts) as A[]) out[a] = counts[a] * energies[a][kind] * PJ;
  return out;
}

/** Σ count × energy per action, in J: the sum of breakdownOf. */
export function energyOf<A extends string>(
  counts: Record<A, number>,
  energies: Readonly<Record<A, ActionEnergy>>,
  kind: keyof ActionEnergy = 'total',
): number {
  let j = 0;
  for (const e of Object.values<number>(breakdownOf(counts, energies, kind))) j += e;
  return j;
}
