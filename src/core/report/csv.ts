import type { Analysis } from '../analysis/types';
import { QNN_ACTIONS, SNN_ACTIONS } from '../energy/architecture';
import { csvField } from './text-table';

/** One row per architecture and weighted layer; energies in joules. */
export function csvReport(a: Analysis): string {
  const header = [
    'architecture',
    'layer',
    'type',
    'synapses',
    'weights',
    'neurons',
    'fan_in',
    'reuse',
    'spike_rate',
    'spike_rate_origin',
    'input_spike_rate',
    'ann_density',
    'qnn_energy_j',
    'snn_energy_j',
    'ratio',
    'break_even_spike_rate',
    'break_even',
    'largest_break_even_t',
    'verdict',
    'execution',
    ...QNN_ACTIONS.map((x) => `qnn_${x}_j`),
    ...SNN_ACTIONS.map((x) => `snn_${x}_j`),
  ];
  // an incomplete model gets no verdict: the header only
  const rows = (a.verdictWithheld ? [] : a.architectures).flatMap((arch) =>
    arch.layers.map((l) => [
      arch.id,
      l.name,
      l.type,
      l.synapses,
      l.weights,
      l.neurons,
      l.fanIn,
      l.reuse,
      l.spikeRate,
      l.spikeRateOrigin,
      l.inputSpikeRate,
      l.annDensity,
      l.qnnEnergyJ,
      l.snnEnergyJ,
      Number.isFinite(l.ratio) ? l.ratio : null,
      l.breakEvenSpikeRate,
      l.breakEven.kind,
      l.largestBreakEvenT,
      l.verdict,
      l.execution,
      ...QNN_ACTIONS.map((x) => l.breakdown.qnn[x]),
      ...SNN_ACTIONS.map((x) => l.breakdown.snn[x]),
    ]),
  );
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
