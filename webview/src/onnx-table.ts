/**
 * The ONNX model view's layer table: one <tbody> per layer (its row, then its findings on a full-width row, so
 * they stay readable at any width), plumbing rows collapsed by default, columns sortable by keyboard or mouse.
 */
import type { OnnxLayerRow, OnnxModelView } from '../../src/shared/protocol';
import { el } from './dom';
import { sortRows, type Key, type TableState } from './onnx-sort';

export type { TableState } from './onnx-sort';

const COLUMNS: { key: Key; title: string; cls: string; tip?: string }[] = [
  { key: 'name', title: 'Layer', cls: 'name' },
  { key: 'op', title: 'Op', cls: 'op' },
  { key: 'order', title: 'Output', cls: 'num shape', tip: 'Output shape per sample (sorts in model order)' },
  { key: 'macs', title: 'MACs', cls: 'num macs' },
  { key: 'rate', title: 'Rate in', cls: 'num rate', tip: 'Spike rate the layer consumes, and where it comes from' },
  { key: 'ratio', title: 'SNN/QNN', cls: 'num ratio' },
  { key: 'breakEven', title: 'Break-even', cls: 'num be' },
  { key: 'findings', title: 'Findings', cls: 'num count', tip: 'Number of findings on the layer' },
];

export function layerTable(
  v: OnnxModelView,
  s: TableState,
  onChange: (s: TableState) => void,
  onReveal: (layer: string) => void,
): HTMLElement {
  const plumbing = v.rows.filter((r) => r.plumbing);
  const ops = [...new Set(plumbing.map((r) => r.op))].slice(0, 4).join(', ');
  const toggle = el('button', { type: 'button', class: 'secondary', 'aria-pressed': String(s.showPlumbing) });
  toggle.textContent = s.showPlumbing
    ? `Hide ${plumbing.length} plumbing rows`
    : `Show ${plumbing.length} plumbing rows (${ops}${plumbing.length > 4 ? '…' : ''})`;
  toggle.addEventListener('click', () => onChange({ ...s, showPlumbing: !s.showPlumbing }));
  const heads = COLUMNS.map((c) => {
    const sorted = s.sortBy === c.key;
    const b = el('button', { type: 'button', class: 'sort', title: c.tip ?? `Sort by ${c.title}` }, c.title);
    b.addEventListener('click', () =>
      onChange({
        ...s,
        sortBy: c.key,
        descending: sorted ? !s.descending : c.key !== 'name' && c.key !== 'op' && c.key !== 'order',
      }),
    );
    return el(
      'th',
      { scope: 'col', class: c.cls, 'aria-sort': sorted ? (s.descending ? 'descending' : 'ascending') : 'none' },
      b,
      sorted ? el('span', { 'aria-hidden': 'true' }, s.descending ? ' ▼' : ' ▲') : '',
    );
  });
  const shown = sortRows(
    v.rows.filter((r) => s.showPlumbing || !r.plumbing),
    s,
  );
  const table = el(
    'table',
    { class: 'layers' },
    el('caption', {}, `Layers on ${v.architecture}`),
    el('thead', {}, el('tr', {}, ...heads)),
    ...shown.map((r) => layerBody(r, onReveal)),
  );
  return el(
    'section',
    {},
    plumbing.length ? el('p', { class: 'plumbing' }, toggle) : '',
    el('div', { class: 'scroll' }, table),
  );
}

function layerBody(r: OnnxLayerRow, onReveal: (layer: string) => void): HTMLElement {
  const tr = el(
    'tr',
    {
      class: `layer verdict-${r.verdict}`,
      tabindex: '0',
      'data-layer': r.name,
      title: `Reveal ${r.name} in the text view`,
    },
    el('td', { class: 'name' }, r.name),
    el('td', { class: 'op' }, r.op),
    el('td', { class: 'num shape' }, r.shape),
    el('td', { class: 'num macs' }, r.macs),
    el('td', { class: 'num rate' }, r.rate, r.rateOrigin ? el('span', { class: 'origin' }, r.rateOrigin) : ''),
    el('td', { class: 'num ratio' }, r.ratio),
    el('td', { class: 'num be' }, r.breakEven),
    el('td', { class: 'num count' }, r.findings.length ? String(r.findings.length) : ''),
  );
  const reveal = () => onReveal(r.name);
  tr.addEventListener('click', reveal);
  tr.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      reveal();
    }
  });
  const body = el('tbody', { 'data-layer': r.name }, tr);
  if (r.findings.length)
    body.append(
      el(
        'tr',
        { class: 'findings' },
        el(
          'td',
          { colspan: String(COLUMNS.length) },
          el(
            'ul',
            {},
            ...r.findings.map((f) => el('li', { class: f.severity }, el('code', {}, f.code), ' ', f.message)),
          ),
        ),
      ),
    );
  return body;
}
