import type { Analysis } from '../analysis/types';
import type { ReportContext } from './context';
import { breakEvenText, inputRateText } from './describe';
import { markdownTable } from './text-table';
import { count, joules, microjoules, percent, times } from '../units';
import { coverageLine } from './table';
import { withheldText } from '../analysis/coverage';
import { escapeMarkdown, inlineCode } from './sanitize';

/** A Markdown report for pull requests and notebooks. Model strings are escaped. */
export function markdownReport(a: Analysis, ctx: ReportContext): string {
  const m = a.model;
  const s = a.settings;
  const out = [
    `# SNN energy report: ${escapeInline(m.name)}`,
    '',
    `Source ${inlineCode(ctx.source)}: ${m.weightedLayerCount} weighted layers, ${count(m.synapses)} synapses, ${count(m.weights)} weights. ` +
      `T = ${s.timesteps} (QNN twin with ${s.activationBits}-bit activations), ${s.weightBits}-bit weights, ${s.view} view.`,
    '',
    escapeInline(coverageLine(a)) +
      (a.coverage.batchRule && m.format === 'onnx' ? `. ${escapeInline(a.coverage.batchRule)}.` : '.'),
  ];
  if (a.verdictWithheld) {
    out.push('', `**No verdict**: ${escapeInline(withheldText(a.coverage))}.`);
    return findingsList(a, out, m.meanSpikeRate);
  }
  out.push(
    '',
    '## Architectures',
    '',
    markdownTable(
      ['Architecture', 'QNN', 'SNN', 'SNN/QNN', 'Compute-only', 'Break-even spike rate', 'Hybrid/QNN'],
      a.architectures.map((r) => [
        r.name,
        joules(r.qnnEnergyJ),
        joules(r.snnEnergyJ),
        times(r.ratio),
        times(r.computeOnly.ratio),
        breakEvenText(r.breakEven),
        times(r.hybrid.bestRatio),
      ]),
    ),
  );
  for (const r of a.architectures) {
    out.push('', `## ${escapeInline(r.name)} (${inlineCode(r.id)})`, '');
    out.push(
      markdownTable(
        ['Layer', 'Type', 'Synapses', 'Rate in', 's*', 'QNN µJ', 'SNN µJ', 'SNN/QNN', 'Max T'],
        r.layers.map((l) => [
          l.name,
          l.type,
          count(l.synapses),
          inputRateText(l),
          breakEvenText(l.breakEven),
          microjoules(l.qnnEnergyJ),
          microjoules(l.snnEnergyJ),
          times(l.ratio),
          String(l.largestBreakEvenT || '–'),
        ]),
      ),
    );
  }
  return findingsList(a, out, m.meanSpikeRate);
}

function findingsList(a: Analysis, out: string[], meanSpikeRate: number): string {
  out.push('', `## Findings (${a.findings.length})`, '');
  if (!a.findings.length) out.push('None.');
  for (const f of a.findings)
    out.push(
      `- **${f.severity}** \`${f.code}\`${f.layer ? ` on ${escapeInline(f.layer)}` : ''}${f.architecture ? ` (${escapeInline(f.architecture)})` : ''}: ${escapeInline(f.message)}`,
    );
  out.push('', `Mean spike rate ${percent(meanSpikeRate, 2)}.`);
  return out.join('\n') + '\n';
}

const escapeInline = escapeMarkdown;
