/**
 * The comparison panel's DOM. Every string from the model goes in as text (el() / textContent), never
 * as HTML. Rebuilt when the data changes; a tab, layer or curve change only touches what it affects.
 */
import type { Chart } from 'chart.js';
import type { PanelData } from '../../../src/shared/protocol';
import { el } from '../dom';
import { TABS, type PanelState, type Tab } from '../panel-state';
import { drawBars, drawCurve, drawHybrid, drawSweep } from './charts';
import { curveView, elsewhere, headline, selectedArchitecture } from './derive';
import { header, overview } from './overview';
import { curveTab, hybridTab, layersTab, rowId, sweepTab, type Intents } from './tabs';

const TAB_TITLES: Record<Tab, string> = {
  overview: 'Overview',
  layers: 'Layers',
  curve: 'Break-even curve',
  sweep: 'T sweep',
  hybrid: 'Hybrid plan',
};

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
