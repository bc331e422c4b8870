import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import type { PanelData, PanelHostToWebview } from '../../src/shared/protocol';
import { el, vscodeApi } from './dom';
import { headline, PanelController, spoilers, type PanelState } from './panel-state';

Chart.register(...registerables);

const api = vscodeApi<PanelState>();
const root = document.getElementById('root')!;
const charts: Chart[] = [];
const controller = new PanelController(api, render);
window.addEventListener('message', (e: MessageEvent<PanelHostToWebview>) => controller.receive(e.data));
controller.start();

function css(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

const joules = (j: number) => {
  const a = Math.abs(j);
  for (const [s, u] of [
    [1, 'J'],
    [1e-3, 'mJ'],
    [1e-6, 'µJ'],
    [1e-9, 'nJ'],
    [1e-12, 'pJ'],
  ] as const)
    if (a >= s) return `${(j / s).toPrecision(3)} ${u}`;
  return j === 0 ? '0 J' : `${j.toExponential(2)} J`;
};
const ratio = (r: number | null) => (r === null ? '∞' : `${r.toFixed(2)}×`);
const pct = (r: number | null) => (r === null ? 'analog' : `${(r * 100).toFixed(2)}%`);

function render(state: PanelState): void {
  charts.splice(0).forEach((c) => c.destroy());
  if (!state.data) {
    root.replaceChildren(el('p', { class: 'empty' }, state.message ?? 'Waiting for a model…'));
    return;
  }
  const d = state.data;
  root.replaceChildren(
    header(d),
    el('p', { class: 'headline', role: 'status' }, headline(d)),
    section('Architectures', totals(d)),
    section('Layers that spoil it', spoilerList(d)),
    section(`Energy per layer on ${d.selected}`, chartBox('bars', Math.max(180, d.layers.length * 26 + 60))),
    el(
      'div',
      { class: 'two' },
      section('Break-even curve', chartBox('curve', 260)),
      section('T sweep', chartBox('sweep', 260)),
    ),
    section('Hybrid plan', hybrid(d)),
    section('Layers', layerTable(d, state.focusedLayer)),
  );
  drawBars(d);
  drawCurve(d);
  drawSweep(d);
  if (state.focusedLayer) document.getElementById(rowId(state.focusedLayer))?.scrollIntoView({ block: 'center' });
}

function header(d: PanelData): HTMLElement {
  const select = document.createElement('vscode-single-select') as HTMLElement & { value: string };
  select.setAttribute('aria-label', 'Architecture');
  for (const a of d.architectures) {
    const o = document.createElement('vscode-option') as HTMLElement & { value: string };
    o.value = a.id;
    o.textContent = a.id;
    if (a.id === d.selected) o.setAttribute('selected', '');
    select.append(o);
  }
  select.addEventListener('change', () => controller.selectArchitecture(select.value));
  return el(
    'header',
    {},
    el(
      'div',
      {},
      el('h1', {}, d.model.name),
      el(
        'div',
        { class: 'sub' },
        `${d.model.file} · T = ${d.model.timesteps} (QNN twin: ${d.model.activationBits}-bit) · ${d.model.view} view`,
      ),
    ),
    el('label', { class: 'arch' }, 'Architecture ', select),
  );
}

function section(title: string, body: Node): HTMLElement {
  return el('section', {}, el('h2', {}, title), body);
}

function totals(d: PanelData): HTMLElement {
  const rows = d.architectures.map((a) => {
    const tr = el(
      'tr',
      {
        class: `${a.id === d.selected ? 'selected ' : ''}${a.ratio !== null && a.ratio <= 1 ? 'win' : 'lose'}`,
        tabindex: '0',
        title: `${a.name}: select it`,
      },
      el('th', { scope: 'row', title: a.name }, a.id),
      el('td', { class: 'num' }, joules(a.qnnJ)),
      el('td', { class: 'num' }, joules(a.snnJ)),
      el('td', { class: 'num ratio' }, ratio(a.ratio)),
      el('td', { class: 'num' }, ratio(a.computeOnlyRatio)),
      el('td', { class: 'num' }, a.breakEven),
      el('td', {}, a.ratio !== null && a.ratio <= 1 ? 'SNN' : 'QNN'),
    );
    activate(tr, () => controller.selectArchitecture(a.id));
    return tr;
  });
  return el(
    'table',
    { class: 'totals' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Architecture', 'QNN', 'SNN', 'SNN/QNN', 'compute only', 's*', 'cheaper'].map((h) =>
          el('th', { scope: 'col' }, h),
        ),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

function spoilerList(d: PanelData): HTMLElement {
  const s = spoilers(d);
  if (!s.length) return el('p', {}, `Every layer is cheaper as an SNN on ${d.selected}.`);
  return el(
    'ol',
    { class: 'spoilers' },
    ...s.slice(0, 8).map((l) => {
      const li = el(
        'li',
        { tabindex: '0' },
        el('span', { class: 'name' }, l.name),
        ` +${joules(l.excessJ)} (${ratio(l.ratio)}; consumes ${pct(l.inputRate)}, break-even ${l.breakEven})`,
      );
      activate(li, () => controller.reveal(l.name));
      return li;
    }),
  );
}

function hybrid(d: PanelData): HTMLElement {
  const a = d.architectures.find((x) => x.id === d.selected)!;
  return el(
    'div',
    { class: 'hybrid' },
    el(
      'p',
      {},
      `All SNN ${joules(a.snnJ)} · all QNN ${joules(a.qnnJ)} · best mix ${joules(a.hybridJ)} (${ratio(a.hybridRatio)} the QNN)`,
    ),
    a.qnnLayers.length
      ? el('p', {}, 'Run as QNN: ', ...a.qnnLayers.flatMap((n, i) => [i ? ', ' : '', chip(n)]))
      : el('p', {}, 'Keep every layer spiking.'),
  );
}

function chip(name: string): HTMLElement {
  const b = el('button', { type: 'button', class: 'chip', title: `Reveal ${name}` }, name);
  b.addEventListener('click', () => controller.reveal(name));
  return b;
}

const rowId = (name: string) => `layer-${encodeURIComponent(name)}`;

function layerTable(d: PanelData, focused?: string): HTMLElement {
  return el(
    'table',
    { class: 'layers' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Layer', 'Type', 'Rate in', 'Break-even', 'QNN', 'SNN', 'SNN/QNN'].map((h) =>
          el('th', { scope: 'col' }, h),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...d.layers.map((l) => {
        const tr = el(
          'tr',
          {
            id: rowId(l.name),
            class: `${l.cheaperAs}${l.name === focused ? ' focused' : ''}`,
            tabindex: '0',
            title: `Reveal ${l.name} in the editor`,
          },
          el('td', { class: 'name' }, l.name),
          el('td', {}, l.type),
          el('td', { class: 'num' }, pct(l.inputRate)),
          el('td', { class: 'num' }, l.breakEven),
          el('td', { class: 'num' }, joules(l.qnnJ)),
          el('td', { class: 'num' }, joules(l.snnJ)),
          el('td', { class: 'num ratio' }, ratio(l.ratio)),
        );
        activate(tr, () => controller.reveal(l.name));
        return tr;
      }),
    ),
  );
}

function activate(e: HTMLElement, f: () => void): void {
  e.addEventListener('click', f);
  e.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      f();
    }
  });
}

