import * as vscode from 'vscode';
import { analyze } from '../core/analysis/analyze';
import type { Analysis, Finding, MeasuredActivity } from '../core/analysis/types';
import type { Architecture } from '../core/energy/architecture';
import type { Network, Problem, TextRange } from '../core/model/ir';
import { modelName } from '../core/model/model-name';
import { parseLayerSpec } from '../core/model/layer-spec/parse';
import { renderOnnxText, type OnnxText } from '../core/model/onnx/text';
import type { OnnxModel } from '../core/model/onnx/types';
import { lineIndex } from '../core/report/line-index';
import type { AnalysisHub, ModelAnalysis } from './panel/contract';
import { customArchitectureUris, loadArchitectures } from './architectures';
import { readOnnxUri } from './read-model';
import { fileOfTextView, isOnnxFile, textViewUri } from './onnx-uri';
import { currentSettings } from './settings';
import type { Settings } from './settings-schema';
import { toDiagnostic } from './to-diagnostic';
import { notReportedByJsonService } from './json-service';
import { onnxDiagnostics } from './onnx-diagnostics';
import { measuredCache } from './measured-cache';
import { ONNX_TEXT_SCHEME } from './commands';

/** What the service knows of one model: the analysis, and for ONNX the structure and its text view. */
export interface ModelEntry extends ModelAnalysis {
  readonly problems: readonly Problem[];
  readonly onnx?: { readonly model: OnnxModel; readonly text: OnnxText };
  /** Offsets → positions in the document the findings are shown on. */
  readonly positionAt: (offset: number) => vscode.Position;
}

const DEBOUNCE_MS = 300;

/**
 * Parses and analyses layer specs and ONNX models, publishes their diagnostics, and is the AnalysisHub
 * the panel reads. Diagnostics are derived from the current text: recomputed on open and change,
 * deleted on close. Every decision is core's; this class only wires events to it.
 */
export class ModelService implements AnalysisHub, vscode.Disposable {
  private readonly entries = new Map<string, ModelEntry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly emitter = new vscode.EventEmitter<ModelAnalysis | undefined>();
  readonly onDidChange = this.emitter.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('snn-energy');
  private currentKey: string | undefined;
  private archs: Architecture[] = [];
  private settings: Settings = currentSettings();
  /** Simulated spike rates by content hash, and those that apply to each open model file now. */
  readonly cache = measuredCache();
  private readonly measured = new Map<string, { hash: string; rates: ReadonlyMap<string, MeasuredActivity> }>();
  private version = 0;
  /** ONNX files whose custom editor is open, and the diagnostics of their text views. */
  private readonly onnxEditors = new Set<string>();
  private readonly textViewDiagnostics = new Map<string, vscode.Diagnostic[]>();

  constructor(readonly log: vscode.LogOutputChannel) {}

  get current(): ModelAnalysis | undefined {
    return this.currentKey ? this.entries.get(this.currentKey) : undefined;
  }

  get architectures(): readonly Architecture[] {
    return this.archs;
  }

  get selectedArchitecture(): string {
    return this.settings.architecture;
  }

  entry(uri: vscode.Uri): ModelEntry | undefined {
    return this.entries.get(keyOf(uri));
  }

  async reloadSettings(): Promise<void> {
    this.settings = currentSettings();
    this.archs = await loadArchitectures(this.settings, this.log);
    if (!this.archs.some((a) => a.id === this.settings.architecture))
      void vscode.window.showWarningMessage(
        `SNN Energy: unknown architecture "${this.settings.architecture}"; using ${this.archs[0].id}.`,
      );
  }

  /** Whether `snnEnergy.customArchitectures` names this file. */
  usesArchitectureFile(uri: vscode.Uri): boolean {
    return customArchitectureUris(this.settings).some((u) => u.fsPath === uri.fsPath);
  }

