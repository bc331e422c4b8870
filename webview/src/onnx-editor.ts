import type { OnnxHostToWebview, OnnxModelView, OnnxWebviewToHost } from '../../src/shared/protocol';
import { el, vscodeApi } from './dom';
import { decoded } from './encoded';
import { layerTable, type TableState } from './onnx-table';

const vscode = vscodeApi<{ scrollY: number; table?: TableState }>();
// plumbing rows collapsed and model order by default; the user's choice survives a reload
let tableState: TableState = vscode.getState()?.table ?? { sortBy: 'order', descending: false, showPlumbing: false };
const post = (m: OnnxWebviewToHost) => vscode.postMessage(m);
const root = document.getElementById('root')!;

window.addEventListener('message', (event: MessageEvent<OnnxHostToWebview>) => {
  // the model worker's view arrives encoded (the host never reads it); an error as an object
  const m = decoded(event.data);
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
  const table = layerTable(
    v,
    tableState,
    (next) => {
      tableState = next;
      vscode.setState({ scrollY: window.scrollY, table: tableState });
      render(v);
    },
    (layer) => post({ type: 'reveal', layer }),
  );
  root.replaceChildren(header, summary, ...(problems ? [problems] : []), table);
  window.scrollTo(0, vscode.getState()?.scrollY ?? 0);
}

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', title }, label);
  b.addEventListener('click', onClick);
  return b;
}

window.addEventListener('scroll', () => vscode.setState({ scrollY: window.scrollY, table: tableState }));
post({ type: 'ready' });
