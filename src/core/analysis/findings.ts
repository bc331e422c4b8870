import type { FindingCode, Layer, Network, TextRange } from '../model/ir';
import { percent, times } from '../units';
import type { WeightedActivity } from './activity';
import type { AnalysisSettings, ArchitectureResult, Finding, LayerResult, RelatedLocation } from './types';

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
  // by producer: layers come in order, so the groups can be listed as they are made
  const groupOf: (Group | undefined)[] = new Array<Group | undefined>(net.layers.length);
  const groups: Group[] = [];
  const near: Finding[] = [];
  const out: Finding[] = [];
  const analog: LayerResult[] = [];
  for (let i = 0; i < activity.length; i++) {
    const wa = activity[i];
    const r = arch.layers[i];
    if (r.execution === 'qnn') continue; // the user already runs it as a QNN (hybrid)
    const be = r.breakEven;
    if (be.kind === 'never') {
      // the analog-input information is said once per model (per architecture), listing every layer it concerns
      if (wa.input === undefined) analog.push(r);
      else out.push(new EnergyFinding('never', net, wa.layer, arch, r, r.ratio));
      continue;
    }
    if (be.kind !== 'rate') continue;
    const rate = wa.input === undefined ? wa.output : wa.input;
    if (rate.origin === 'none') continue;
    const owner = net.layers[rate.owner ?? wa.layer.index];
    const s = be.rate;
    if (rate.value > s) {
      const g = groupOf[owner.index];
      if (!g) {
        const made: Group = { owner, worst: r, worstRate: s, rate: rate.value, consumers: [r] };
        groupOf[owner.index] = made;
        groups.push(made);
      } else {
        g.consumers.push(r);
        if (s < g.worstRate) {
          g.worst = r;
          g.worstRate = s;
        }
      }
    } else if (rate.value > s * (1 - settings.nearMargin)) {
      near.push(new EnergyFinding('near', net, owner, arch, r, rate.value));
    }
  }
  if (analog.length)
    out.unshift(
      new EnergyFinding('analog', net, net.layers[analog[0].index], arch, analog[0], analog[0].ratio, analog),
    );
  for (const g of groups) out.push(new EnergyFinding('below', net, g.owner, arch, g.worst, g.rate, g.consumers));
  return near.length ? out.concat(near) : out;
}

/** The layers whose consumed spikes one producer emits above their break-even rate. */
interface Group {
  readonly owner: Layer;
  worst: LayerResult;
  worstRate: number;
  readonly rate: number;
  readonly consumers: LayerResult[];
}

type EnergyKind = 'below' | 'never' | 'analog' | 'near';

/**
 * A `below-break-even` or `near-break-even` finding. Its numbers are fields; its text, related
 * locations and the largest T that breaks even are computed when first read (the editor reads the
 * selected architecture's findings only). Serializes to plain data (toJSON).
 */
class EnergyFinding implements Finding {
  readonly code: FindingCode;
  readonly severity: Finding['severity'];
  readonly layer: string;
  readonly architecture: string;
  readonly range: TextRange | undefined;
  readonly nodeIndex: number | undefined;
  private numbers?: FindingData;
  private text?: string;
  private links?: readonly RelatedLocation[] | null;
  constructor(
    private readonly kind: EnergyKind,
    private readonly net: Network,
    owner: Layer,
    private readonly arch: ArchitectureResult,
    /** The consuming layer whose s* decides (the worst one for 'below'). */
    private readonly r: LayerResult,
    /** The spike rate ('below', 'near') or the ratio ('never', 'analog'). */
    private readonly x: number,
    private readonly consumers?: readonly LayerResult[],
  ) {
    this.code = kind === 'near' ? 'near-break-even' : 'below-break-even';
    this.severity = kind === 'below' || kind === 'never' ? 'warning' : 'information';
    this.layer = owner.name;
    this.architecture = arch.id;
    this.range = shownAt(owner);
    this.nodeIndex = owner.nodeIndex;
  }

  /** The numbers behind the message (made on first read, like the text). */
  get data(): FindingData {
    return (this.numbers ??= new FindingData(this.kind, this.r, this.x));
  }

  get message(): string {
    return (this.text ??= this.write());
  }

