import { writeFileSync } from 'node:fs';
import { withheldText } from '../../core/analysis/coverage';
import { parseArchitecture } from '../../core/energy/validate-architecture';
import type { Problem } from '../../core/model/ir';
import { parseMeasurements } from '../../core/model/measurements';
import { lineIndex } from '../../core/model/line-index';
import { modelName } from '../../core/model/model-name';
import { parseOnnx } from '../../core/model/onnx/to-network';
import { bufferSource } from '../../core/model/onnx/wire';
import { formatReport } from '../../core/report/format';
import { layerHover, plainLayerHover } from '../../core/report/hover';
import type { PanelHostToWebview } from '../../shared/protocol';
import type { OnnxHostToWebview } from '../../shared/protocol';
import { checkSize, failureReason } from '../../node/file-source';
import { readOnnxFile, type ReadOnnx } from '../../node/read-onnx';
import { ModelStore, type Stored } from '../model-store';
import { onnxView } from '../onnx-view';
import { panelData } from '../panel/panel-data';
import { parseSpecText } from '../parse-spec-document';
import { codeActions, specFixAll } from './code-actions';
import { digestOf, plainDiagnostics } from './digest';
import type { DiagnosticView, ModelRequest, ModelResponses, PlainCodeAction, PutResult, RequestOf } from './protocol';

const utf8 = new TextEncoder();

/** A spec's text as the worker last parsed it: code actions and reports need it. */
interface SpecText {
  readonly text: string;
  readonly docVersion: number;
  readonly problems: readonly Problem[];
  /** Its "fix all", made once per text (results for an architecture pick or new settings reuse it). */
  readonly fixAll: PlainCodeAction | undefined;
}

/**
 * The model worker's state: the model store (every network and analysis), the specs' texts, and the
 * answer to each request. No vscode and no thread: the worker entry wires it to its port (unit-tested too).
 */
export class WorkerModels {
  private readonly store: ModelStore;
  private readonly texts = new Map<string, SpecText>();
  /** Problems of keys that have no model (shown again on a pick). */
  private readonly failed = new Map<string, readonly Problem[]>();

  constructor(private readonly log: (message: string) => void) {
    this.store = new ModelStore(
      { architectures: [], options: { defaultSpikeRate: 0.1, view: 'per-layer', nearMargin: 0.1 } },
      (key, e) => log(`analysis of ${key} failed: ${(e as Error).stack ?? e}`),
    );
  }

  handle<T extends ModelRequest['type']>(req: RequestOf<T>): ModelResponses[T];
  handle(req: ModelRequest): ModelResponses[ModelRequest['type']] {
    switch (req.type) {
      case 'setInputs':
        return this.store
          .setInputs({ architectures: req.architectures, options: req.options })
          .map((s) => this.result(s, req.view));
      case 'putSpec': {
        const parsed = parseSpecText(req.text, req.path, { maxBytes: req.maxBytes, raiseWith: req.raiseWith }, (e) =>
          this.log(`parsing ${req.key} failed: ${(e as Error).stack ?? e}`),
        );
        this.texts.set(req.key, {
          text: req.text,
          docVersion: req.docVersion,
          problems: parsed.problems,
          fixAll: specFixAll(req.text, parsed.problems),
        });
        return this.result(this.store.putParsedSpec(req.key, parsed), req.view, req.key);
      }
      case 'putOnnx':
        return this.result(
          this.store.putOnnx(req.key, this.readOnnx(req), req.rates && new Map(req.rates)),
          req.view,
          req.key,
        );
      case 'applyMeasured': {
        const s = this.store.applyMeasured(req.key, new Map(req.rates));
        return s && this.result(s, req.view, req.key);
      }
      case 'diagnostics':
        return [
          ...this.store.all().map((m) => this.result({ model: m }, req.view)),
          ...[...this.failed].map(([key, problems]) => this.result({ problems }, req.view, key)),
        ];
      case 'delete':
        this.store.delete(req.key);
        this.texts.delete(req.key);
        this.failed.delete(req.key);
        return null;
      case 'parseArchitecture':
        return parseArchitecture(textOf(req.text), new Set(req.taken));
      case 'parseRecord': {
        // a file the CLI's --measurements refuses (any problem) is no record here either
        const text = textOf(req.text);
        const m = parseMeasurements(text);
        return { record: jsonOrUndefined(text), rates: m.problems.length ? 0 : (m.value?.size ?? 0) };
      }
      case 'hover':
        return this.hover(req);
      case 'codeActions': {
        const t = this.texts.get(req.key);
        const text = req.text ?? t?.text ?? '';
        const problems =
          req.text === undefined
            ? (t?.problems ?? [])
            : parseSpecText(req.text, req.key, { maxBytes: Infinity, raiseWith: '' }, () => {}).problems;
        const m = this.store.get(req.key);
        return codeActions(req, text, problems, m);
      }
      case 'panel':
        return this.panel(req);
      case 'onnxView': {
        const m = this.store.get(req.key);
        if (!m?.onnx) return undefined;
        const msg: OnnxHostToWebview = { type: 'model', view: onnxView(m, req.file, req.selected) };
        return utf8.encode(JSON.stringify(msg));
      }
      case 'onnxText':
        return this.store.get(req.key)?.onnx?.text.text;
      case 'layerRange': {
        const m = this.store.get(req.key);
        const r = m?.network.layers.find((l) => l.name === req.layer)?.nameRange;
        return m && { start: r?.start ?? 0, end: r?.end ?? 0, onnx: m.onnx !== undefined };
      }
      case 'export': {
        const m = this.store.get(req.key);
        if (!m) return undefined;
        const text = m.onnx?.text.text ?? this.texts.get(req.key)?.text;
        const data = utf8.encode(
          formatReport(m.analysis, m.network, req.format, {
            source: req.source,
            position: text !== undefined ? lineIndex(text) : undefined,
            toolVersion: req.toolVersion,
          }),
        );
        if (req.target === undefined) return { bytes: data.length, data };
        writeFileSync(req.target, data);
        return { bytes: data.length };
      }
      default:
        return assertNever(req);
    }
  }

