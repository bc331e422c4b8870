import type * as vscode from 'vscode';
import type { ModelDigest } from '../worker/protocol';

/**
 * The contract between the editor glue (diagnostics, hovers, status bar) and the comparison panel.
 * The panel only reads through this; it decides nothing and never parses a model itself. The analysis
 * itself lives in the model worker: the host holds its digest and asks for the panel's message.
 */
export interface ModelAnalysis {
  /** The model's document (a *.layers.json, an *.onnx, or its `snn-energy-onnx:` text view). */
  readonly uri: vscode.Uri;
  /** What the host keeps of the analysis on every architecture: verdicts, ratios, coverage. */
  readonly digest: ModelDigest;
  /** Id of the architecture selected in settings / the status bar. */
  readonly selectedArchitecture: string;
  /** Increases with every recomputation of this model. */
  readonly version: number;
}

export interface AnalysisHub {
  /** The model of the active editor (or the last active model), if any. */
  readonly current: ModelAnalysis | undefined;
  /** Fires after every recomputation of the current model, and when the active model changes. */
  readonly onDidChange: vscode.Event<ModelAnalysis | undefined>;
  /** Select an architecture (updates settings, status bar, diagnostics). */
  selectArchitecture(id: string): Promise<void>;
  /** Open the model's document and reveal the layer (its name in a spec, its node line in the ONNX text view). */
  revealLayer(uri: vscode.Uri, layerName: string): Promise<void>;
  /** The panel's message for the model on the selected architecture, as UTF-8 JSON (made in the model worker). */
  panelMessage(model: ModelAnalysis): Promise<Uint8Array | undefined>;
}