function chartBox(id: string, height: number): HTMLElement {
  const canvas = el('canvas', { id: `chart-${id}`, role: 'img', 'aria-label': `${id} chart` });
  return el('div', { class: 'chart', 'data-h': String(height) }, canvas);
}

function palette(): string[] {
  return [
    '--vscode-charts-blue',
    '--vscode-charts-orange',
    '--vscode-charts-green',
    '--vscode-charts-purple',
    '--vscode-charts-red',
    '--vscode-charts-yellow',
  ].map((v, i) => css(v, ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'][i]));
}

function baseOptions(): ChartConfiguration['options'] {
  const fg = css('--vscode-foreground', '#ccc');
  const grid = css('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
  Chart.defaults.color = fg;
  Chart.defaults.borderColor = grid;
  Chart.defaults.font.family = css('--vscode-font-family', 'sans-serif');
  return { responsive: true, maintainAspectRatio: false, animation: false };
}

function mount(id: string, config: ChartConfiguration): void {
  const canvas = document.getElementById(`chart-${id}`) as HTMLCanvasElement | null;
  if (!canvas) return;
  canvas.parentElement!.style.height = `${canvas.parentElement!.dataset.h ?? 260}px`;
  charts.push(new Chart(canvas, config));
}

function drawBars(d: PanelData): void {
  const colors = palette();
  const labels = d.layers.map((l) => l.name);
  const datasets = d.actionLabels
    .flatMap((action, i) => [
      {
        label: `QNN ${action}`,
        data: d.layers.map((l) => l.qnnParts[i] * 1e6),
        stack: 'QNN',
        backgroundColor: colors[i] + '99',
      },
      {
        label: `SNN ${action}`,
        data: d.layers.map((l) => l.snnParts[i] * 1e6),
        stack: 'SNN',
        backgroundColor: colors[i],
      },
    ])
    .filter((ds) => ds.data.some((v) => v > 0));
  mount('bars', {
    type: 'bar',
    data: { labels, datasets },
    options: {
      ...baseOptions(),
      indexAxis: 'y',
      scales: {
        x: { stacked: true, title: { display: true, text: 'µJ per inference (upper bar QNN, lower bar SNN)' } },
        y: { stacked: true },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10 } } },
      onClick: (_e, els) => els[0] && controller.reveal(labels[els[0].index]),
    },
  });
}

function drawCurve(d: PanelData): void {
  const colors = palette();
  const points = d.layers
    .filter((l) => l.inputRate !== null && l.ratio !== null)
    .map((l) => ({ x: l.inputRate! * 100, y: l.ratio!, name: l.name }));
  mount('curve', {
    type: 'scatter',
    data: {
      datasets: [
        {
          type: 'line',
          label: 'model SNN/QNN at a uniform rate',
          data: d.curve.map((p) => ({ x: p.x * 100, y: p.ratio })),
          borderColor: colors[0],
          pointRadius: 0,
          borderWidth: 2,
        },
        {
          type: 'line',
          label: 'break-even',
          data: [
            { x: 0, y: 1 },
            { x: 30, y: 1 },
          ],
          borderColor: colors[4],
          borderDash: [6, 4],
          pointRadius: 0,
          borderWidth: 1,
        },
        { label: 'layers (their input rate)', data: points, backgroundColor: colors[1], pointRadius: 4 },
      ],
    },
    options: {
      ...baseOptions(),
      scales: {
        x: { type: 'linear', min: 0, max: 30, title: { display: true, text: 'spike rate (%)' } },
        y: { title: { display: true, text: 'SNN / QNN energy' }, suggestedMin: 0 },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 10 } },
        tooltip: {
          callbacks: {
            label: (c) => {
              const p = c.raw as { x: number; y: number; name?: string };
              return `${p.name ?? ''} ${p.x.toFixed(2)}% → ${p.y.toFixed(2)}×`;
            },
          },
        },
      },
    },
  });
}

function drawSweep(d: PanelData): void {
  const colors = palette();
  mount('sweep', {
    type: 'line',
    data: {
      labels: d.architectures[0]?.sweep.map((p) => String(p.T)) ?? [],
      datasets: d.architectures.map((a, i) => ({
        label: a.id,
        data: a.sweep.map((p) => p.ratio),
        borderColor: colors[i % colors.length],
        backgroundColor: colors[i % colors.length],
        borderWidth: a.id === d.selected ? 3 : 1.5,
        pointRadius: 2,
      })),
    },
    options: {
      ...baseOptions(),
      scales: {
        x: { title: { display: true, text: 'timesteps T' } },
        y: { type: 'logarithmic', title: { display: true, text: 'SNN / QNN energy' } },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10 } } },
    },
  });
}
