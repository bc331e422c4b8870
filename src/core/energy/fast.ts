import type { LayerCounts } from '../model/ir';
import type { ActionTable } from './action-energy';
import type { QnnAction, SnnAction } from './architecture';
import { breakdownOf, denseChosen, energyOf, PJ, qnnCounts, snnCounts, type LayerActivity } from './layer-energy';

/**
 * The per-action energies of an action table as a flat vector, for the analysis's inner loops:
 * [qnn synaptic op, qnn weight fetch × fetches, qnn neuron, qnn activation move,
 *  snn input op, snn synaptic op, snn weight fetch × fetches, snn neuron, snn spike (output + move),
 *  qnn activation delivery, snn spike delivery, snn dense delivery (Infinity unless the dense dataflow is allowed)], pJ.
 */
export const VEC = 12;
export function tableVector(t: ActionTable, into: Float64Array, at = 0): void {
  const q = t.qnn;
  const s = t.snn;
  into[at] = q.synapticOp.total;
  into[at + 1] = q.weightFetch.total * t.qnnFetches;
  into[at + 2] = q.neuronUpdate.total;
  into[at + 3] = q.activationMove.total;
  into[at + 4] = s.inputOp.total;
  into[at + 5] = s.synapticOp.total;
  into[at + 6] = s.weightFetch.total * t.snnFetches;
  into[at + 7] = s.neuronUpdate.total;
  into[at + 8] = s.outputSpike.total + s.spikeMove.total;
  into[at + 9] = q.activationDelivery.total;
  into[at + 10] = s.spikeDelivery.total;
  into[at + 11] = t.denseDelivery;
}

/**
 * E_QNN and E_SNN of a layer (J): action counts (qnnCounts / snnCounts) × energy per action, with the
 * energies as a tableVector at offset `o`. The one energy sum of the analysis: per layer, per
 * breakpoint, per T and in the curves. Straight-line arithmetic, no allocation; a unit test checks it
 * against counts × energy per action.
 */
export function energiesOf(
  c: LayerCounts,
  a: LayerActivity,
  v: ArrayLike<number>,
  o: number,
  T: number,
  out: { qnn: number; snn: number },
): void {
  out.qnn =
    (a.rhoIn * c.synapses * v[o] +
      c.synapses * v[o + 9] +
      c.weights * v[o + 1] +
      c.neurons * v[o + 2] +
      a.rhoOut * c.neurons * v[o + 3]) *
    PJ;
  out.snn =
    ((a.analogInput ? c.synapses * v[o + 4] : synapticWork(T, a.rIn, c.synapses, v[o + 5], v[o + 10], v[o + 11])) +
      c.weights * v[o + 6] +
      T * c.neurons * v[o + 7] +
      T * a.rOut * c.neurons * v[o + 8]) *
    PJ;
}

/**
 * The SNN's synaptic work at input rate r_in, pJ: an op per input spike per synapse, plus delivering the
 * operands, per spike (sparse dataflow) or, when allowed and cheaper, every synapse every timestep (dense).
 * `spike` and `dense` are the delivery energies; `dense` is Infinity when the dense dataflow is not allowed.
 */
function synapticWork(T: number, rIn: number, syn: number, op: number, spike: number, dense: number): number {
  const events = T * rIn * syn;
  return events * op + (denseChosen(rIn, spike, dense) ? T * syn * dense : events * spike);
}

export interface LayerDetail {
  readonly qnn: Record<QnnAction, number>;
  readonly snn: Record<SnnAction, number>;
  readonly qnnCompute: number;
  readonly snnCompute: number;
}

/** Energy by action (J) and the compute-only totals of one layer at one T: the readable form, read rarely. */
export function layerDetail(c: LayerCounts, a: LayerActivity, t: ActionTable, T: number): LayerDetail {
  const qc = qnnCounts(c, a, t);
  const sc = snnCounts(c, a, t, T);
  return {
    qnn: breakdownOf(qc, t.qnn),
    snn: breakdownOf(sc, t.snn),
    qnnCompute: energyOf(qc, t.qnn, 'compute'),
    snnCompute: energyOf(sc, t.snn, 'compute'),
  };
}
