import * as vscode from 'vscode';
import { join } from 'node:path';
import type { Settings } from './settings-schema';
import type { AnalysisHub, ModelAnalysis } from './panel/contract';
import { customArchitectureUris, loadArchitectures } from './architectures';
import { LANGUAGE, ONNX_TEXT_SCHEME } from './commands';
import { measuredCache } from './measured-cache';
import { fileOfTextView, isOnnxFile, textViewUri } from './onnx-uri';
import { Publisher } from './publisher';
import { onnxBytes } from './read-model';
import { ArchitectureSelection } from './selection';
import { analysisOptionsOf as optionsOf, currentSettings, progressAfter } from './settings';
import { plainName } from '../core/report/sanitize';
import { binaryLimit, textLimit } from './limits';
import { failureReason } from '../node/file-source';
import { jsonServiceReportsSyntax } from './json-service';
import type { Architecture } from '../core/energy/architecture';
import { ModelClient, type Answer } from './worker/client';
import type {
  DiagnosticView,
  ModelDigest,
  ModelRequestType,
  ModelResponses,
  PlainCodeAction,
  PutResult,
  RequestOf,
} from './worker/protocol';
import type { MeasuredActivity } from '../core/analysis/types';

/** A model as the editor and the panel see it: its digest, its URI and the selected architecture. */
export type ModelEntry = ModelAnalysis;

/** A put slower than this shows progress in the status bar. */
const PROGRESS_AFTER_MS = 200;

/**
 * Wires the parts: the model worker (parse, read, analyze, keep every model), the publisher (diagnostics)
 * and the architecture selection (a view choice). The host keeps only each model's digest; it is the
 * AnalysisHub the status bar, hovers and the panel read, and it asks the worker for everything else.
 */
