import type { LayerCounts } from '../model/ir';
import type { ActionTable } from './action-energy';
import type { QnnAction, SnnAction } from './architecture';
import type { LayerActivity } from './layer-energy';
import { PJ } from './layer-energy';

/**
 * The per-action energies of an action table as a flat vector, for the analysis's inner loops:
 * [qnn synaptic op, qnn weight fetch × fetches, qnn neuron, qnn activation move,
 *  snn input op, snn synaptic op, snn weight fetch × fetches, snn neuron, snn spike (output + move)], pJ.
 */
export const VEC = 9;
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
}

/**
 * E_QNN and E_SNN of a layer (J) in straight-line arithmetic: the same sums as qnnCounts/snnCounts ×
 * energyOf, without allocating. A unit test checks it against the readable form.
 */
export function fastEnergies(
  c: LayerCounts,
  a: LayerActivity,
  t: ActionTable,
  T: number,
  out: { qnn: number; snn: number },
): void {
  const q = t.qnn;
  const s = t.snn;
  out.qnn =
    (a.rhoIn * c.synapses * q.synapticOp.total +
      c.weights * t.qnnFetches * q.weightFetch.total +
      c.neurons * q.neuronUpdate.total +
      a.rhoOut * c.neurons * q.activationMove.total) *
    PJ;
  const spikes = T * a.rOut * c.neurons;
  out.snn =
    ((a.analogInput ? c.synapses * s.inputOp.total : T * a.rIn * c.synapses * s.synapticOp.total) +
      c.weights * t.snnFetches * s.weightFetch.total +
      T * c.neurons * s.neuronUpdate.total +
      spikes * (s.outputSpike.total + s.spikeMove.total)) *
    PJ;
}

export interface LayerDetail {
  readonly qnn: Record<QnnAction, number>;
  readonly snn: Record<SnnAction, number>;
  readonly qnnCompute: number;
  readonly snnCompute: number;
}

/** Energy by action (J) and the compute-only totals of one layer at one T. */
export function layerDetail(c: LayerCounts, a: LayerActivity, t: ActionTable, T: number): LayerDetail {
  const q = t.qnn;
  const s = t.snn;
  const n = {
    qSyn: a.rhoIn * c.synapses,
    qFetch: c.weights * t.qnnFetches,
    qNeu: c.neurons,
    qMove: a.rhoOut * c.neurons,
  };
  const spikes = T * a.rOut * c.neurons;
  const m = {
    sIn: a.analogInput ? c.synapses : 0,
    sSyn: a.analogInput ? 0 : T * a.rIn * c.synapses,
    sFetch: c.weights * t.snnFetches,
    sNeu: T * c.neurons,
  };
  return {
    qnn: {
      synapticOp: n.qSyn * q.synapticOp.total * PJ,
      weightFetch: n.qFetch * q.weightFetch.total * PJ,
      neuronUpdate: n.qNeu * q.neuronUpdate.total * PJ,
      activationMove: n.qMove * q.activationMove.total * PJ,
      elementwise: 0,
    },
    snn: {
      inputOp: m.sIn * s.inputOp.total * PJ,
      synapticOp: m.sSyn * s.synapticOp.total * PJ,
      weightFetch: m.sFetch * s.weightFetch.total * PJ,
      neuronUpdate: m.sNeu * s.neuronUpdate.total * PJ,
      outputSpike: spikes * s.outputSpike.total * PJ,
      spikeMove: spikes * s.spikeMove.total * PJ,
      elementwise: 0,
    },
    qnnCompute:
      (n.qSyn * q.synapticOp.compute +
        n.qFetch * q.weightFetch.compute +
        n.qNeu * q.neuronUpdate.compute +
        n.qMove * q.activationMove.compute) *
      PJ,
    snnCompute:
      (m.sIn * s.inputOp.compute +
        m.sSyn * s.synapticOp.compute +
        m.sFetch * s.weightFetch.compute +
        m.sNeu * s.neuronUpdate.compute +
        spikes * (s.outputSpike.compute + s.spikeMove.compute)) *
      PJ,
  };
}
