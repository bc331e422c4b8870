import type { MeasuredActivity } from '../../core/analysis/types';
import type { Architecture } from '../../core/energy/architecture';
import type { Problem, Severity } from '../../core/model/ir';
import type { ReportFormat } from '../../core/report/format';
import type { StoreInputs } from '../model-store';

/**
 * The typed protocol between the extension host and the model worker (dist/model-worker.js), which owns
 * every model's network and analysis. The host keeps only digests (small, cloned cheaply) and asks for the
 * rest. Each request carries an id; each response answers one id, with its value or an error as a value.
 */

/** A diagnostic as plain data: offsets (a spec; the host converts them) or lines and columns (an ONNX text view). */
export interface PlainDiagnostic {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly range?: PlainRange;
  readonly related?: readonly { readonly message: string; readonly range?: PlainRange }[];
}

/** Character offsets, plus 0-based line/character when the worker holds the text (the ONNX text view). */
export interface PlainRange {
  readonly start: number;
  readonly end: number;
  readonly lines?: readonly [startLine: number, startChar: number, endLine: number, endChar: number];
}

/** VS Code shows at most this many diagnostics per file; errors go first. */
export const MAX_DIAGNOSTICS = 1000;

/** What the host keeps of one model: enough for the status bar, the pick and diagnostics, nothing more. */
export interface ModelDigest {
  readonly key: string;
  /** The store's version: increases with every recomputation. */
  readonly version: number;
  /** The spec document's version the text came from (specs only). */
  readonly docVersion?: number;
  readonly name: string;
  readonly onnx: boolean;
  readonly layers: number;
  readonly withheld: boolean;
  /** Why no verdict, when withheld (withheldText). */
  readonly withheldText: string;
  readonly coverageText: string;
  readonly architectures: readonly DigestArchitecture[];
  /** Diagnostics on the selected architecture (`diagnosticsFor`), capped at MAX_DIAGNOSTICS, errors first. */
  readonly diagnostics: readonly PlainDiagnostic[];
  readonly diagnosticsFor: string;
  /** How many there were before the cap. */
  readonly diagnosticsTotal: number;
}

export interface DigestArchitecture {
  readonly id: string;
  readonly name: string;
  readonly ratio: number;
  readonly cheaperAs: 'snn' | 'qnn';
}

/** A put's answer: the model's digest, or the problems to show on the file when there is no model. */
export type PutResult = (
  | { readonly key: string; readonly digest: ModelDigest }
  | {
      readonly key: string;
      readonly digest?: undefined;
      readonly docVersion?: number;
      readonly diagnostics: readonly PlainDiagnostic[];
    }
) & {
  /**
   * A spec's "fix all" for the text version the worker parsed (`fixAllFor`), when it has safe fixes: the host
   * answers VS Code's Fix All from it at once (a worker round trip there loses to VS Code cancelling the
   * request when the editor takes the focus back from the command palette).
   */
  readonly fixAll?: PlainCodeAction;
  readonly fixAllFor?: number;
};

/** How diagnostics are made: which architecture, and whether the JSON language service reports syntax. */
export interface DiagnosticView {
  readonly selected: string;
  readonly dropSyntax: boolean;
}

export type Rates = readonly (readonly [string, MeasuredActivity])[];

export type CodeActionCommand =
  | { readonly kind: 'simulate' }
  | { readonly kind: 'openComparison'; readonly layer?: string }
  | { readonly kind: 'regularizer' };

export interface PlainEdit {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
}

/** A code action as data: the host turns it into a vscode.CodeAction. */
export interface PlainCodeAction {
  readonly title: string;
  readonly kind: 'quickfix' | 'fixAll';
  readonly edits?: readonly PlainEdit[];
  readonly command?: CodeActionCommand;
  /** Indexes into the request's diagnostics. */
  readonly diagnostics: readonly number[];
  readonly isPreferred?: boolean;
}

/** A diagnostic the host asks code actions for: ours, by code, message and start offset. */
export interface AskedDiagnostic {
  readonly code: string;
  readonly message: string;
  readonly start: number;
}

