import type { Analysis } from '../analysis/types';
import { architectureView } from '../analysis/view';
import { ACTION_ROWS, actionParts } from './actions';
import { breakEvenText, inputRateText } from './describe';
import { count, joules, percent, times } from '../units';
import { withheldText } from '../analysis/coverage';
import { escapeMarkdown } from './sanitize';

export { escapeMarkdown };

/**
 * The hover of a weighted layer on the selected architecture: MACs, synaptic ops, QNN and SNN energy
 * with the breakdown by action, s* and the sparsity threshold, the ratio, the largest T that breaks
 * even, and a one-line comparison with the other architectures. Undefined for unknown layers.
 */
export function layerHover(a: Analysis, layer: string, selected: string): string | undefined {
  const arch = architectureView(a, selected)?.architecture;
  const l = arch?.layers.find((x) => x.name === layer);
  if (!arch || !l) return undefined;
  const T = a.settings.timesteps;
  if (a.verdictWithheld)
    return [
      `**${escapeMarkdown(l.name)}** · ${escapeMarkdown(l.type)}`,
      '',
      `MACs: ${count(l.synapses)} · weights ${count(l.weights)} · neurons ${count(l.neurons)}`,
      '',
      `**No verdict**: ${escapeMarkdown(withheldText(a.coverage))}`,
      '',
      escapeMarkdown(a.coverage.text),
    ].join('\n');
  const synOps = l.inputSpikeRate === undefined ? l.synapses : T * l.inputSpikeRate * l.synapses;
  // rows where neither network spends anything are left out: the hover stays compact
  const parts = actionParts(l);
  const rows = ACTION_ROWS.map((r, i): [string, number | undefined, number] => [
    r.label,
    r.qnn.length ? parts.qnn[i] : undefined,
    parts.snn[i],
  ]).filter(([, q, s]) => (q ?? 0) > 0 || s > 0);
  const lines = [
    `**${escapeMarkdown(l.name)}** · ${escapeMarkdown(l.type)} · ${escapeMarkdown(arch.name)}`,
    '',
    `SNN/QNN **${times(l.ratio)}** · break-even spike rate **${breakEvenText(l.breakEven)}**${l.breakEvenSpikeRate !== null ? ` (sparsity ≥ ${percent(1 - l.breakEvenSpikeRate, 2)})` : ''} · largest T that breaks even: ${l.largestBreakEvenT || 'none'}`,
    '',
    `MACs (QNN): ${count(l.synapses)} · synaptic ops (SNN, T=${T}): ${count(synOps)} · weights ${count(l.weights)} · neurons ${count(l.neurons)}`,
    '',
    `Spike rate in ${inputRateText(l)}${l.producer ? ` (from ${escapeMarkdown(l.producer)})` : ''} · out ${l.spikeRateOrigin === 'none' ? '–' : percent(l.spikeRate, 2)} (${l.spikeRateOrigin})`,
    '',
    '| energy | QNN | SNN |',
    '|:--|--:|--:|',
    ...rows.map(([label, q, s]) => `| ${label} | ${q === undefined ? '–' : joules(q)} | ${joules(s)} |`),
    `| **total** | **${joules(l.qnnEnergyJ)}** | **${joules(l.snnEnergyJ)}** |`,
  ];
  const others = a.architectures
    .filter((x) => x.id !== arch.id)
    .map((x) => {
      const o = x.layers.find((y) => y.name === layer);
      return o ? `${escapeMarkdown(x.id)} ${times(o.ratio)}` : undefined;
    })
    .filter(Boolean);
  if (others.length) lines.push('', `Other architectures (SNN/QNN): ${others.join(' · ')}`);
  if (l.approximation) lines.push('', `approximation: ${escapeMarkdown(l.approximation)}`);
  lines.push('', coverageNote(a));
  // the architecture's provenance ends the hover
  if (arch.provenance) lines.push('', `_${escapeMarkdown(arch.id)}: ${escapeMarkdown(arch.provenance)}_`);
  return lines.join('\n');
}

/** The model's accounted share, and "partial" when the verdict covers the accounted part only. */
function coverageNote(a: Analysis): string {
  const partial = a.coverage.complete
    ? ''
    : ` · verdict on the accounted part only: ${escapeMarkdown(withheldText(a.coverage))}`;
  return `Model: ${a.coverage.text}${partial}`;
}

/** For a non-weighted layer: its shape, and that it has no synapses (or why it is not costed). */
export function plainLayerHover(
  name: string,
  op: string,
  shape: readonly number[] | undefined,
  notCosted?: string,
  element?: { readonly ops: number; readonly approximation?: string },
): string {
  const head = `**${escapeMarkdown(name)}** · ${escapeMarkdown(op)}${shape ? ` · output [${shape.join(', ')}]` : ''}`;
  return notCosted
    ? `${head}\n\n**Not costed**: ${escapeMarkdown(notCosted)}. The model is incomplete: no verdict.`
    : element
      ? `${head}\n\nNo synapses; ${count(element.ops)} element-wise operations per sample.${element.approximation ? `\n\napproximation: ${escapeMarkdown(element.approximation)}` : ''}`
      : `${head}\n\nNo synapses: costs no energy in the model.`;
}
