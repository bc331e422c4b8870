/** The comparison panel (browser side): wires the host API, the state controller and the view. */
import type { PanelHostToWebview } from '../../src/shared/protocol';
import { vscodeApi } from './dom';
import { PanelController, type HostApi } from './panel-state';
import { focusHeadline, PanelView } from './panel/view';

const api = vscodeApi<unknown>();
const host: HostApi = {
  postMessage: (m) => api.postMessage(m),
  getState: () => api.getState(),
  setState: (s) => api.setState(s),
};
const root = document.getElementById('root')!;
// the controller renders only from start() and receive(), after the view exists
const controller = new PanelController(host, (s) => view.update(s));
const view = new PanelView(root, controller);
window.addEventListener('message', (e: MessageEvent<PanelHostToWebview>) => controller.receive(e.data));
// VS Code swaps the body's theme class (vscode-light, vscode-dark, vscode-high-contrast…): recolour the charts
new MutationObserver(() => view.redraw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
// opened or revealed with the focus: the keyboard starts at the verdict, not nowhere
window.addEventListener('focus', () => focusHeadline());
controller.start();