  isSpec(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme === ONNX_TEXT_SCHEME) return false;
    return this.settings.specGlobs.some((pattern) => vscode.languages.match({ pattern }, doc) > 0);
  }

  /** Lint a spec after the user stops typing for a moment. */
  schedule(doc: vscode.TextDocument): void {
    const key = keyOf(doc.uri);
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.lintSpec(doc);
      }, DEBOUNCE_MS),
    );
  }

  lintSpec(doc: vscode.TextDocument): ModelEntry | undefined {
    const text = doc.getText();
    const parsed = parseLayerSpec(text, modelName(doc.uri.path));
    const positionAt = (o: number) => doc.positionAt(o);
    if (!parsed.value) {
      this.publish(doc.uri, parsed.problems, positionAt);
      this.entries.delete(keyOf(doc.uri));
      return undefined;
    }
    return this.store(doc.uri, parsed.value, parsed.problems, positionAt);
  }

  /** Read and lint an ONNX file; its findings go on the file and on its text view, at the node's line. */
  async lintOnnx(file: vscode.Uri): Promise<ModelEntry | undefined> {
    let parsed;
    try {
      parsed = await readOnnxUri(file);
    } catch (e) {
      parsed = {
        value: undefined,
        problems: [
          {
            code: 'onnx-unreadable' as const,
            severity: 'error' as const,
            message: `cannot read: ${(e as Error).message}`,
          },
        ],
      };
    }
    if (!parsed.value) {
      this.publishOnnx(file, parsed.problems, () => new vscode.Position(0, 0), undefined);
      this.entries.delete(keyOf(file));
      return undefined;
    }
    const { model, network } = parsed.value;
    // rates the simulator measured on this very content feed the analysis; stale ones are dropped
    const measured = await this.cache.ratesFor(file).catch(() => undefined);
    if (measured) this.measured.set(keyOf(file), measured);
    else this.measured.delete(keyOf(file));
    const text = renderOnnxText(model, network);
    const at = lineIndex(text.text);
    const positionAt = (o: number) => {
      const p = at(o);
      return new vscode.Position(p.line - 1, p.column - 1);
    };
    return this.store(file, network, parsed.problems, positionAt, { model, text });
  }

  private store(
    uri: vscode.Uri,
    network: Network,
    problems: readonly Problem[],
    positionAt: (offset: number) => vscode.Position,
    onnx?: { model: OnnxModel; text: OnnxText },
  ): ModelEntry | undefined {
    let analysis: Analysis;
    try {
      analysis = this.analyze(uri, network);
    } catch (e) {
      // a bug must not hide the user's problems: publish them and say what failed
      this.log.error(`analysis of ${uri.toString()} failed: ${(e as Error).stack ?? e}`);
      this.publishAny(uri, problems, positionAt, onnx?.text);
      return undefined;
    }
    const entry: ModelEntry = {
      uri,
      network,
      analysis,
      selectedArchitecture: this.selected(),
      version: ++this.version,
      problems,
      onnx,
      positionAt,
    };
    this.entries.set(keyOf(uri), entry);
    const shown = analysis.findings.filter((f) => !f.architecture || f.architecture === entry.selectedArchitecture);
    this.publishAny(uri, shown, positionAt, onnx?.text);
    if (this.currentKey === keyOf(uri) || this.currentKey === undefined) {
      this.currentKey = keyOf(uri);
      this.emitter.fire(entry);
    }
    return entry;
  }

  private analyze(uri: vscode.Uri, network: Network): Analysis {
    const s = this.settings;
    return analyze(network, this.archs, {
      timesteps: s.timesteps ?? undefined,
      weightBits: s.weightBits ?? undefined,
      defaultSpikeRate: s.defaultSpikeRate,
      view: s.view,
      nearMargin: s.breakEvenMargin,
      measured: this.measured.get(keyOf(uri))?.rates,
    });
  }

  private selected(): string {
    return this.archs.some((a) => a.id === this.settings.architecture) ? this.settings.architecture : this.archs[0].id;
  }

  private publishAny(
    uri: vscode.Uri,
    findings: readonly (Finding | Problem)[],
    positionAt: (o: number) => vscode.Position,
    onnxText: OnnxText | undefined,
  ): void {
    if (isOnnxFile(uri)) this.publishOnnx(uri, findings, positionAt, onnxText);
    else this.publish(uri, findings, positionAt);
  }

  private publish(
    uri: vscode.Uri,
    findings: readonly (Finding | Problem)[],
    positionAt: (o: number) => vscode.Position,
  ): void {
    const toRange = (r: TextRange | undefined) =>
      r ? new vscode.Range(positionAt(r.start), positionAt(r.end)) : new vscode.Range(0, 0, 0, 0);
    this.diagnostics.set(
      uri,
      notReportedByJsonService(uri, findings).map((f) => toDiagnostic(f as Finding, uri, toRange)),
    );
  }

  /** On the .onnx file always; on its text view while that document is open. */
  private publishOnnx(
    file: vscode.Uri,
    findings: readonly (Finding | Problem)[],
    positionAt: (o: number) => vscode.Position,
    onnxText: OnnxText | undefined,
  ): void {
    const { onFile, onText } = onnxDiagnostics(file, findings, positionAt, onnxText);
    this.diagnostics.set(file, onFile);
    this.textViewDiagnostics.set(keyOf(file), onText);
    const textUri = textViewUri(file);
    if (vscode.workspace.textDocuments.some((d) => keyOf(d.uri) === keyOf(textUri)))
      this.diagnostics.set(textUri, onText);
  }

  /** An ONNX model's view opened: its custom editor, or its text view document. */
  openedOnnxView(uri: vscode.Uri): void {
    if (isOnnxFile(uri)) {
      this.onnxEditors.add(keyOf(uri));
      return;
    }
    const onText = this.textViewDiagnostics.get(keyOf(fileOfTextView(uri)));
    if (onText) this.diagnostics.set(uri, onText);
  }

  /** An ONNX model's view closed: its diagnostics go; the model goes when neither view is open. */
  closedOnnxView(uri: vscode.Uri): void {
    const file = isOnnxFile(uri) ? uri : fileOfTextView(uri);
    const textUri = textViewUri(file);
    if (isOnnxFile(uri)) this.onnxEditors.delete(keyOf(file));
    else this.diagnostics.delete(textUri);
    const textOpen = vscode.workspace.textDocuments.some((d) => !d.isClosed && keyOf(d.uri) === keyOf(textUri));
    if (this.onnxEditors.has(keyOf(file)) || (textOpen && isOnnxFile(uri))) return;
    this.diagnostics.delete(textUri);
    this.textViewDiagnostics.delete(keyOf(file));
    this.forget(file);
  }

  /** The model the user looks at changed (an editor, the ONNX view, the text view). */
  setActive(uri: vscode.Uri | undefined): void {
    if (!uri) return;
    const file = uri.scheme === ONNX_TEXT_SCHEME ? fileOfTextView(uri) : uri;
    const key = keyOf(file);
    if (!this.entries.has(key) || key === this.currentKey) return;
    this.currentKey = key;
    this.emitter.fire(this.entries.get(key));
  }

  forget(uri: vscode.Uri): void {
    const key = keyOf(uri);
    clearTimeout(this.timers.get(key));
    this.diagnostics.delete(uri);
    this.entries.delete(key);
  }

  /** The spike rates measured on the file's current content (the simulator's cache). */
  measuredFor(file: vscode.Uri): { hash: string; rates: ReadonlyMap<string, MeasuredActivity> } | undefined {
    return this.measured.get(keyOf(file));
  }

  /** Re-lint every open model (settings changed, architecture selected, rates measured). */
  async relintAll(): Promise<void> {
    for (const doc of vscode.workspace.textDocuments) if (this.isSpec(doc)) this.lintSpec(doc);
    for (const e of [...this.entries.values()]) if (isOnnxFile(e.uri)) await this.lintOnnx(e.uri);
    this.emitter.fire(this.current);
  }

  async selectArchitecture(id: string): Promise<void> {
    const target = vscode.workspace.workspaceFolders?.length
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('snnEnergy').update('architecture', id, target);
  }

  async revealLayer(uri: vscode.Uri, layerName: string): Promise<void> {
    const e = this.entries.get(keyOf(uri));
    if (!e) return;
    const layer = e.network.layers.find((l) => l.name === layerName);
    if (e.onnx) {
      const r = e.onnx.text.nodeRanges.get(layerName);
      const doc = await vscode.workspace.openTextDocument(textViewUri(uri));
      const pos = r ? e.positionAt(r.start) : new vscode.Position(0, 0);
      await vscode.window.showTextDocument(doc, {
        selection: new vscode.Range(pos, pos),
        preview: true,
        viewColumn: vscode.ViewColumn.One,
      });
      return;
    }
    const r = layer?.nameRange ?? layer?.range;
    const doc = await vscode.workspace.openTextDocument(uri);
    const range = r ? new vscode.Range(e.positionAt(r.start), e.positionAt(r.end)) : new vscode.Range(0, 0, 0, 0);
    const editor = await vscode.window.showTextDocument(doc, { selection: range, viewColumn: vscode.ViewColumn.One });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.diagnostics.dispose();
    this.emitter.dispose();
  }
}

export function keyOf(uri: vscode.Uri): string {
  return uri.toString();
}
