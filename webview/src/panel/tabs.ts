/** The content of the Layers, Break-even curve, T sweep and Hybrid plan tabs (every model string goes in as text). */
import type { PanelData } from '../../../src/shared/protocol';
import { joules } from '../../../src/core/units';
import { el } from '../dom';
import type { PanelController, PanelState } from '../panel-state';
import { barLayers, curveView, hybridSummary, rateText, ratioText, selectedArchitecture, sweepSeries } from './derive';
import { breakable, chartBox, scroller, section, table } from './layout';
import { activate, option, select } from './widgets';
import { barsTable, curveTable, hybridTable, sweepTable } from './tables';

export type Intents = Pick<
  PanelController,
  'selectTab' | 'selectLayer' | 'reveal' | 'showModelCurve' | 'selectArchitecture' | 'exportReport'
>;

export const rowId = (name: string): string => `layer-${encodeURIComponent(name)}`;

export function layersTab(d: PanelData, selected: string | undefined, intents: Intents): HTMLElement[] {
  const { layers, hidden } = barLayers(d);
  const rows = d.layers.map((l) => {
    const tr = el(
      'tr',
      {
        id: rowId(l.name),
        'data-layer': l.name,
        class: `${l.cheaperAs}${l.name === selected ? ' selected' : ''}`,
        tabindex: '0',
        title: `Reveal ${l.name} in the editor`,
      },
      el('td', { class: 'name' }, l.name),
      el('td', {}, l.type),
      el('td', { class: 'num' }, rateText(l.inputRate)),
      el('td', { class: 'num' }, l.breakEven),
      el('td', { class: 'num' }, joules(l.qnnJ)),
      el('td', { class: 'num' }, joules(l.snnJ)),
      el('td', { class: 'num ratio' }, ratioText(l.ratio)),
      el('td', { class: 'best' }, l.cheaperAs === 'snn' ? 'SNN' : 'QNN'),
    );
    activate(tr, () => intents.reveal(l.name));
    return tr;
  });
  const heads: [string, string][] = [
    ['Layer', ''],
    ['Type', ''],
    ['Rate in', 'Spike rate the layer consumes'],
    ['s*', 'Break-even spike rate of the layer'],
    ['QNN', 'Energy per inference of the QNN twin'],
    ['SNN', 'Energy per inference of the SNN'],
    ['SNN/QNN', ''],
    ['Best as', 'Cheaper as SNN or as QNN (the hybrid plan)'],
  ];
  return [
    section(
      `Energy per layer on ${d.selected}, by action`,
      chartBox(
        'bars',
        Math.min(1600, Math.max(200, layers.length * 30 + 110)),
        `Stacked bars: each layer's QNN and SNN energy by action on ${d.selected}. The table below has the numbers.`,
      ),
      hidden
        ? el('p', { class: 'sub' }, `The ${layers.length} most expensive layers; ${hidden} more in the table.`)
        : false,
      barsTable(d),
    ),
    section('Layers', scroller(table('layers', heads, rows, 'Layers; select a row to reveal it in the editor'))),
  ];
}

export function curveTab(d: PanelData, s: PanelState, intents: Intents): HTMLElement[] {
  const layer = s.curveOf === 'layer' ? s.layer : undefined;
  const v = curveView(d, layer);
  const pick = select('Curve of', (value) => (value ? intents.selectLayer(value) : intents.showModelCurve()));
  pick.append(option('', 'Whole model', layer === undefined));
  for (const l of d.layers) pick.append(option(l.name, l.name, l.name === layer));
  return [
    section(
      'Energy against spike rate',
      el('label', { class: 'pick' }, 'Curve of', pick),
      el('p', { class: 'caption' }, v.caption),
      chartBox('curve', 320, `Break-even curve, ${v.title}: QNN twin and SNN energy against ${v.xLabel}. ${v.caption}`),
      curveTable(v),
    ),
  ];
}

export function sweepTab(d: PanelData): HTMLElement[] {
  const a = selectedArchitecture(d);
  const best = sweepSeries(d)
    .filter((x) => x.points.some((p) => p.y <= 1))
    .map((x) => x.id);
  const t = a?.largestBreakEvenT ?? 0;
  return [
    section(
      'SNN/QNN energy against timesteps T',
      el(
        'p',
        { class: 'caption' },
        `Now T = ${d.model.timesteps} (big dots). On ${d.selected}, ` +
          (t ? `the SNN breaks even up to T = ${t}.` : 'no T breaks even at these spike rates.') +
          (best.length ? ` Below the dashed line for some T: ${best.join(', ')}.` : ''),
      ),
      chartBox('sweep', 320, `SNN/QNN ratio against T for every architecture, log scale; 1 is break-even.`),
      sweepTable(d),
    ),
  ];
}

export function hybridTab(d: PanelData, intents: Intents): HTMLElement[] {
  const a = selectedArchitecture(d);
  if (!a) return [];
  const h = hybridSummary(a);
  const chips = a.hybrid.qnnLayers.map((n) => {
    const b = el('button', { type: 'button', class: 'chip', title: `Reveal ${n} in the editor` }, n);
    b.addEventListener('click', () => intents.reveal(n));
    return b;
  });
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const rows = d.architectures.map((x) => {
    const tr = el(
      'tr',
      { class: x.id === d.selected ? 'selected' : '', tabindex: '0', title: `${x.name}: select it` },
      el('th', { scope: 'row' }, ...breakable(x.id)),
      el('td', { class: 'num' }, joules(x.snnJ)),
      el('td', { class: 'num' }, joules(x.hybrid.bestJ)),
      el('td', { class: 'num' }, joules(x.qnnJ)),
      el('td', { class: 'num ratio' }, ratioText(x.hybrid.bestRatio)),
      el('td', { class: 'num' }, String(x.hybrid.qnnLayers.length)),
    );
    activate(tr, () => intents.selectArchitecture(x.id));
    return tr;
  });
  return [
    section(
      `Best mix on ${d.selected}`,
      el(
        'p',
        { class: 'caption' },
        `Running ${a.hybrid.qnnLayers.length} of ${d.layers.length} layers as QNN saves ${pct(h.savingVsSnn)} against all-SNN and ${pct(h.savingVsQnn)} against all-QNN.`,
      ),
      chartBox(
        'hybrid',
        150,
        `All SNN ${joules(a.snnJ)}, best mix ${joules(a.hybrid.bestJ)}, all QNN ${joules(a.qnnJ)}`,
      ),
      hybridTable(a),
      chips.length
        ? el('p', { class: 'chips' }, 'Run as QNN: ', ...chips)
        : el('p', {}, 'Keep every layer spiking: each is cheaper as SNN.'),
    ),
    section(
      'On every architecture',
      scroller(
        table(
          'mix',
          [
            ['Architecture', ''],
            ['All SNN', ''],
            ['Best mix', ''],
            ['All QNN', ''],
            ['Mix/QNN', 'Energy of the best mix over the all-QNN twin'],
            ['QNN layers', 'Layers the best mix runs as QNN'],
          ],
          rows,
          'Hybrid plan per architecture',
        ),
      ),
    ),
  ];
}