  private write(): string {
    const { r, arch } = this;
    const forWhom = r.name === this.layer ? '' : ` for ${r.name}`;
    const s = r.breakEvenSpikeRate ?? 0;
    switch (this.kind) {
      case 'below':
        return (
          `spike rate ${percent(this.x)} > break-even ${percent(s)}${forWhom} on ${arch.name}: ` +
          `SNN uses ${times(r.ratio)} the QNN's energy (needs sparsity ≥ ${percent(1 - s)})`
        );
      case 'near':
        return `spike rate ${percent(this.x)} is close to break-even ${percent(s)}${forWhom} on ${arch.name}: SNN uses ${times(r.ratio)} the QNN's energy`;
      case 'never':
        return (
          `SNN never cheaper on ${arch.name}: even with no spikes ${r.name} costs more than its QNN twin ` +
          `(per-neuron and weight-fetch costs); at its rates it uses ${times(r.ratio)} the QNN's energy`
        );
      case 'analog': {
        // a layer fed by the analog input does the QNN's dense MACs plus T membrane updates: said once, with the remedy
        const n = this.consumers?.length ?? 1;
        const more =
          n > 1
            ? ` and ${n - 1} more layer${n > 2 ? 's' : ''} fed by the analog input (listed in related information)`
            : '';
        return (
          `direct-encoded ${n > 1 ? 'input' : 'first layer'}: ${r.name}${more} do${n > 1 ? '' : 'es'} the QNN's dense MACs plus T membrane updates, so ${n > 1 ? 'they are' : 'it is'} never cheaper ` +
          `as an SNN on ${arch.name} (${times(r.ratio)}${n > 1 ? ' for the first' : ''}); run ${n > 1 ? 'them' : 'it'} as a QNN ("execution": "qnn") in a hybrid plan`
        );
      }
    }
  }

  get related(): readonly RelatedLocation[] | undefined {
    if (this.links === undefined) {
      const list = (this.consumers ?? [])
        .filter((c) => c.name !== this.layer)
        .map((c) => ({
          layer: c.name,
          message:
            this.kind === 'analog'
              ? `${c.name} also consumes the analog input: SNN/QNN ${times(c.ratio)}`
              : `${c.name} consumes these spikes; its break-even spike rate is ${percent(c.breakEvenSpikeRate!)}`,
          range: rangeOf(this.net, c.index),
        }));
      this.links = list.length ? list : null;
    }
    return this.links ?? undefined;
  }

  toJSON(): Finding {
    const { code, severity, layer, architecture, message, range, nodeIndex, related, data } = this;
    return {
      code,
      severity,
      layer,
      architecture,
      message,
      ...(range ? { range } : {}),
      ...(nodeIndex !== undefined ? { nodeIndex } : {}),
      ...(related ? { related } : {}),
      data: data.toJSON(),
    };
  }
}

/** The numbers behind an energy finding; the largest T that breaks even is evaluated on first read. */
class FindingData implements NonNullable<Finding['data']> {
  readonly spikeRate?: number;
  readonly breakEvenSpikeRate: number | null;
  readonly ratio: number;
  readonly consumer?: string;
  constructor(
    private readonly kind: EnergyKind,
    private readonly r: LayerResult,
    x: number,
  ) {
    this.breakEvenSpikeRate = r.breakEvenSpikeRate;
    this.ratio = r.ratio;
    if (kind === 'below' || kind === 'near') {
      this.spikeRate = x;
      this.consumer = r.name;
    }
  }
  get largestBreakEvenT(): number | undefined {
    return this.kind === 'near' ? undefined : this.r.largestBreakEvenT;
  }
  toJSON(): NonNullable<Finding['data']> {
    const { spikeRate, breakEvenSpikeRate, ratio, consumer, largestBreakEvenT } = this;
    return {
      ...(spikeRate !== undefined ? { spikeRate } : {}),
      breakEvenSpikeRate,
      ratio,
      ...(consumer !== undefined ? { consumer } : {}),
      ...(largestBreakEvenT !== undefined ? { largestBreakEvenT } : {}),
    };
  }
}

/** A finding's data as a plain object (for formats that copy its fields). */
export function findingData(f: Finding): NonNullable<Finding['data']> | undefined {
  const d = f.data;
  if (!d) return undefined;
  return d instanceof FindingData ? d.toJSON() : d;
}

function rangeOf(net: Network, index: number): TextRange | undefined {
  return shownAt(net.layers[index]);
}

/** Where a finding about a layer is shown: its name, else the whole layer. */
function shownAt(l: Layer): TextRange | undefined {
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
      range: shownAt(owner),
      nodeIndex: owner.nodeIndex,
      data: { spikeRate: wa.output.value },
    });
  }
  return out;
}
