/**
 * The comparison panel's DOM. Every string from the model goes in as text (el() / textContent), never
 * as HTML. Rebuilt when the data changes; a tab, layer or curve change only touches what it affects.
 */
import type { Chart } from 'chart.js';
import type { PanelData } from '../../../src/shared/protocol';
import { joules } from '../../../src/core/units';
import { el } from '../dom';
import { TABS, type PanelController, type PanelState, type Tab } from '../panel-state';
import { drawBars, drawCurve, drawHybrid, drawSweep } from './charts';
import {
  barLayers,
  curveView,
  elsewhere,
  headline,
  hybridSummary,
  rateText,
  ratioText,
  selectedArchitecture,
  selectedFirst,
  spoilers,
  sweepSeries,
  verdict,
  verdictText,
} from './derive';
import { activate, option, select } from './widgets';
import { barsTable, curveTable, hybridTable, sweepTable } from './tables';

export type Intents = Pick<
  PanelController,
  'selectTab' | 'selectLayer' | 'reveal' | 'showModelCurve' | 'selectArchitecture' | 'exportReport'
>;

const TAB_TITLES: Record<Tab, string> = {
  overview: 'Overview',
  layers: 'Layers',
  curve: 'Break-even curve',
  sweep: 'T sweep',
  hybrid: 'Hybrid plan',
};

export const rowId = (name: string): string => `layer-${encodeURIComponent(name)}`;

export class PanelView {
  private shown: PanelState | undefined;
  private readonly charts = new Map<string, Chart>();
  private panels = new Map<Tab, HTMLElement>();
  private tabs: HTMLElement | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly intents: Intents,
  ) {}

  update(s: PanelState): void {
    const prev = this.shown;
    this.shown = s;
    if (!s.data) {
      this.clearCharts();
      this.root.replaceChildren(el('p', { class: 'empty' }, s.message ?? 'Waiting for a model…'));
      return;
    }
    if (!prev || prev.data !== s.data || prev.message !== s.message) this.build(s, s.data);
    else {
      if (prev.tab !== s.tab) this.tabs?.setAttribute('selected-index', String(TABS.indexOf(s.tab)));
      if (prev.layer !== s.layer || prev.curveOf !== s.curveOf) this.selectionChanged(s, s.data);
    }
    this.drawTab(s, s.data);
    if (prev && prev.focusSeq !== s.focusSeq && s.layer !== undefined)
      requestAnimationFrame(() => document.getElementById(rowId(s.layer!))?.scrollIntoView({ block: 'center' }));
  }

  /** Redraw the charts (the theme changed). */
  redraw(): void {
    this.clearCharts();
    if (this.shown?.data) this.drawTab(this.shown, this.shown.data);
  }

  private clearCharts(): void {
    this.charts.forEach((c) => c.destroy());
    this.charts.clear();
  }

  private build(s: PanelState, d: PanelData): void {
    this.clearCharts();
    const tabs = el('vscode-tabs', { 'selected-index': String(TABS.indexOf(s.tab)), 'aria-label': 'Views' });
    tabs.addEventListener('vsc-tabs-select', (e) => {
      const i = (e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
      if (TABS[i]) this.intents.selectTab(TABS[i]);
    });
    this.panels = new Map(TABS.map((t) => [t, el('vscode-tab-panel', { 'data-tab': t })]));
    for (const t of TABS) tabs.append(el('vscode-tab-header', { 'data-tab': t }, TAB_TITLES[t]), this.panels.get(t)!);
    this.tabs = tabs;
    this.panels.get('overview')!.append(...overview(d, this.intents));
    this.panels.get('layers')!.append(...layersTab(d, s.layer, this.intents));
    this.panels.get('curve')!.append(...curveTab(d, s, this.intents));
    this.panels.get('sweep')!.append(...sweepTab(d));
    this.panels.get('hybrid')!.append(...hybridTab(d, this.intents));
    this.root.replaceChildren(
      header(d, this.intents),
      s.message ? el('p', { class: 'notice', role: 'status' }, `${s.message} Showing the last model.`) : '',
      el(
        'div',
        { class: 'headline', role: 'status', tabindex: '-1' },
        el('p', { class: 'verdict-line' }, headline(d)),
        el('p', { class: 'elsewhere' }, elsewhere(d)),
      ),
      tabs,
    );
    if (document.hasFocus()) focusHeadline();
  }

  private selectionChanged(s: PanelState, d: PanelData): void {
    for (const tr of this.root.querySelectorAll<HTMLElement>('table.layers tbody tr'))
      tr.classList.toggle('selected', tr.dataset.layer === s.layer);
    this.charts.get('bars')?.destroy();
    this.charts.delete('bars');
    this.charts.get('curve')?.destroy();
    this.charts.delete('curve');
    this.panels.get('curve')?.replaceChildren(...curveTab(d, s, this.intents));
  }

  /** Draw the active tab's charts that are not drawn yet (a hidden canvas has no size). */
  private drawTab(s: PanelState, d: PanelData): void {
    const canvas = (id: string) =>
      this.charts.has(id) ? null : this.root.querySelector<HTMLCanvasElement>(`canvas[data-chart="${id}"]`);
    const draw = (id: string, f: (c: HTMLCanvasElement) => Chart) => {
      const c = canvas(id);
      if (c) this.charts.set(id, f(c));
    };
    const pick = (name: string) => this.intents.reveal(name);
    switch (s.tab) {
      case 'layers':
        return draw('bars', (c) => drawBars(c, d, s.layer, pick));
      case 'curve':
        return draw('curve', (c) =>
          drawCurve(c, curveView(d, s.curveOf === 'layer' ? s.layer : undefined), (n) => this.intents.selectLayer(n)),
        );
      case 'sweep':
        return draw('sweep', (c) => drawSweep(c, d));
      case 'hybrid': {
        const a = selectedArchitecture(d);
        return a ? draw('hybrid', (c) => drawHybrid(c, a)) : undefined;
      }
      case 'overview':
        return;
    }
  }
}