export type ModelRequest =
  | {
      readonly type: 'setInputs';
      readonly architectures: readonly Architecture[];
      readonly options: StoreInputs['options'];
      readonly view: DiagnosticView;
    }
  | {
      readonly type: 'putSpec';
      readonly key: string;
      readonly path: string;
      readonly text: string;
      readonly docVersion: number;
      readonly maxBytes: number;
      readonly raiseWith: string;
      readonly view: DiagnosticView;
    }
  | {
      readonly type: 'putOnnx';
      readonly key: string;
      /** A local file's path (the worker reads it with its own checks), or the bytes of another scheme's file. */
      readonly path: string;
      readonly bytes?: Uint8Array;
      readonly maxBytes: number;
      readonly raiseWith: string;
      readonly rates?: Rates;
      readonly view: DiagnosticView;
    }
  | { readonly type: 'applyMeasured'; readonly key: string; readonly rates: Rates; readonly view: DiagnosticView }
  | { readonly type: 'diagnostics'; readonly view: DiagnosticView }
  | { readonly type: 'delete'; readonly key: string }
  /**
   * A custom architecture document (`*.arch.json`: an open document's text, or a file's bytes): its
   * architectures, or its problems; `taken`: ids in use.
   */
  | { readonly type: 'parseArchitecture'; readonly text: string | Uint8Array; readonly taken: readonly string[] }
  /** A measurements file (`<model>.measurements.json`, its bytes): its JSON, and how many rates `--measurements` reads. */
  | { readonly type: 'parseRecord'; readonly text: string | Uint8Array }
  | { readonly type: 'hover'; readonly key: string; readonly offset: number; readonly selected: string }
  | {
      readonly type: 'codeActions';
      readonly key: string;
      readonly docVersion: number;
      /** The document's text when the worker's copy is not of docVersion (or undefined). */
      readonly text?: string;
      readonly editable: boolean;
      readonly isSpec: boolean;
      readonly onlyFixAll: boolean;
      readonly diagnostics: readonly AskedDiagnostic[];
    }
  | { readonly type: 'panel'; readonly key: string; readonly file: string; readonly selected: string }
  | { readonly type: 'onnxView'; readonly key: string; readonly file: string; readonly selected: string }
  | { readonly type: 'onnxText'; readonly key: string }
  | { readonly type: 'layerRange'; readonly key: string; readonly layer: string }
  | {
      readonly type: 'export';
      readonly key: string;
      readonly format: ReportFormat;
      readonly source: string;
      readonly toolVersion: string;
      /** A local file to write the report to (the worker writes it); else the report comes back as bytes. */
      readonly target?: string;
    };

/** The value each request answers with. */
export interface ModelResponses {
  setInputs: readonly PutResult[];
  putSpec: PutResult;
  putOnnx: PutResult;
  applyMeasured: PutResult | undefined;
  diagnostics: readonly PutResult[];
  delete: null;
  parseArchitecture: { readonly value?: readonly Architecture[]; readonly problems: readonly Problem[] };
  parseRecord: { readonly record: unknown; readonly rates: number };
  hover: { readonly markdown: string; readonly start: number; readonly end: number } | undefined;
  codeActions: readonly PlainCodeAction[];
  /**
   * The webview message as UTF-8 JSON, transferred (not copied) to the host, which hands the bytes to the
   * webview as they are (`{ type: 'encoded' }`); the webview parses them. The host never holds the data.
   */
  panel: Uint8Array | undefined;
  onnxView: Uint8Array | undefined;
  onnxText: string | undefined;
  layerRange: { readonly start: number; readonly end: number; readonly onnx: boolean } | undefined;
  /** The report's size; its bytes (transferred) unless the worker wrote it to `target`. */
  export: { readonly bytes: number; readonly data?: Uint8Array } | undefined;
}

export type ModelRequestType = ModelRequest['type'];
export type RequestOf<T extends ModelRequestType> = Extract<ModelRequest, { type: T }>;

/** What asks the model worker requests of type T (ModelService.value): the answer, or undefined when none. */
export interface WorkerAsk<T extends ModelRequestType> {
  value(req: RequestOf<T>): Promise<ModelResponses[T] | undefined>;
}

/** A request; or a part of the long `text` of the request with the same id, which follows with `parts`. */
export type WorkerInbound =
  | { readonly id: number; readonly request: ModelRequest; readonly parts?: boolean }
  | { readonly id: number; readonly part: string };
export type WorkerOutbound =
  | { readonly id: number; readonly ok: true; readonly value: unknown; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly error: string };
