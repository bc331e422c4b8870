import type { PanelData, PanelHostToWebview, PanelWebviewToHost } from '../../src/shared/protocol';
import { decoded } from './encoded';

/** The panel's tabs, in display order. */
export const TABS = ['overview', 'layers', 'curve', 'sweep', 'hybrid'] as const;
export type Tab = (typeof TABS)[number];

/** What the panel remembers across reloads (vscode.getState / setState). */
export interface PanelState {
  /** The last data the host sent; its `selected` is the architecture shown. */
  readonly data?: PanelData;
  /** Shown instead of the data when there is none, or above it when it is stale. */
  readonly message?: string;
  readonly tab: Tab;
  /** The selected layer: highlighted in the table and the bars. */
  readonly layer?: string;
  /** Whose break-even curve the curve tab draws. */
  readonly curveOf: 'model' | 'layer';
  /** Bumped when the host asks to show a layer: the view scrolls to it once. */
  readonly focusSeq: number;
}

export const INITIAL: PanelState = { tab: 'overview', curveOf: 'model', focusSeq: 0 };

/** The host API, injected so the state logic is testable without a DOM or VS Code. */
export interface HostApi {
  postMessage(m: PanelWebviewToHost): void;
  getState(): unknown;
  setState(s: PanelState): void;
}

/** A saved state from any earlier version, made whole (unknown fields dropped, bad ones defaulted). */
export function restore(saved: unknown): PanelState {
  if (!saved || typeof saved !== 'object') return INITIAL;
  const s = saved as Partial<Record<keyof PanelState, unknown>>;
  const data = s.data && typeof s.data === 'object' && 'layers' in s.data ? (s.data as PanelData) : undefined;
  return {
    data,
    message: typeof s.message === 'string' ? s.message : undefined,
    tab: TABS.includes(s.tab as Tab) ? (s.tab as Tab) : INITIAL.tab,
    layer: typeof s.layer === 'string' && data?.layers.some((l) => l.name === s.layer) ? s.layer : undefined,
    curveOf: s.curveOf === 'layer' ? 'layer' : 'model',
    focusSeq: 0,
  };
}

const hasLayer = (data: PanelData | undefined, name: string | undefined) =>
  name !== undefined && !!data?.layers.some((l) => l.name === name);

/** Pure state transition for a message from the extension. */
export function reduce(state: PanelState, message: PanelHostToWebview): PanelState {
  const m = decoded(message);
  switch (m.type) {
    case 'update': {
      const keep = hasLayer(m.data, state.layer);
      return {
        ...state,
        data: m.data,
        message: undefined,
        layer: keep ? state.layer : undefined,
        curveOf: keep ? state.curveOf : 'model',
      };
    }
    case 'empty':
      // keep the last model on screen (a reload, a closed editor), and say why it may be stale
      return { ...state, message: m.message };
    case 'focusLayer':
      if (!hasLayer(state.data, m.layer)) return state;
      return { ...state, tab: 'layers', layer: m.layer, curveOf: 'layer', focusSeq: state.focusSeq + 1 };
    default:
      return unreachable(m, state);
  }
}

function unreachable(_m: never, state: PanelState): PanelState {
  return state;
}

/** Applies host messages and user intents, persists the state, and tells the host what the user asked. */
export class PanelController {
  private s: PanelState;
  constructor(
    private readonly host: HostApi,
    private readonly render: (s: PanelState) => void,
  ) {
    this.s = restore(host.getState());
  }
  get state(): PanelState {
    return this.s;
  }
  /** Show what was saved (before the host answers), and ask the host for fresh data. */
  start(): void {
    this.render(this.s);
    this.host.postMessage({ type: 'ready' });
  }
  receive(m: PanelHostToWebview): void {
    this.set(reduce(this.s, m));
  }
  selectTab(tab: Tab): void {
    if (tab !== this.s.tab) this.set({ ...this.s, tab });
  }
  /** Select a layer (table highlight, its curve) without leaving the panel. */
  selectLayer(name: string): void {
    if (hasLayer(this.s.data, name)) this.set({ ...this.s, layer: name, curveOf: 'layer' });
  }
  /** Select a layer and reveal it in the editor. */
  reveal(name: string): void {
    this.selectLayer(name);
    this.host.postMessage({ type: 'reveal', layer: name });
  }
  showModelCurve(): void {
    if (this.s.curveOf !== 'model') this.set({ ...this.s, curveOf: 'model' });
  }
  selectArchitecture(id: string): void {
    if (this.s.data && id !== this.s.data.selected && this.s.data.architectures.some((a) => a.id === id))
      this.host.postMessage({ type: 'selectArchitecture', id });
  }
  exportReport(): void {
    this.host.postMessage({ type: 'exportReport' });
  }
  private set(s: PanelState): void {
    this.s = s;
    this.host.setState(s);
    this.render(s);
  }
}