/** The panel got the keyboard focus (opened, or revealed by a command): start at the verdict. */
export function focusHeadline(): void {
  const a = document.activeElement;
  if (!a || a === document.body) document.querySelector<HTMLElement>('.headline')?.focus();
}

function header(d: PanelData, intents: Intents): HTMLElement {
  const arch = select('Architecture', (v) => intents.selectArchitecture(v));
  for (const a of d.architectures) arch.append(option(a.id, a.id, a.id === d.selected));
  const exportButton = el('vscode-button', { secondary: '', 'aria-label': 'Export the report' }, 'Export report…');
  activate(exportButton, () => intents.exportReport());
  const m = d.model;
  return el(
    'header',
    {},
    el(
      'div',
      { class: 'title' },
      el('h1', {}, m.name),
      el(
        'div',
        { class: 'sub' },
        `${m.file} · T = ${m.timesteps} · QNN twin: ${m.activationBits}-bit activations, ${m.weightBits}-bit weights · ${m.view} view`,
      ),
    ),
    el('div', { class: 'controls' }, el('label', { class: 'arch' }, 'Architecture', arch), exportButton),
  );
}

function section(title: string, ...body: (Node | string | false)[]): HTMLElement {
  return el('section', {}, el('h2', {}, title), ...body);
}

