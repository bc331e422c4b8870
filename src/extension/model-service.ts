import * as vscode from 'vscode';
import type { Settings } from './settings-schema';
import type { AnalysisHub, ModelAnalysis } from './panel/contract';
import { customArchitectureUris, loadArchitectures } from './architectures';
import { LANGUAGE, ONNX_TEXT_SCHEME } from './commands';
import { measuredCache } from './measured-cache';
import { ModelStore, type Rates, type StoreInputs, type Stored, type StoredModel } from './model-store';
import { fileOfTextView, isOnnxFile, textViewUri } from './onnx-uri';
import { Publisher } from './publisher';
import { readOnnxUri } from './read-model';
import { ArchitectureSelection } from './selection';
import { currentSettings } from './settings';
import { plainName } from '../core/report/sanitize';
import { binaryLimit, textLimit } from './limits';
import { parseSpecDocument } from './parse-spec-document';
import { failureReason } from '../node/file-source';

/** A stored model as the editor and the panel see it: with its URI and the selected architecture. */
export interface ModelEntry extends StoredModel, ModelAnalysis {}

/**
 * Wires the parts: the model store (parse, analyze), the publisher (diagnostics) and the architecture
 * selection (a view choice). It is the AnalysisHub the status bar, hovers and the panel read.
 */
