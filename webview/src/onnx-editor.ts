import type { OnnxHostToWebview, OnnxModelView, OnnxWebviewToHost } from '../../src/shared/protocol';
import { el, vscodeApi } from './dom';

const vscode = vscodeApi<{ scrollY: number }>();
const post = (m: OnnxWebviewToHost) => vscode.postMessage(m);
const root = document.getElementById('root')!;

window.addEventListener('message', (event: MessageEvent<OnnxHostToWebview>) => {
  const m = event.data;
  switch (m.type) {
    case 'model':
      render(m.view);
      return;
    case 'error':
      root.replaceChildren(el('p', { class: 'error' }, m.message));
      return;
  }
});

function render(v: OnnxModelView): void {
  const header = el(
    'header',
    {},
    el('h1', {}, v.file.split(/[\\/]/).pop() ?? v.file),
    el(
      'div',
      { class: 'actions' },
      button('Open as text', 'Open the model in ONNX text syntax', () => post({ type: 'openText' })),
      button('Comparison view', 'Compare architectures for this model', () => post({ type: 'openComparison' })),
    ),
  );
  const summary = el(
    'dl',
    { class: 'summary' },
    ...v.summary.flatMap(([k, val]) => [el('dt', {}, k), el('dd', {}, val)]),
  );
  const problems = v.problems.length
    ? el('ul', { class: 'problems' }, ...v.problems.map((p) => el('li', { class: p.severity }, p.message)))
    : undefined;
  const table = el(
    'table',
    { class: 'layers', 'aria-label': `Layers on ${v.architecture}` },
    el('caption', {}, `Layers on ${v.architecture}`),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Layer', 'Op', 'Output', 'MACs', 'SNN/QNN', 'Break-even', 'Findings'].map((h) =>
          el('th', { scope: 'col' }, h),
        ),
      ),
    ),
    el('tbody', {}, ...v.rows.map(row)),
  );
  root.replaceChildren(header, summary, ...(problems ? [problems] : []), table);
  window.scrollTo(0, vscode.getState()?.scrollY ?? 0);
}

function row(r: OnnxModelView['rows'][number]): HTMLTableRowElement {
  const tr = el(
    'tr',
    { class: `verdict-${r.verdict}`, tabindex: '0', title: `Reveal ${r.name} in the text view` },
    el('td', { class: 'name' }, r.name),
    el('td', {}, r.op),
    el('td', { class: 'num' }, r.shape),
    el('td', { class: 'num' }, r.macs),
    el('td', { class: 'num' }, r.ratio),
    el('td', { class: 'num' }, r.breakEven),
    el(
      'td',
      { class: 'findings' },
      ...r.findings.map((f) => el('div', { class: f.severity }, el('code', {}, f.code), ' ', f.message)),
    ),
  );
  const reveal = () => post({ type: 'reveal', layer: r.name });
  tr.addEventListener('click', reveal);
  tr.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      reveal();
    }
  });
  return tr;
}

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', title }, label);
  b.addEventListener('click', onClick);
  return b;
}

window.addEventListener('scroll', () => vscode.setState({ scrollY: window.scrollY }));
post({ type: 'ready' });
