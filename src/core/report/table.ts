import type { Analysis, ArchitectureResult, Finding, LayerResult } from '../analysis/types';
import type { QnnAction, SnnAction } from '../energy/architecture';
import type { ReportContext } from './context';
import { breakEvenText, inputRateText } from './describe';
import { textTable } from './text-table';
import { count, joules, microjoules, percent, times } from '../units';
import { withheldText } from '../analysis/coverage';

const QNN_COLS: [QnnAction, string][] = [
  ['synapticOp', 'syn op'],
  ['activationDelivery', 'deliver'],
  ['weightFetch', 'w fetch'],
  ['neuronUpdate', 'neuron'],
  ['activationMove', 'move'],
];
const SNN_COLS: [SnnAction, string][] = [
  ['inputOp', 'input'],
  ['synapticOp', 'syn op'],
  ['spikeDelivery', 'deliver'],
  ['denseDelivery', 'dense'],
  ['weightFetch', 'w fetch'],
  ['neuronUpdate', 'neuron'],
  ['outputSpike', 'spike'],
  ['spikeMove', 'move'],
];

/**
 * The human report: like Timeloop's per-level summary, per layer the energy by action in pJ per
 * synapse and in µJ, QNN against SNN, s* and the verdict, for every architecture.
 */
export function tableReport(a: Analysis, ctx: ReportContext, opts: { breakdown?: boolean } = {}): string {
  const m = a.model;
  const s = a.settings;
  const head = [
    `SNN Energy Lint: ${m.name} (${ctx.source})`,
    `${m.weightedLayerCount} weighted of ${m.layerCount} layers, ${count(m.synapses)} synapses (MACs), ${count(m.weights)} weights, ${count(m.neurons)} neurons`,
    `T = ${s.timesteps} (QNN twin: ${s.activationBits}-bit activations), ${s.weightBits}-bit weights, view ${s.view}, mean spike rate ${percent(m.meanSpikeRate, 2)}`,
  ];
  head.push(coverageLine(a));
  if (a.model.format === 'onnx' && a.coverage.batchRule) head.push(a.coverage.batchRule);
  if (a.verdictWithheld) {
    head.push(`NO VERDICT: ${withheldText(a.coverage)} (--allow-incomplete gives the verdict on the accounted part)`);
    return [head.join('\n'), findingsSection(a.findings)].join('\n\n') + '\n';
  }
  const parts = [head.join('\n'), overview(a.architectures)];
  for (const arch of a.architectures) parts.push(architectureSection(arch, opts.breakdown ?? true));
  parts.push(findingsSection(a.findings));
  return parts.join('\n\n') + '\n';
}

/** "accounted compute: …", with "verdict on the accounted part only" when partial. */
export function coverageLine(a: Analysis): string {
  const partial = !a.coverage.complete && !a.verdictWithheld ? ' (verdict on the accounted part only)' : '';
  return `${a.coverage.text}${partial}`;
}

function overview(archs: readonly ArchitectureResult[]): string {
  const rows = archs.map((r) => [
    r.id,
    joules(r.qnnEnergyJ),
    joules(r.snnEnergyJ),
    times(r.ratio),
    times(r.computeOnly.ratio),
    breakEvenText(r.breakEven),
    String(r.largestBreakEvenT || '–'),
    times(r.hybrid.bestRatio),
    r.cheaperAs === 'snn' ? 'SNN cheaper' : 'QNN cheaper',
  ]);
  return `Architectures (energy per inference)\n${textTable(
    ['architecture', 'QNN', 'SNN', 'SNN/QNN', 'compute-only', 's* (model)', 'max T', 'hybrid/QNN', 'verdict'],
    rows,
  )}`;
}

function architectureSection(r: ArchitectureResult, breakdown: boolean): string {
  const lines = [`=== ${r.id}: ${r.name} ===`];
  lines.push(
    `QNN ${joules(r.qnnEnergyJ)}, SNN ${joules(r.snnEnergyJ)}: SNN/QNN ${times(r.ratio)}; model break-even spike rate ${breakEvenText(r.breakEven)}` +
      (r.breakEvenSpikeRate !== null ? ` (sparsity ≥ ${percent(1 - r.breakEvenSpikeRate, 2)})` : ''),
  );
  if (r.elementwise.operations)
    lines.push(
      `Element-wise work (LayerNorm, Softmax, GELU, Add, embeddings): ${count(r.elementwise.operations)} operations, QNN ${joules(r.elementwise.qnnEnergyJ)}, SNN ${joules(r.elementwise.snnEnergyJ)} (in the totals)`,
    );
  lines.push(
    `Hybrid plan: ${r.hybrid.qnnLayers.length ? `run ${r.hybrid.qnnLayers.join(', ')} as QNN` : 'all layers as SNN'} → ${joules(r.hybrid.bestEnergyJ)} (${times(r.hybrid.bestRatio)} the QNN)`,
  );
  lines.push('');
  lines.push(
    textTable(
      ['layer', 'type', 'synapses', 'rate in', 'rate out', 's*', 'QNN µJ', 'SNN µJ', 'SNN/QNN', 'max T', 'verdict'],
      r.layers.map((l) => [
        l.name,
        l.type,
        count(l.synapses),
        inputRateText(l),
        l.spikeRateOrigin === 'none' ? '–' : percent(l.spikeRate, 2),
        breakEvenText(l.breakEven),
        microjoules(l.qnnEnergyJ),
        microjoules(l.snnEnergyJ),
        times(l.ratio),
        String(l.largestBreakEvenT || '–'),
        l.cheaperAs === 'snn' ? 'SNN' : 'QNN ✗',
      ]),
      '  ',
    ),
  );
  if (breakdown) lines.push('', breakdownTable(r.layers));
  return lines.join('\n');
}

/** Energy by action: pJ per synapse (µJ in the layer's total columns above). */
function breakdownTable(layers: readonly LayerResult[]): string {
  const perSyn = (j: number, l: LayerResult) => (l.synapses ? (j / l.synapses / 1e-12).toFixed(3) : '0');
  const rows = layers.map((l) => [
    l.name,
    ...QNN_COLS.map(([a]) => perSyn(l.breakdown.qnn[a], l)),
    ...SNN_COLS.map(([a]) => perSyn(l.breakdown.snn[a], l)),
  ]);
  return `  Energy by action, pJ per synapse (QNN | SNN)\n${textTable(
    ['layer', ...QNN_COLS.map(([, h]) => `Q ${h}`), ...SNN_COLS.map(([, h]) => `S ${h}`)],
    rows,
    '  ',
  )}`;
}

function findingsSection(findings: readonly Finding[]): string {
  if (!findings.length) return 'No findings.';
  const sev = { error: 'error', warning: 'warning', information: 'info' } as const;
  return `Findings (${findings.length})\n${findings
    .map(
      (f) =>
        `  ${sev[f.severity].padEnd(7)} ${f.code.padEnd(18)} ${f.layer ?? ''}${f.architecture ? ` [${f.architecture}]` : ''}: ${f.message}`,
    )
    .join('\n')}`;
}
