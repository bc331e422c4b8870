import * as vscode from 'vscode';
import { ONNX_TEXT_SCHEME } from './commands';

const DEBOUNCE_MS = 300;

/** What the tracker reports; each kind of document has its own handlers. */
export interface TrackedKinds {
  /** A layer spec (the settings' globs decide). */
  isSpec(doc: vscode.TextDocument): boolean;
  spec: { lint(doc: vscode.TextDocument): void; closed(uri: vscode.Uri): void };
  /** An `*.arch.json` document. */
  architecture: { lint(doc: vscode.TextDocument): void; closed(uri: vscode.Uri): void };
  /** The read-only text view of an ONNX model. */
  textView: { opened(uri: vscode.Uri): void; closed(uri: vscode.Uri): void };
}

export const isArchitectureFile = (doc: vscode.TextDocument) => doc.uri.path.endsWith('.arch.json');

/**
 * Document tracking: which open documents are specs, architecture files or ONNX text views; lints them
 * on open, after the user pauses typing (one debounce for all), and says when they close.
 */
export class DocumentTracker implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subs: vscode.Disposable[];

  constructor(private readonly kinds: TrackedKinds) {
    this.subs = [
      vscode.workspace.onDidOpenTextDocument((d) => this.opened(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.changed(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
    ];
  }

  /** Lint every document already open (on activation). */
  openAll(): void {
    for (const d of vscode.workspace.textDocuments) this.opened(d);
  }

  private opened(doc: vscode.TextDocument): void {
    if (doc.uri.scheme === ONNX_TEXT_SCHEME) this.kinds.textView.opened(doc.uri);
    else if (isArchitectureFile(doc)) this.kinds.architecture.lint(doc);
    else if (this.kinds.isSpec(doc)) this.kinds.spec.lint(doc);
  }

  private changed(doc: vscode.TextDocument): void {
    if (doc.uri.scheme === ONNX_TEXT_SCHEME) return;
    const lint = isArchitectureFile(doc)
      ? this.kinds.architecture.lint
      : this.kinds.isSpec(doc)
        ? this.kinds.spec.lint
        : undefined;
    if (lint) this.debounce(doc, lint);
  }

  private closed(doc: vscode.TextDocument): void {
    this.cancel(doc.uri);
    if (doc.uri.scheme === ONNX_TEXT_SCHEME) this.kinds.textView.closed(doc.uri);
    else if (isArchitectureFile(doc)) this.kinds.architecture.closed(doc.uri);
    else if (this.kinds.isSpec(doc)) this.kinds.spec.closed(doc.uri);
  }

  private debounce(doc: vscode.TextDocument, lint: (doc: vscode.TextDocument) => void): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) lint(doc);
      }, DEBOUNCE_MS),
    );
  }

  cancel(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subs) s.dispose();
  }
}
