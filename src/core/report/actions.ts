import type { LayerResult } from '../analysis/types';
import type { QnnAction, SnnAction } from '../energy/architecture';

/**
 * The breakdown's actions merged into what a reader tells apart, in display order: one table for the
 * hover, the reports and the comparison panel. A row sums its actions; a QNN with none shows "–".
 */
export const ACTION_ROWS: readonly { label: string; qnn: readonly QnnAction[]; snn: readonly SnnAction[] }[] = [
  { label: 'synaptic ops', qnn: ['synapticOp', 'elementwise'], snn: ['inputOp', 'synapticOp', 'elementwise'] },
  { label: 'weight fetch', qnn: ['weightFetch'], snn: ['weightFetch'] },
  { label: 'neuron updates', qnn: ['neuronUpdate'], snn: ['neuronUpdate'] },
  { label: 'spike output', qnn: [], snn: ['outputSpike'] },
  { label: 'data movement', qnn: ['activationMove'], snn: ['spikeMove'] },
  { label: 'operand delivery', qnn: ['activationDelivery'], snn: ['spikeDelivery', 'denseDelivery'] },
];

export const ACTION_LABELS: readonly string[] = ACTION_ROWS.map((r) => r.label);

/** A layer's energy (J) per row of ACTION_ROWS, QNN and SNN. */
export function actionParts(l: LayerResult): { qnn: number[]; snn: number[] } {
  const sum = <A extends string>(b: Readonly<Record<A, number>>, keys: readonly A[]) =>
    keys.reduce((t, k) => t + b[k], 0);
  return {
    qnn: ACTION_ROWS.map((r) => sum(l.breakdown.qnn, r.qnn)),
    snn: ACTION_ROWS.map((r) => sum(l.breakdown.snn, r.snn)),
  };
}
