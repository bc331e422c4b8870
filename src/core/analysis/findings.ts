import type { Layer, Network, TextRange } from '../model/ir';
import { percent, times } from '../report/units';
import type { WeightedActivity } from './activity';
import type { AnalysisSettings, ArchitectureResult, Finding, LayerResult, RelatedLocation } from './types';

/** Stable finding codes; each has docs/rules/<code>.md. */
export const FINDING_CODES = {
  belowBreakEven: 'below-break-even',
  nearBreakEven: 'near-break-even',
  missingSpikeRate: 'missing-spike-rate',
  unmodelledOp: 'unmodelled-op',
} as const;

function where(l: Layer): { range?: TextRange; nodeIndex?: number } {
  return { range: l.nameRange ?? l.range, nodeIndex: l.nodeIndex };
}

/**
 * `below-break-even` and `near-break-even` on one architecture. A weighted layer's s* refers to the
 * spikes it consumes, so the finding sits on the layer that produces them (energy-model.md §5); a
 * layer that can never break even, or the analog first layer, gets it on itself.
 */
export function findingsFor(
  net: Network,
  activity: readonly WeightedActivity[],
  arch: ArchitectureResult,
  settings: AnalysisSettings,
): Finding[] {
  const grouped = new Map<number, { worst: LayerResult; rate: number; consumers: LayerResult[] }>();
  const near: Finding[] = [];
  const out: Finding[] = [];
  activity.forEach((wa, i) => {
    const r = arch.layers[i];
    if (r.execution === 'qnn') return; // the user already runs it as a QNN (hybrid)
    if (r.breakEven.kind === 'never') {
      out.push(wa.input === undefined ? analogFinding(wa.layer, r, arch) : neverFinding(wa.layer, r, arch));
      return;
    }
    if (r.breakEven.kind !== 'rate') return;
    const analog = wa.input === undefined;
    const rate = analog ? wa.output : wa.input!;
    if (rate.origin === 'none') return;
    const owner = net.layers[rate.owner ?? wa.layer.index];
    const s = r.breakEven.rate;
    if (rate.value > s) {
      const g = grouped.get(owner.index);
      if (!g) grouped.set(owner.index, { worst: r, rate: rate.value, consumers: [r] });
      else {
        g.consumers.push(r);
        if (s < (g.worst.breakEvenSpikeRate ?? 1)) g.worst = r;
      }
    } else if (rate.value > s * (1 - settings.nearMargin)) {
      near.push(nearFinding(owner, r, rate.value, arch));
    }
  });
  for (const [ownerIndex, g] of grouped) out.push(belowFinding(net, net.layers[ownerIndex], g, arch));
  return [...out, ...near];
}

function belowFinding(
  net: Network,
  owner: Layer,
  g: { worst: LayerResult; rate: number; consumers: LayerResult[] },
  arch: ArchitectureResult,
): Finding {
  const w = g.worst;
  const s = w.breakEvenSpikeRate!;
  const self = w.name === owner.name;
  const forWhom = self ? '' : ` for ${w.name}`;
  const message =
    `spike rate ${percent(g.rate)} > break-even ${percent(s)}${forWhom} on ${arch.name}: ` +
    `SNN uses ${times(w.ratio)} the QNN's energy (needs sparsity ≥ ${percent(1 - s)})`;
  const related: RelatedLocation[] = g.consumers
    .filter((c) => c.name !== owner.name)
    .map((c) => ({
      layer: c.name,
      message: `${c.name} consumes these spikes; its break-even spike rate is ${percent(c.breakEvenSpikeRate!)}`,
      range: rangeOf(net, c.index),
    }));
  return {
    code: 'below-break-even',
    severity: 'warning',
    layer: owner.name,
    architecture: arch.id,
    message,
    ...where(owner),
    related: related.length ? related : undefined,
    data: {
      spikeRate: g.rate,
      breakEvenSpikeRate: s,
      ratio: w.ratio,
      consumer: w.name,
      largestBreakEvenT: w.largestBreakEvenT,
    },
  };
}

function neverFinding(layer: Layer, r: LayerResult, arch: ArchitectureResult): Finding {
  return {
    code: 'below-break-even',
    severity: 'warning',
    layer: layer.name,
    architecture: arch.id,
    message:
      `SNN never cheaper on ${arch.name}: even with no spikes ${r.name} costs more than its QNN twin ` +
      `(per-neuron and weight-fetch costs); at its rates it uses ${times(r.ratio)} the QNN's energy`,
    ...where(layer),
    data: { breakEvenSpikeRate: null, ratio: r.ratio, largestBreakEvenT: r.largestBreakEvenT },
  };
}

/**
 * The direct-encoded first layer does the QNN's dense MACs on the analog input plus T membrane
 * updates: never cheaper by construction, and nothing in its spike rate can change that. Said once,
 * as information, with the hybrid remedy.
 */
function analogFinding(layer: Layer, r: LayerResult, arch: ArchitectureResult): Finding {
  return {
    code: 'below-break-even',
    severity: 'information',
    layer: layer.name,
    architecture: arch.id,
    message:
      `direct-encoded first layer: ${r.name} does the QNN's dense MACs plus T membrane updates, so it is never cheaper ` +
      `as an SNN on ${arch.name} (${times(r.ratio)}); run it as a QNN ("execution": "qnn") in a hybrid plan`,
    ...where(layer),
    data: { breakEvenSpikeRate: null, ratio: r.ratio, largestBreakEvenT: r.largestBreakEvenT },
  };
}

function nearFinding(owner: Layer, r: LayerResult, rate: number, arch: ArchitectureResult): Finding {
  const s = r.breakEvenSpikeRate!;
  const forWhom = r.name === owner.name ? '' : ` for ${r.name}`;
  return {
    code: 'near-break-even',
    severity: 'information',
    layer: owner.name,
    architecture: arch.id,
    message: `spike rate ${percent(rate)} is close to break-even ${percent(s)}${forWhom} on ${arch.name}: SNN uses ${times(r.ratio)} the QNN's energy`,
    ...where(owner),
    data: { spikeRate: rate, breakEvenSpikeRate: s, ratio: r.ratio, consumer: r.name },
  };
}

function rangeOf(net: Network, index: number): TextRange | undefined {
  const l = net.layers[index];
  return l.nameRange ?? l.range;
}

/** `missing-spike-rate`: a spiking layer whose rate is the default, once per layer (not per architecture). */
export function spikeRateFindings(net: Network, activity: readonly WeightedActivity[]): Finding[] {
  const seen = new Set<number>();
  const out: Finding[] = [];
  for (const wa of activity) {
    if (!wa.emitsSpikes || wa.output.origin !== 'default') continue;
    const owner = net.layers[wa.output.owner ?? wa.layer.index];
    if (seen.has(owner.index)) continue;
    seen.add(owner.index);
    out.push({
      code: 'missing-spike-rate',
      severity: 'information',
      layer: owner.name,
      message: `no spike rate for ${owner.name}: assuming the default ${percent(wa.output.value)}; declare "spikeRate" (or "sparsity") or run "Simulate spiking activity"`,
      ...where(owner),
      data: { spikeRate: wa.output.value },
    });
  }
  return out;
}