  /** Local files through the shared positional reader (its regular-file checks and cap); others from their bytes. */
  private readOnnx(req: RequestOf<'putOnnx'>): ReadOnnx {
    const limit = { maxBytes: req.maxBytes, raiseWith: req.raiseWith };
    try {
      if (!req.bytes) return readOnnxFile(req.path, {}, limit);
      checkSize(req.bytes.length, limit);
      return parseOnnx(bufferSource(req.bytes), { name: modelName(req.path) });
    } catch (e) {
      return {
        value: undefined,
        problems: [{ code: 'onnx-unreadable', severity: 'error', message: failureReason(e) }],
      };
    }
  }

  private result(s: Stored, view: DiagnosticView, key = s.model?.key ?? ''): PutResult {
    const spec = this.texts.get(key);
    const docVersion = spec?.docVersion;
    const fixAll = spec?.fixAll && !s.model?.onnx ? { fixAll: spec.fixAll, fixAllFor: docVersion } : {};
    if (s.model) {
      this.failed.delete(key);
      return { key, digest: digestOf(s.model, view, s.model.onnx ? undefined : docVersion), ...fixAll };
    }
    this.failed.set(key, s.problems);
    return { key, docVersion, diagnostics: plainDiagnostics(s.problems, view).diagnostics, ...fixAll };
  }

  private hover(req: RequestOf<'hover'>): ModelResponses['hover'] {
    const m = this.store.get(req.key);
    if (!m) return undefined;
    for (const layer of m.network.layers)
      for (const r of [layer.nameRange, layer.typeRange])
        if (r && req.offset >= r.start && req.offset <= r.end) {
          const markdown =
            layerHover(m.analysis, layer.name, req.selected) ??
            plainLayerHover(
              layer.name,
              layer.op,
              layer.outputShape,
              layer.notCosted,
              layer.elementOps ? { ops: layer.elementOps, approximation: layer.approximation } : undefined,
            );
          return { markdown, start: r.start, end: r.end };
        }
    return undefined;
  }

  private panel(req: RequestOf<'panel'>): Uint8Array | undefined {
    const m = this.store.get(req.key);
    if (!m) return undefined;
    const a = m.analysis;
    const msg: PanelHostToWebview = a.verdictWithheld
      ? // an incomplete model (or a spec with errors) gets no verdict: what is wrong, and where
        {
          type: 'empty',
          message: `${a.model.name}: ${withheldText(a.coverage)}. No verdict until every node that may carry compute is costed (${a.coverage.text}).`,
        }
      : { type: 'update', data: panelData(req.file, a, req.selected) };
    return utf8.encode(JSON.stringify(msg));
  }
}

function textOf(t: string | Uint8Array): string {
  return typeof t === 'string' ? t : new TextDecoder().decode(t);
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function assertNever(m: never): never {
  throw new Error(`unexpected request to the model worker: ${JSON.stringify(m)}`);
}