export class ModelService implements AnalysisHub, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ModelAnalysis | undefined>();
  readonly onDidChange = this.emitter.event;
  readonly store: ModelStore;
  readonly publisher = new Publisher();
  readonly selection: ArchitectureSelection;
  /** Simulated spike rates by content hash. */
  readonly cache = measuredCache();
  private settings: Settings = currentSettings();
  private currentKey: string | undefined;
  /** ONNX files whose custom editor is open. */
  private readonly onnxEditors = new Set<string>();
  private republishTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly log: vscode.LogOutputChannel,
    state: vscode.Memento,
  ) {
    this.selection = new ArchitectureSelection(state, () => this.settings.architecture);
    this.store = new ModelStore({ architectures: [], options: optionsOf(this.settings) }, (key, e) =>
      log.error(`analysis of ${key} failed: ${(e as Error).stack ?? e}`),
    );
    this.selection.onDidChange(() => this.republish());
  }

  get current(): ModelEntry | undefined {
    return this.currentKey === undefined ? undefined : this.entry(vscode.Uri.parse(this.currentKey));
  }

  get architectures() {
    return this.store.architectures;
  }

  get selectedArchitecture(): string {
    return this.selection.id;
  }

  entry(uri: vscode.Uri): ModelEntry | undefined {
    const m = this.store.get(uri.toString());
    return m && { ...m, uri, selectedArchitecture: this.selection.id };
  }

  /**
   * Read settings and architectures; re-analyze stored models only when an analysis input changed
   * (or `force`: an architecture file was saved, the workspace became trusted). Never re-reads a model.
   */
  async reloadSettings(force = false): Promise<void> {
    const before = this.settings;
    this.settings = currentSettings();
    const archs = await loadArchitectures(this.settings, this.log);
    const same =
      archs.length === this.store.architectures.length && archs.every((a, i) => a === this.store.architectures[i]);
    if (force || !same || JSON.stringify(optionsOf(before)) !== JSON.stringify(optionsOf(this.settings)))
      this.apply(this.store.setInputs({ architectures: archs, options: optionsOf(this.settings) }));
    if (!archs.some((a) => a.id === this.selection.id))
      void vscode.window.showWarningMessage(
        `SNN Energy: unknown architecture "${plainName(this.selection.id)}"; using ${plainName(archs[0].id)}.`,
      );
  }

  /** Whether `snnEnergy.customArchitectures` names this file. */
  usesArchitectureFile(uri: vscode.Uri): boolean {
    return customArchitectureUris(this.settings).some((u) => u.fsPath === uri.fsPath);
  }

  isSpec(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme === ONNX_TEXT_SCHEME) return false;
    if (doc.languageId === LANGUAGE.layerSpec) return true;
    return this.settings.specGlobs.some((pattern) => vscode.languages.match({ pattern }, doc) > 0);
  }

  lintSpec(doc: vscode.TextDocument): ModelEntry | undefined {
    return this.published(doc.uri, this.store.putParsedSpec(doc.uri.toString(), parseSpecDocument(doc, textLimit(this.settings), this.log)));
  }

  /** Read an ONNX file (with the rates the simulator measured on this very content, if any) and lint it. */
  async lintOnnx(file: vscode.Uri): Promise<ModelEntry | undefined> {
    let stored: Stored;
    try {
      const measured = await this.cache.ratesFor(file).catch(() => undefined);
      stored = this.store.putOnnx(file.toString(), await readOnnxUri(file, binaryLimit(this.settings)), measured?.rates);
    } catch (e) {
      this.store.delete(file.toString());
      stored = {
        problems: [{ code: 'onnx-unreadable', severity: 'error', message: failureReason(e) }],
      };
    }
    return this.published(file, stored);
  }

  /** The simulator measured `file`'s spike rates: re-analyze that model only (no re-read). */
  applyMeasured(file: vscode.Uri, rates: Rates): void {
    const stored = this.store.applyMeasured(file.toString(), rates);
    if (stored) this.published(file, stored);
  }

  measuredFor(file: vscode.Uri): Rates | undefined {
    return this.store.measuredFor(file.toString());
  }

  async selectArchitecture(id: string): Promise<void> {
    await this.selection.pick(id);
  }

  /**
   * Show the selection: the status bar and the panel first, then, on the next turn (after the status bar's
   * own update is sent), every stored model's diagnostics. Nothing is re-read or re-analyzed.
   */
  private republish(): void {
    this.emitter.fire(this.current);
    clearTimeout(this.republishTimer);
    this.republishTimer = setTimeout(() => {
      for (const m of this.store.all())
        this.publisher.publish(vscode.Uri.parse(m.key), { model: m }, this.selection.id);
    }, 0);
  }

  private apply(all: readonly Stored[]): void {
    for (const s of all) if (s.model) this.published(vscode.Uri.parse(s.model.key), s);
    this.emitter.fire(this.current);
  }

  private published(uri: vscode.Uri, stored: Stored): ModelEntry | undefined {
    this.publisher.publish(uri, stored, this.selection.id);
    const key = uri.toString();
    if (!stored.model) {
      // no stale verdict: the status bar and the panel forget the model until it reads again
      if (this.currentKey === key) this.emitter.fire(undefined);
      return undefined;
    }
    if (this.currentKey === undefined) this.currentKey = key;
    const entry = this.entry(uri);
    if (this.currentKey === key) this.emitter.fire(entry);
    return entry;
  }

  /** An ONNX model's custom editor or text view opened. */
  openedOnnxView(uri: vscode.Uri): void {
    if (isOnnxFile(uri)) this.onnxEditors.add(uri.toString());
  }

  /** An ONNX model's view closed: the model and its diagnostics go when neither view is open. */
  closedOnnxView(uri: vscode.Uri): void {
    const file = isOnnxFile(uri) ? uri : fileOfTextView(uri);
    if (isOnnxFile(uri)) this.onnxEditors.delete(file.toString());
    const text = textViewUri(file).toString();
    const textOpen = vscode.workspace.textDocuments.some((d) => !d.isClosed && d.uri.toString() === text);
    if (this.onnxEditors.has(file.toString()) || (textOpen && isOnnxFile(uri))) return;
    this.forget(file);
  }

  /** The model the user looks at changed (an editor, the ONNX view, the text view). */
  setActive(uri: vscode.Uri | undefined): void {
    if (!uri) return;
    const key = (uri.scheme === ONNX_TEXT_SCHEME ? fileOfTextView(uri) : uri).toString();
    if (!this.store.get(key) || key === this.currentKey) return;
    this.currentKey = key;
    this.emitter.fire(this.current);
  }

  forget(uri: vscode.Uri): void {
    this.publisher.clear(uri);
    this.store.delete(uri.toString());
  }

  /** Open the model's document at the layer: its name in a spec, its node line in the ONNX text view. */
  async revealLayer(uri: vscode.Uri, layerName: string): Promise<void> {
    const e = this.entry(uri);
    const r = e?.network.layers.find((l) => l.name === layerName)?.nameRange;
    if (!e) return;
    const doc = await vscode.workspace.openTextDocument(e.onnx ? textViewUri(uri) : uri);
    const range = r ? new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)) : new vscode.Range(0, 0, 0, 0);
    const editor = await vscode.window.showTextDocument(doc, {
      selection: e.onnx ? new vscode.Range(range.start, range.start) : range,
      viewColumn: vscode.ViewColumn.One,
      ...(e.onnx ? { preview: true } : {}),
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    clearTimeout(this.republishTimer);
    this.publisher.dispose();
    this.selection.dispose();
    this.emitter.dispose();
  }
}

function optionsOf(s: Settings): StoreInputs['options'] {
  return {
    timesteps: s.timesteps ?? undefined,
    weightBits: s.weightBits ?? undefined,
    defaultSpikeRate: s.defaultSpikeRate,
    view: s.view,
    nearMargin: s.breakEvenMargin,
  };
}
