/**
 * The numbers behind each chart as a table, in a <details> right under it: reachable by keyboard (Tab to the
 * summary, Enter to open) and by screen readers, which cannot read a canvas.
 */
import type { PanelArchitecture, PanelData } from '../../../src/shared/protocol';
import { joules, percent, times } from '../../../src/core/units';
import { el } from '../dom';
import { barLayers, hybridSummary, sweepSeries, type CurveView } from './derive';

function numbers(chart: string, caption: string, heads: string[], rows: string[][]): HTMLElement {
  return el(
    'details',
    { class: 'chart-table', 'data-table-of': chart },
    el('summary', {}, 'The numbers as a table'),
    el(
      'div',
      { class: 'scroll' },
      el(
        'table',
        { class: 'numbers' },
        el('caption', {}, caption),
        el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', { scope: 'col' }, h)))),
        el(
          'tbody',
          {},
          ...rows.map((r) =>
            el('tr', {}, el('th', { scope: 'row' }, r[0]), ...r.slice(1).map((c) => el('td', { class: 'num' }, c))),
          ),
        ),
      ),
    ),
  );
}

/** Per-layer energy by action, one row per layer and twin (the stacked bars). */
export function barsTable(d: PanelData): HTMLElement {
  const { layers } = barLayers(d);
  const rows = layers.flatMap((l) => [
    [`${l.name} QNN`, ...l.qnnParts.map((x) => joules(x)), joules(l.qnnJ)],
    [`${l.name} SNN`, ...l.snnParts.map((x) => joules(x)), joules(l.snnJ)],
  ]);
  return numbers(
    'bars',
    `Energy per inference by action on ${d.selected}`,
    ['Layer, twin', ...d.actionLabels, 'total'],
    rows,
  );
}

/** The break-even curve: energy of both twins at each rate where the lines bend, then the marked layers. */
export function curveTable(v: CurveView): HTMLElement {
  const rows = v.qnn
    .filter((p) => p.x <= v.xMax)
    .map((p, i) => [percent(p.x, 2), joules(p.y), joules(v.snn[i]?.y ?? NaN)]);
  const marks = v.markers.map((m) => [
    `${m.name} now: ${percent(m.x, 2)}`,
    m.qnnY === undefined ? '' : joules(m.qnnY),
    joules(m.y),
  ]);
  return numbers(
    'curve',
    `${v.title}: energy against ${v.xLabel}; break-even s* = ${v.breakEvenText}`,
    ['Spike rate', 'QNN twin', 'SNN'],
    [...rows, ...marks],
  );
}

/** SNN/QNN against T, one column per architecture. */
export function sweepTable(d: PanelData): HTMLElement {
  const series = sweepSeries(d);
  const ts = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const rows = ts.map((T) => [
    `T = ${T}${T === d.model.timesteps ? ' (now)' : ''}`,
    ...series.map((s) => {
      const p = s.points.find((q) => q.x === T);
      return p ? times(p.y) : '—';
    }),
  ]);
  return numbers(
    'sweep',
    'SNN/QNN energy ratio against timesteps T (1× is break-even)',
    ['T', ...series.map((s) => s.id)],
    rows,
  );
}

/** All SNN, the best mix, all QNN on the selected architecture. */
export function hybridTable(a: PanelArchitecture): HTMLElement {
  return numbers(
    'hybrid',
    `Hybrid plan on ${a.id}`,
    ['Plan', 'Energy per inference'],
    hybridSummary(a).rows.map((r) => [r.label, joules(r.energyJ)]),
  );
}