function overview(d: PanelData, intents: Intents): HTMLElement[] {
  const rows = selectedFirst(d).map((a) => {
    const tr = el(
      'tr',
      {
        class: `${a.verdict}${a.id === d.selected ? ' selected' : ''}`,
        tabindex: '0',
        title: `${a.name}${a.provenance ? ` (${a.provenance})` : ''}: show its layers, curve and plan`,
        ...(a.id === d.selected ? { 'aria-current': 'true' } : {}),
      },
      el(
        'th',
        { scope: 'row' },
        ...breakable(a.id),
        a.id === d.selected ? el('span', { class: 'tag' }, ' (selected)') : '',
      ),
      el(
        'td',
        { class: 'verdict', title: verdictText(a) },
        el('strong', {}, verdict(a).winner),
        el('span', { class: 'saving' }, ` saves ${Math.round(verdict(a).saving * 100)}%`),
      ),
      el('td', { class: 'num ratio' }, ratioText(a.ratio)),
      el('td', { class: 'num' }, ratioText(a.computeOnlyRatio)),
      el('td', { class: 'num' }, a.breakEven),
      el('td', { class: 'num' }, joules(a.qnnJ)),
      el('td', { class: 'num' }, joules(a.snnJ)),
    );
    activate(tr, () => intents.selectArchitecture(a.id));
    return tr;
  });
  const heads: [string, string][] = [
    ['Architecture', ''],
    ['Verdict', 'Which twin is cheaper, and what it saves'],
    ['SNN/QNN', 'Energy ratio with memory and data movement'],
    ['Compute only', 'The ratio when only arithmetic is counted'],
    ['s*', 'Model break-even spike rate'],
    ['QNN', 'Energy per inference of the quantized ANN twin'],
    ['SNN', 'Energy per inference of the SNN'],
  ];
  return [
    section(
      `SNN vs QNN twin on ${d.selected}, and on the other architectures`,
      scroller(table('totals', heads, rows, 'Totals per architecture; select a row to switch architecture')),
      provenanceLine(d),
    ),
    section(`Layers that spoil it on ${d.selected}`, spoilerList(d, intents)),
  ];
}

/** Where the selected architecture's numbers come from, in one line (its document's `provenance`). */
function provenanceLine(d: PanelData): HTMLElement | false {
  const a = d.architectures.find((x) => x.id === d.selected);
  return !!a?.provenance && el('p', { class: 'provenance' }, `${a.id}: ${a.provenance}`);
}

function table(cls: string, heads: [string, string][], rows: HTMLElement[], caption: string): HTMLElement {
  return el(
    'table',
    { class: cls },
    el('caption', { class: 'sr-only' }, caption),
    el('thead', {}, el('tr', {}, ...heads.map(([h, t]) => el('th', { scope: 'col', ...(t ? { title: t } : {}) }, h)))),
    el('tbody', {}, ...rows),
  );
}

/** An architecture id that may wrap after its ':' ("neuromorphic:" / "theoretical-minimum"). */
function breakable(id: string): (string | HTMLElement)[] {
  return id.split(':').flatMap((part, i) => (i ? [':', el('wbr'), part] : [part]));
}

const scroller = (child: HTMLElement) => el('div', { class: 'scroll' }, child);

function spoilerList(d: PanelData, intents: Intents): HTMLElement {
  const s = spoilers(d);
  if (!s.length) return el('p', {}, `Every layer is cheaper as an SNN on ${d.selected}.`);
  const more = s.length > 8 ? el('p', { class: 'sub' }, `…and ${s.length - 8} more in the Layers tab.`) : false;
  const list = el(
    'ol',
    { class: 'spoilers' },
    ...s.slice(0, 8).map((l) => {
      const li = el(
        'li',
        { tabindex: '0', title: `Reveal ${l.name} in the editor` },
        el('span', { class: 'name' }, l.name),
        ` costs ${joules(l.excessJ)} more as SNN (${ratioText(l.ratio)}): ` +
          `${l.inputRate === null ? 'analog input' : `consumes ${rateText(l.inputRate)}`}, break-even ${l.breakEven}`,
      );
      activate(li, () => intents.reveal(l.name));
      return li;
    }),
  );
  return el('div', {}, list, more || '');
}

function chartBox(id: string, height: number, label: string): HTMLElement {
  const box = el('div', { class: 'chart' }, el('canvas', { 'data-chart': id, role: 'img', 'aria-label': label }));
  box.style.height = `${height}px`;
  return box;
}

function layersTab(d: PanelData, selected: string | undefined, intents: Intents): HTMLElement[] {
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

function curveTab(d: PanelData, s: PanelState, intents: Intents): HTMLElement[] {
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

function sweepTab(d: PanelData): HTMLElement[] {
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

function hybridTab(d: PanelData, intents: Intents): HTMLElement[] {
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