export class ModelService implements AnalysisHub, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ModelAnalysis | undefined>();
  readonly onDidChange = this.emitter.event;
  readonly publisher = new Publisher();
  readonly selection: ArchitectureSelection;
  /** Simulated spike rates by content hash. */
  readonly cache = measuredCache();
  private readonly client: ModelClient;
  private readonly digests = new Map<string, ModelDigest>();
  /** Each spec's "fix all" for the text version the worker parsed (VS Code's Fix All is answered from it). */
  private readonly fixAlls = new Map<string, { readonly action: PlainCodeAction; readonly docVersion?: number }>();
  /** Every model put, by kind: put again when the worker restarts. */
  private readonly known = new Map<string, 'spec' | 'onnx'>();
  /** The last request that changes each model: an older answer is stale and never shown. */
  private readonly latest = new Map<string, number>();
  private seq = 0;
  private archs: readonly Architecture[] = [];
  private settings: Settings = currentSettings();
  private currentKey: string | undefined;
  /** ONNX files whose custom editor is open. */
  private readonly onnxEditors = new Set<string>();
  private republishTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly log: vscode.LogOutputChannel,
    state: vscode.Memento,
    workerPath = join(__dirname, 'model-worker.js'),
  ) {
    this.selection = new ArchitectureSelection(state, () => this.settings.architecture);
    this.client = new ModelClient({
      workerPath,
      log: (m) => log.error(m),
      onRestart: (reason) => {
        void vscode.window.showWarningMessage(`SNN Energy: ${reason}; every open model is analyzed again.`);
        for (const [key, kind] of this.known) {
          const uri = vscode.Uri.parse(key);
          const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
          if (kind === 'onnx') void this.lintOnnx(uri);
          else if (doc) void this.lintSpec(doc);
        }
      },
    });
    this.selection.onDidChange(() => this.republish());
  }

  get current(): ModelEntry | undefined {
    return this.currentKey === undefined ? undefined : this.entry(vscode.Uri.parse(this.currentKey));
  }

  get architectures(): readonly Architecture[] {
    return this.archs;
  }

  get selectedArchitecture(): string {
    return this.selection.id;
  }

  entry(uri: vscode.Uri): ModelEntry | undefined {
    const d = this.digests.get(uri.toString());
    return d && { uri, digest: d, selectedArchitecture: this.selection.id, version: d.version };
  }

  /** Ask the model worker (hover, code actions, panel and ONNX view messages, reports, text views). */
  ask<T extends ModelRequestType>(req: RequestOf<T>): Promise<Answer<T>> {
    return this.client.request(req);
  }

  /** A spec's "fix all" when the worker's answer is for this very text version. */
  fixAllFor(uri: vscode.Uri, docVersion: number): PlainCodeAction | undefined {
    const f = this.fixAlls.get(uri.toString());
    return f && f.docVersion === docVersion ? f.action : undefined;
  }

  /** The worker's answer, or undefined (logged) when it has none. */
  async value<T extends ModelRequestType>(req: RequestOf<T>): Promise<ModelResponses[T] | undefined> {
    const a = await this.client.request(req);
    if (!a.ok) this.log.error(`${req.type}: ${a.error}`);
    return a.ok ? a.value : undefined;
  }

  panelMessage(model: ModelAnalysis): Promise<Uint8Array | undefined> {
    const file = vscode.workspace.asRelativePath(model.uri);
    return this.value({ type: 'panel', key: model.uri.toString(), file, selected: this.selection.id });
  }

  /**
   * Read settings and architectures; re-analyze stored models only when an analysis input changed
   * (or `force`: an architecture file was saved, the workspace became trusted). Never re-reads a model.
   */
  async reloadSettings(force = false): Promise<void> {
    const before = this.settings;
    this.settings = currentSettings();
    const archs = await loadArchitectures(this.settings, this.log, this);
    const same = archs.length === this.archs.length && archs.every((a, i) => a === this.archs[i]);
    if (force || !same || JSON.stringify(optionsOf(before)) !== JSON.stringify(optionsOf(this.settings))) {
      this.archs = archs;
      const req = {
        type: 'setInputs',
        architectures: archs,
        options: optionsOf(this.settings),
        view: this.view(),
      } as const;
      for (const key of this.known.keys()) this.latest.set(key, ++this.seq);
      const seqs = new Map(this.latest);
      const a = await progressAfter(PROGRESS_AFTER_MS, 'updating every model', this.client.request(req));
      if (a.ok) for (const r of a.value) if (seqs.get(r.key) === this.latest.get(r.key)) this.show(r);
      this.emitter.fire(this.current);
    }
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

  /** Post the spec's text to the worker; show the answer unless a newer one was asked for meanwhile. */
  lintSpec(doc: vscode.TextDocument): Promise<ModelEntry | undefined> {
    const limit = textLimit(this.settings);
    const key = doc.uri.toString();
    this.known.set(key, 'spec');
    return this.put(doc.uri, {
      type: 'putSpec',
      key,
      path: doc.uri.path,
      text: doc.getText(),
      docVersion: doc.version,
      maxBytes: limit.maxBytes,
      raiseWith: limit.raiseWith,
      view: this.view(doc.uri),
    });
  }

  /** Lint an ONNX file (with the rates the simulator measured on this very content, if any): the worker reads it. */
  async lintOnnx(file: vscode.Uri): Promise<ModelEntry | undefined> {
    const key = file.toString();
    this.known.set(key, 'onnx');
    const limit = binaryLimit(this.settings);
    try {
      const measured = await this.cache.ratesFor(file).catch(() => undefined);
      const bytes = file.scheme === 'file' ? undefined : await onnxBytes(file, limit);
      return await this.put(file, {
        type: 'putOnnx',
        key,
        path: file.scheme === 'file' ? file.fsPath : file.path,
        bytes,
        maxBytes: limit.maxBytes,
        raiseWith: limit.raiseWith,
        rates: measured && [...measured.rates],
        view: this.view(file),
      });
    } catch (e) {
      this.latest.set(key, ++this.seq);
      this.show({ key, diagnostics: [{ code: 'onnx-unreadable', severity: 'error', message: failureReason(e) }] });
      return undefined;
    }
  }

  /** The simulator measured `file`'s spike rates: re-analyze that model only (no re-read). */
  async applyMeasured(file: vscode.Uri, rates: ReadonlyMap<string, MeasuredActivity>): Promise<void> {
    await this.put(file, { type: 'applyMeasured', key: file.toString(), rates: [...rates], view: this.view(file) });
  }

  async selectArchitecture(id: string): Promise<void> {
    await this.selection.pick(id);
  }

  /** The selected architecture, and whether the JSON language service reports syntax errors (for `uri`'s folder). */
  private view(uri?: vscode.Uri): DiagnosticView {
    return { selected: this.selection.id, dropSyntax: jsonServiceReportsSyntax(uri) };
  }

  private async put<T extends 'putSpec' | 'putOnnx' | 'applyMeasured'>(
    uri: vscode.Uri,
    req: RequestOf<T>,
  ): Promise<ModelEntry | undefined> {
    const key = uri.toString();
    const seq = ++this.seq;
    this.latest.set(key, seq);
    const a = await progressAfter(PROGRESS_AFTER_MS, uri.path.split('/').pop() ?? key, this.client.request(req));
    if (this.latest.get(key) !== seq) return this.entry(uri); // stale: a newer put (or a close) came after
    const r: PutResult | undefined = a.ok
      ? (a.value as PutResult | undefined)
      : { key, diagnostics: [{ code: 'invalid-result', severity: 'error', message: `no analysis: ${a.error}` }] };
    if (r) this.show(r);
    return this.entry(uri);
  }

  /** Show a put's result: the digest kept, diagnostics published, the status bar and panel told. */
  private show(r: PutResult): void {
    const uri = vscode.Uri.parse(r.key);
    if (r.fixAll) this.fixAlls.set(r.key, { action: r.fixAll, docVersion: r.fixAllFor });
    else this.fixAlls.delete(r.key);
    if (!r.digest) this.digests.delete(r.key);
    else this.digests.set(r.key, r.digest);
    this.publisher.publish(uri, r);
    if (!r.digest) {
      // no stale verdict: the status bar and the panel forget the model until it reads again
      if (this.currentKey === r.key) this.emitter.fire(undefined);
      return;
    }
    if (this.currentKey === undefined) this.currentKey = r.key;
    if (this.currentKey === r.key) this.emitter.fire(this.entry(uri));
  }

  /**
   * Show the selection: the status bar and the panel first (from the digests: no worker round trip), then
   * every model's diagnostics on the new architecture, asked from the worker. Nothing is re-read or re-analyzed.
   */
  private republish(): void {
    this.emitter.fire(this.current);
    clearTimeout(this.republishTimer);
    this.republishTimer = setTimeout(async () => {
      const seqs = new Map(this.latest);
      const a = await this.client.request({ type: 'diagnostics', view: this.view() });
      if (a.ok) for (const r of a.value) if (seqs.get(r.key) === this.latest.get(r.key)) this.show(r);
    }, 0);
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
    if (!this.digests.has(key) || key === this.currentKey) return;
    this.currentKey = key;
    this.emitter.fire(this.current);
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.publisher.clear(uri);
    this.digests.delete(key);
    this.fixAlls.delete(key);
    this.known.delete(key);
    this.latest.set(key, ++this.seq);
    void this.client.request({ type: 'delete', key });
  }

  /** Open the model's document at the layer: its name in a spec, its node line in the ONNX text view. */
  async revealLayer(uri: vscode.Uri, layerName: string): Promise<void> {
    const r = await this.value({ type: 'layerRange', key: uri.toString(), layer: layerName });
    if (!r) return;
    const doc = await vscode.workspace.openTextDocument(r.onnx ? textViewUri(uri) : uri);
    const range = new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end));
    const editor = await vscode.window.showTextDocument(doc, {
      selection: r.onnx ? new vscode.Range(range.start, range.start) : range,
      viewColumn: vscode.ViewColumn.One,
      ...(r.onnx ? { preview: true } : {}),
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    clearTimeout(this.republishTimer);
    this.client.dispose();
    this.publisher.dispose();
    this.selection.dispose();
    this.emitter.dispose();
  }
}
