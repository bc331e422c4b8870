import type { Analysis } from '../analysis/types';
import type { Network } from '../model/ir';

interface AttachmentEntry {
  readonly kind: 'model' | 'graph' | 'node';
  readonly target: string;
  readonly name: string;
  readonly value: number | string;
  readonly type?: string;
}

/**
 * A Netron attachment (`signature: "netron:attachment"`): a JSON file that Netron (7.x+) reads
 * beside an open model and shows in its sidebar. Entries target nodes by name (ONNX node names;
 * layers whose node had no name cannot be targeted and are listed at model level instead).
 * Format as read by Netron's source/metadata.js (kind, target, name, value, type).
 */
export function netronAttachment(a: Analysis, net: Network) {
  const metadata: AttachmentEntry[] = [
    { kind: 'model', target: '', name: 'snn-energy: timesteps', value: a.settings.timesteps },
    { kind: 'model', target: '', name: 'snn-energy: weight bits', value: a.settings.weightBits },
  ];
  const metrics: AttachmentEntry[] = [];
  const nodeName = new Map(net.layers.map((l) => [l.name, l.nodeIndex !== undefined ? l.name : undefined]));
  for (const arch of a.verdictWithheld ? [] : a.architectures) {
    metrics.push(
      { kind: 'model', target: '', name: `${arch.id}: SNN/QNN energy`, value: arch.ratio, type: 'float64' },
      {
        kind: 'model',
        target: '',
        name: `${arch.id}: break-even spike rate`,
        value: arch.breakEvenSpikeRate ?? arch.breakEven.kind,
        type: 'percentage',
      },
    );
    for (const l of arch.layers) {
      const target = nodeName.get(l.name) ?? l.name;
      const margin =
        l.breakEvenSpikeRate === null ? l.breakEven.kind : l.breakEvenSpikeRate - (l.inputSpikeRate ?? l.spikeRate);
      metrics.push(
        { kind: 'node', target, name: `${arch.id}: QNN energy (J)`, value: l.qnnEnergyJ, type: 'float64' },
        { kind: 'node', target, name: `${arch.id}: SNN energy (J)`, value: l.snnEnergyJ, type: 'float64' },
        { kind: 'node', target, name: `${arch.id}: SNN/QNN`, value: l.ratio, type: 'float64' },
        {
          kind: 'node',
          target,
          name: `${arch.id}: break-even spike rate`,
          value: l.breakEvenSpikeRate ?? l.breakEven.kind,
          type: 'percentage',
        },
        { kind: 'node', target, name: `${arch.id}: break-even margin`, value: margin, type: 'percentage' },
      );
    }
  }
  const seen = new Set<string>();
  for (const arch of a.verdictWithheld ? [] : a.architectures.slice(0, 1))
    for (const l of arch.layers) {
      const target = nodeName.get(l.name) ?? l.name;
      if (seen.has(target)) continue;
      seen.add(target);
      metrics.push({ kind: 'node', target, name: 'spike rate', value: l.spikeRate, type: 'percentage' });
      if (l.inputSpikeRate !== undefined)
        metrics.push({ kind: 'node', target, name: 'input spike rate', value: l.inputSpikeRate, type: 'percentage' });
      metadata.push({ kind: 'node', target, name: 'synapses (MACs)', value: l.synapses });
    }
  return { signature: 'netron:attachment', metadata, metrics };
}
