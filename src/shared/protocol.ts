/**
 * Typed messages between the extension and its webviews (types only; both sides handle them with
 * exhaustive switches). Every string in here may come from a model: webviews render them as text.
 */

/** One row of the ONNX model view's layer table. */
export interface OnnxLayerRow {
  readonly name: string;
  readonly op: string;
  readonly shape: string;
  readonly macs: string;
  readonly ratio: string;
  readonly breakEven: string;
  readonly verdict: 'snn' | 'qnn' | 'none';
  readonly findings: readonly {
    readonly severity: 'error' | 'warning' | 'information';
    readonly code: string;
    readonly message: string;
  }[];
}

export interface OnnxModelView {
  readonly file: string;
  readonly summary: readonly (readonly [label: string, value: string])[];
  readonly architecture: string;
  readonly problems: readonly { readonly severity: 'error' | 'warning' | 'information'; readonly message: string }[];
  readonly rows: readonly OnnxLayerRow[];
}

export type OnnxHostToWebview =
  { readonly type: 'model'; readonly view: OnnxModelView } | { readonly type: 'error'; readonly message: string };

export type OnnxWebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'openText' }
  | { readonly type: 'reveal'; readonly layer: string }
  | { readonly type: 'openComparison' };

/** The comparison panel's data for one model (everything pre-computed by core, formatted by the host). */
export interface PanelArchitecture {
  readonly id: string;
  readonly name: string;
  readonly qnnJ: number;
  readonly snnJ: number;
  readonly ratio: number | null;
  readonly computeOnlyRatio: number | null;
  readonly breakEven: string;
  readonly hybridJ: number;
  readonly hybridRatio: number | null;
  readonly qnnLayers: readonly string[];
  readonly sweep: readonly { readonly T: number; readonly ratio: number | null }[];
}

export interface PanelLayer {
  readonly name: string;
  readonly type: string;
  readonly inputRate: number | null;
  readonly breakEven: string;
  readonly breakEvenRate: number | null;
  readonly ratio: number | null;
  readonly qnnJ: number;
  readonly snnJ: number;
  readonly cheaperAs: 'snn' | 'qnn';
  /** Energy by action (J), in ACTION_LABELS order. */
  readonly qnnParts: readonly number[];
  readonly snnParts: readonly number[];
}

export interface PanelData {
  readonly model: {
    readonly name: string;
    readonly file: string;
    readonly timesteps: number;
    readonly activationBits: number;
    readonly view: string;
  };
  readonly selected: string;
  readonly architectures: readonly PanelArchitecture[];
  /** Layers on the selected architecture. */
  readonly layers: readonly PanelLayer[];
  readonly actionLabels: readonly string[];
  /** Model SNN/QNN ratio when every layer spikes at rate x (selected architecture). */
  readonly curve: readonly { readonly x: number; readonly ratio: number }[];
}

export type PanelHostToWebview =
  | { readonly type: 'update'; readonly data: PanelData }
  | { readonly type: 'empty'; readonly message: string }
  | { readonly type: 'focusLayer'; readonly layer: string };

export type PanelWebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly layer: string }
  | { readonly type: 'selectArchitecture'; readonly id: string };
