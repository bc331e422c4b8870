/**
 * What the panel shows, derived from the host's data by pure functions (no DOM, no charts): selection,
 * ordering, wording, and chart series. No energy is computed here; every number comes from core.
 */
import type { PanelArchitecture, PanelCurvePoint, PanelData, PanelLayer } from '../../../src/shared/protocol';
import { percent, times } from '../../../src/core/units';

/** A consumed rate as text: "9.00%", or "analog" for the first layer. */
export const rateText = (r: number | null): string => (r === null ? 'analog' : percent(r, 2));
export const ratioText = (r: number | null): string => (r === null ? '∞' : times(r));

export function selectedArchitecture(data: PanelData): PanelArchitecture | undefined {
  return data.architectures.find((a) => a.id === data.selected);
}

/** The layers that spoil the SNN on the selected architecture: dearer than their QNN twin, worst first. */
export function spoilers(data: PanelData): (PanelLayer & { excessJ: number })[] {
  return data.layers
    .filter((l) => l.cheaperAs === 'qnn')
    .map((l) => ({ ...l, excessJ: l.snnJ - l.qnnJ }))
    .sort((a, b) => b.excessJ - a.excessJ);
}

/** Architectures where the SNN beats its QNN twin, best first. */
export function winners(data: PanelData): { id: string; ratio: number }[] {
  return data.architectures
    .filter((a) => a.verdict === 'snn' && a.ratio !== null)
    .map((a) => ({ id: a.id, ratio: a.ratio! }))
    .sort((a, b) => a.ratio - b.ratio);
}

/**
 * The verdict on the selected architecture, in one sentence: who wins there, by how much, and what spoils it.
 * (The other architectures are compared beside it: `elsewhere`.)
 */
export function headline(data: PanelData): string {
  const a = selectedArchitecture(data);
  if (!a) return `No result on ${data.selected}.`;
  const who =
    a.verdict === 'snn'
      ? `the SNN beats its QNN twin (SNN/QNN ${ratioText(a.ratio)})`
      : `the QNN twin is cheaper (SNN/QNN ${ratioText(a.ratio)})`;
  const spoil = spoilers(data);
  const n = spoil.length;
  const what = n
    ? `${n} layer${n > 1 ? 's' : ''} cost${n > 1 ? '' : 's'} more as SNN (worst: ${spoil[0].name})`
    : 'every layer is cheaper as SNN';
  return `On ${data.selected}, ${who}; ${what}.`;
}

/** The other architectures beside the selected one: "Elsewhere: SNN wins on c (0.60×); QNN wins on a (1.40×)." */
export function elsewhere(data: PanelData): string {
  const others = data.architectures.filter((a) => a.id !== data.selected);
  if (!others.length) return '';
  const list = (v: 'snn' | 'qnn') =>
    others
      .filter((a) => a.verdict === v)
      .sort((x, y) => (x.ratio ?? Infinity) - (y.ratio ?? Infinity))
      .map((a) => `${a.id} (${ratioText(a.ratio)})`)
      .join(', ');
  const parts = [list('snn') && `the SNN wins on ${list('snn')}`, list('qnn') && `the QNN twin wins on ${list('qnn')}`];
  return `On the other architectures, ${parts.filter(Boolean).join('; ')}.`;
}

/** The architectures with the selected one first, the others in their order. */
export function selectedFirst(data: PanelData): PanelArchitecture[] {
  return [...data.architectures].sort((a, b) => Number(b.id === data.selected) - Number(a.id === data.selected));
}

/** Who wins on an architecture, and the share of the loser's energy the winner saves (0.31 = 31%). */
export function verdict(a: PanelArchitecture): { winner: 'SNN' | 'QNN'; saving: number } {
  const [win, lose] = a.verdict === 'snn' ? [a.snnJ, a.qnnJ] : [a.qnnJ, a.snnJ];
  return { winner: a.verdict === 'snn' ? 'SNN' : 'QNN', saving: lose > 0 ? 1 - win / lose : 0 };
}

/** "SNN saves 9%" / "QNN saves 31%". */
export function verdictText(a: PanelArchitecture): string {
  const v = verdict(a);
  return `${v.winner} saves ${Math.round(v.saving * 100)}%`;
}

/** Up to `limit` layers for the bar chart: the most expensive ones (either twin), in model order. */
export function barLayers(data: PanelData, limit = 48): { layers: PanelLayer[]; hidden: number } {
  if (data.layers.length <= limit) return { layers: [...data.layers], hidden: 0 };
  const keep = new Set(
    [...data.layers]
      .sort((a, b) => Math.max(b.qnnJ, b.snnJ) - Math.max(a.qnnJ, a.snnJ))
      .slice(0, limit)
      .map((l) => l.name),
  );
  return { layers: data.layers.filter((l) => keep.has(l.name)), hidden: data.layers.length - limit };
}

/** A rate axis that shows every marked rate and s* with room to spare: a multiple of 5%, within (0, 1]. */
export function rateAxisMax(rates: readonly (number | null | undefined)[]): number {
  const top = Math.max(0, ...rates.filter((r): r is number => typeof r === 'number' && Number.isFinite(r)));
  return Math.min(1, Math.max(0.05, Math.ceil((top * 1.3) / 0.05) * 0.05));
}

/** y at x on a polyline of increasing x (the curves are exact polylines); clamped to its ends. */
export function interpolate(points: readonly PanelCurvePoint[], x: number, key: 'qnnJ' | 'snnJ'): number {
  if (!points.length) return NaN;
  if (x <= points[0].x) return points[0][key];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (x <= b.x) return b.x === a.x ? b[key] : a[key] + ((b[key] - a[key]) * (x - a.x)) / (b.x - a.x);
  }
  return points[points.length - 1][key];
}

