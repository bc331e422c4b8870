import type { PanelData, PanelHostToWebview, PanelLayer, PanelWebviewToHost } from '../../src/shared/protocol';

/** What the panel remembers across reloads (vscode.getState / setState). */
export interface PanelState {
  readonly data?: PanelData;
  readonly message?: string;
  readonly focusedLayer?: string;
}

/** The host API, injected so the state logic is testable without a DOM or VS Code. */
export interface HostApi {
  postMessage(m: PanelWebviewToHost): void;
  getState(): PanelState | undefined;
  setState(s: PanelState): void;
}

/** Pure state transition for a message from the extension. */
export function reduce(state: PanelState, m: PanelHostToWebview): PanelState {
  switch (m.type) {
    case 'update':
      return {
        data: m.data,
        focusedLayer:
          state.focusedLayer && m.data.layers.some((l) => l.name === state.focusedLayer)
            ? state.focusedLayer
            : undefined,
      };
    case 'empty':
      return { message: m.message };
    case 'focusLayer':
      return { ...state, focusedLayer: m.layer };
  }
}

/** The layers that spoil the SNN on the selected architecture: dearer than their QNN twin, worst first. */
export function spoilers(data: PanelData): (PanelLayer & { excessJ: number })[] {
  return data.layers
    .filter((l) => l.cheaperAs === 'qnn')
    .map((l) => ({ ...l, excessJ: l.snnJ - l.qnnJ }))
    .sort((a, b) => b.excessJ - a.excessJ);
}

/** Architectures where the SNN beats its QNN twin, best first. */
export function winners(data: PanelData): { id: string; name: string; ratio: number }[] {
  return data.architectures
    .filter((a) => a.ratio !== null && a.ratio <= 1)
    .map((a) => ({ id: a.id, name: a.name, ratio: a.ratio! }))
    .sort((a, b) => a.ratio - b.ratio);
}

/** One sentence that answers "where does this SNN win, by how much, and what spoils it". */
export function headline(data: PanelData): string {
  const w = winners(data);
  const sel = data.architectures.find((a) => a.id === data.selected);
  const spoil = spoilers(data);
  const where = w.length
    ? `The SNN beats its QNN twin on ${w.map((x) => `${x.id} (${x.ratio.toFixed(2)}×)`).join(', ')}`
    : 'The SNN beats its QNN twin on no architecture';
  const what = spoil.length
    ? `; on ${sel?.id ?? data.selected}, ${spoil.length} layer${spoil.length > 1 ? 's' : ''} cost${spoil.length > 1 ? '' : 's'} more as SNN (worst: ${spoil[0].name})`
    : `; on ${sel?.id ?? data.selected} every layer is cheaper as SNN`;
  return `${where}${what}.`;
}

/** Controller: applies messages, persists state, and sends user intents to the host. */
export class PanelController {
  state: PanelState;
  constructor(
    private readonly host: HostApi,
    private readonly render: (s: PanelState) => void,
  ) {
    this.state = host.getState() ?? {};
  }
  start(): void {
    if (this.state.data || this.state.message) this.render(this.state);
    this.host.postMessage({ type: 'ready' });
  }
  receive(m: PanelHostToWebview): void {
    this.state = reduce(this.state, m);
    this.host.setState(this.state);
    this.render(this.state);
  }
  reveal(layer: string): void {
    this.state = { ...this.state, focusedLayer: layer };
    this.host.setState(this.state);
    this.host.postMessage({ type: 'reveal', layer });
  }
  selectArchitecture(id: string): void {
    if (id !== this.state.data?.selected) this.host.postMessage({ type: 'selectArchitecture', id });
  }
}
