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
  /** Data-layout plumbing (Identity, Reshape, Constant, Flatten…): collapsed by default. */
  readonly plumbing: boolean;
  /** The spike rate the layer consumes ("8.10%"), and where it comes from (declared, default, measured, analog). */
  readonly rate: string;
  readonly rateOrigin: string;
  /** Numbers to sort by (NaN when none): MACs, SNN/QNN, break-even rate, consumed rate. */
  readonly sort: { readonly macs: number; readonly ratio: number; readonly breakEven: number; readonly rate: number };
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
  | { readonly type: 'model'; readonly view: OnnxModelView }
  | { readonly type: 'error'; readonly message: string }
  | Encoded;

/**
 * A message the model worker wrote: another message of the same union as UTF-8 JSON. The host hands the
 * bytes on without reading them (a 20,000-layer model's data never blocks the extension host).
 */
export interface Encoded {
  readonly type: 'encoded';
  readonly bytes: Uint8Array;
}

export type OnnxWebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'openText' }
  | { readonly type: 'reveal'; readonly layer: string }
  | { readonly type: 'openComparison' };

/** Energies (J) of the QNN twin and the SNN at spike rate x; joined by straight lines, the points are exact. */
export interface PanelCurvePoint {
  readonly x: number;
  readonly qnnJ: number;
  readonly snnJ: number;
}

/** One architecture in the comparison panel (everything computed by core; ratios null when infinite). */
export interface PanelArchitecture {
  readonly id: string;
  readonly name: string;
  /** One line on where the architecture's numbers come from (its document's `provenance`), or null. */
  readonly provenance: string | null;
  readonly qnnJ: number;
  readonly snnJ: number;
  readonly ratio: number | null;
  readonly verdict: 'snn' | 'qnn';
  /** SNN/QNN counting compute only (no memory, no data movement): the optimistic figure. */
  readonly computeOnlyRatio: number | null;
  /** Model break-even spike rate s*, as text ("7.40%", "never", "always") and as a number. */
  readonly breakEven: string;
  readonly breakEvenRate: number | null;
  /** Largest T that still breaks even at the model's rates; 0 when none. */
  readonly largestBreakEvenT: number;
  readonly hybrid: {
    /** Each layer run as the model declares it. */
    readonly declaredJ: number;
    /** The cheapest per-layer mix. */
    readonly bestJ: number;
    readonly bestRatio: number | null;
    /** Layers the best mix runs as QNN. */
    readonly qnnLayers: readonly string[];
  };
  readonly sweep: readonly { readonly T: number; readonly ratio: number | null }[];
}

/** One weighted layer on the selected architecture. */
export interface PanelLayer {
  readonly name: string;
  readonly type: string;
  /** Rate of the spikes it consumes; null for the analog first layer. */
  readonly inputRate: number | null;
  /** Rate of its own output spikes (0 for the output layer). */
  readonly spikeRate: number;
  /** Where the consumed rate comes from: declared, measured, default, analog… */
  readonly rateOrigin: string;
  readonly breakEven: string;
  readonly breakEvenRate: number | null;
  readonly ratio: number | null;
  readonly qnnJ: number;
  readonly snnJ: number;
  readonly cheaperAs: 'snn' | 'qnn';
  /** How the model declares the layer runs. */
  readonly execution: 'snn' | 'qnn';
  /** Energy by action (J), in `PanelData.actionLabels` order. */
  readonly qnnParts: readonly number[];
  readonly snnParts: readonly number[];
  /** Its energies against the rate it consumes (its own output rate for the analog first layer). */
  readonly curve: readonly PanelCurvePoint[];
}

/** The comparison panel's data for one model (everything computed by core; the webview only draws it). */
export interface PanelData {
  readonly model: {
    readonly name: string;
    readonly file: string;
    readonly timesteps: number;
    readonly activationBits: number;
    readonly weightBits: number;
    readonly view: string;
    readonly meanSpikeRate: number;
  };
  readonly selected: string;
  readonly architectures: readonly PanelArchitecture[];
  /** Weighted layers on the selected architecture. */
  readonly layers: readonly PanelLayer[];
  readonly actionLabels: readonly string[];
  /** The model's energies when every layer spikes at rate x (selected architecture). */
  readonly curve: readonly PanelCurvePoint[];
}

export type PanelHostToWebview =
  | Encoded
  | { readonly type: 'update'; readonly data: PanelData }
  | { readonly type: 'empty'; readonly message: string }
  | { readonly type: 'focusLayer'; readonly layer: string };

export type PanelWebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly layer: string }
  | { readonly type: 'selectArchitecture'; readonly id: string }
  | { readonly type: 'exportReport' };