export interface XY {
  readonly x: number;
  readonly y: number;
}

/** Everything the break-even chart draws, rates in [0, 1], energies in J. */
export interface CurveView {
  readonly title: string;
  readonly xLabel: string;
  readonly xMax: number;
  readonly qnn: readonly XY[];
  readonly snn: readonly XY[];
  /** s* (where the lines cross), if within [0, 1]. */
  readonly breakEven: number | null;
  readonly breakEvenText: string;
  /** Points on the SNN line: each layer's rate (model), or the layer's own operating point. */
  readonly markers: readonly (XY & { readonly name: string; readonly qnnY?: number })[];
  readonly caption: string;
}

const line = (ps: readonly PanelCurvePoint[], key: 'qnnJ' | 'snnJ') => ps.map((p) => ({ x: p.x, y: p[key] }));

/** The break-even curve of the whole model, or of one layer (when `layer` names one). */
export function curveView(data: PanelData, layer?: string): CurveView {
  const l = layer === undefined ? undefined : data.layers.find((x) => x.name === layer);
  const arch = selectedArchitecture(data);
  if (!l) {
    const spiking = data.layers.filter((x) => x.inputRate !== null);
    const s = arch?.breakEvenRate ?? null;
    return {
      title: `Whole model on ${data.selected}`,
      xLabel: 'spike rate of every layer',
      xMax: rateAxisMax([s, ...spiking.map((x) => x.inputRate)]),
      qnn: line(data.curve, 'qnnJ'),
      snn: line(data.curve, 'snnJ'),
      breakEven: s,
      breakEvenText: arch?.breakEven ?? '',
      markers: spiking.map((x) => ({
        name: x.name,
        x: x.inputRate!,
        y: interpolate(data.curve, x.inputRate!, 'snnJ'),
      })),
      caption:
        `If every layer spiked at the same rate, the SNN would break even at s* = ${arch?.breakEven ?? '?'}` +
        ` on ${data.selected}. Dots: the rate each layer consumes now.`,
    };
  }
  const x = l.inputRate ?? l.spikeRate;
  const verdict =
    l.cheaperAs === 'snn'
      ? `cheaper as SNN (${ratioText(l.ratio)})`
      : `dearer as SNN (${ratioText(l.ratio)} its QNN twin)`;
  return {
    title: `${l.name} on ${data.selected}`,
    xLabel: l.inputRate === null ? 'its own output spike rate (analog input)' : 'spike rate it consumes',
    xMax: rateAxisMax([l.breakEvenRate, x]),
    qnn: line(l.curve, 'qnnJ'),
    snn: line(l.curve, 'snnJ'),
    breakEven: l.breakEvenRate,
    breakEvenText: l.breakEven,
    markers: [{ name: l.name, x, y: l.snnJ, qnnY: l.qnnJ }],
    caption:
      `${l.name} breaks even at s* = ${l.breakEven}; at ${percent(x, 2)} it is ${verdict}.` +
      (l.breakEvenRate === null ? '' : ` Sparsity threshold: ${percent(1 - l.breakEvenRate, 2)}.`),
  };
}

/** The T sweep: SNN/QNN against T, one series per architecture. */
export function sweepSeries(data: PanelData): { id: string; selected: boolean; points: XY[] }[] {
  return data.architectures.map((a) => ({
    id: a.id,
    selected: a.id === data.selected,
    points: a.sweep.filter((p) => p.ratio !== null && p.ratio > 0).map((p) => ({ x: p.T, y: p.ratio! })),
  }));
}

/** The hybrid plan of one architecture: all-SNN, all-QNN and the best mix, and the saving of the mix. */
export function hybridSummary(a: PanelArchitecture): {
  rows: { label: string; energyJ: number }[];
  savingVsSnn: number;
  savingVsQnn: number;
} {
  const rows = [
    { label: 'All SNN', energyJ: a.snnJ },
    { label: 'Best mix', energyJ: a.hybrid.bestJ },
    { label: 'All QNN', energyJ: a.qnnJ },
  ];
  if (a.hybrid.declaredJ !== a.snnJ && a.hybrid.declaredJ !== a.hybrid.bestJ)
    rows.push({ label: 'As declared', energyJ: a.hybrid.declaredJ });
  const saving = (base: number) => (base > 0 ? 1 - a.hybrid.bestJ / base : 0);
  return { rows, savingVsSnn: saving(a.snnJ), savingVsQnn: saving(a.qnnJ) };
}

const PREFIXES: [number, string][] = [
  [1, 'J'],
  [1e-3, 'mJ'],
  [1e-6, 'µJ'],
  [1e-9, 'nJ'],
  [1e-12, 'pJ'],
];

/** An energy axis tick in the unit of the axis's largest value, without exponents: 2e-4 on a 6e-4 axis → "200 µJ". */
export function energyTick(value: number, axisMax: number): string {
  if (value === 0) return '0';
  const top = Math.abs(axisMax) || Math.abs(value);
  const [scale, unit] = PREFIXES.find(([s]) => top >= s) ?? PREFIXES[PREFIXES.length - 1];
  return `${Number((value / scale).toPrecision(3))} ${unit}`;
}

/** A log-axis tick worth a label: 1, 2 or 5 times a power of ten. */
export function isRoundLogTick(value: number): boolean {
  if (!(value > 0)) return false;
  const m = Number((value / 10 ** Math.floor(Math.log10(value) + 1e-9)).toPrecision(3));
  return m === 1 || m === 2 || m === 5;
}
