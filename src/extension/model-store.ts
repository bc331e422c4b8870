import { analyze } from '../core/analysis/analyze';
import { resultFault } from '../core/analysis/guard';
import type { Analysis, AnalysisOptions, MeasuredActivity } from '../core/analysis/types';
import type { Architecture } from '../core/energy/architecture';
import type { Network, ParseResult, Problem } from '../core/model/ir';
import { parseLayerSpec } from '../core/model/layer-spec/parse';
import { modelName } from '../core/model/model-name';
import type { OnnxText } from '../core/model/onnx/text';
import type { OnnxModel } from '../core/model/onnx/types';

export type Rates = ReadonlyMap<string, MeasuredActivity>;

/** One model the editor knows: its network, the analysis on every architecture, and for ONNX its text view. */
export interface StoredModel {
  /** The model's document URI, as a string. */
  readonly key: string;
  readonly network: Network;
  readonly analysis: Analysis;
  /** Parse problems (also in analysis.findings). */
  readonly problems: readonly Problem[];
  readonly onnx?: { readonly model: OnnxModel; readonly text: OnnxText };
  /** Increases with every recomputation of any model. */
  readonly version: number;
}

/** What a put returns: the stored model, or the problems to show when there is none. */
export type Stored =
  { readonly model: StoredModel } | { readonly model?: undefined; readonly problems: readonly Problem[] };

/** The analysis inputs that are not the model: architectures and settings. */
export interface StoreInputs {
  readonly architectures: readonly Architecture[];
  readonly options: Omit<AnalysisOptions, 'measured'>;
}

/**
 * Every open model's network and analysis (no vscode: unit-tested). A model is parsed when its text or
 * file changes; settings, architectures and measured spike rates re-analyze the stored network,
 * never re-read or re-parse it. The selected architecture is not an input: every analysis covers all.
 */
export class ModelStore {
  private readonly models = new Map<string, StoredModel>();
  private readonly measured = new Map<string, Rates>();
  private version = 0;

  constructor(
    private inputs: StoreInputs,
    private readonly onError: (key: string, e: unknown) => void = () => {},
  ) {}

  get architectures(): readonly Architecture[] {
    return this.inputs.architectures;
  }

  get(key: string): StoredModel | undefined {
    return this.models.get(key);
  }

  all(): StoredModel[] {
    return [...this.models.values()];
  }

  delete(key: string): void {
    this.models.delete(key);
    this.measured.delete(key);
  }

  /** Parse and analyze a layer spec's text. */
  putSpec(key: string, path: string, text: string): Stored {
    return this.putParsedSpec(key, parseLayerSpec(text, modelName(path)));
  }

  /** Analyze a parsed layer spec (the editor parses within its size limit). */
  putParsedSpec(key: string, parsed: ParseResult<Network>): Stored {
    if (!parsed.value) {
      this.models.delete(key);
      return { problems: parsed.problems };
    }
    return this.store(key, parsed.value, parsed.problems);
  }

  /** Store a read ONNX model, with the rates measured on its current content (or none). */
  putOnnx(
    key: string,
    read: ParseResult<{ model: OnnxModel; network: Network; text: OnnxText }>,
    rates?: Rates,
  ): Stored {
    if (rates) this.measured.set(key, rates);
    else this.measured.delete(key);
    if (!read.value) {
      this.models.delete(key);
      return { problems: read.problems };
    }
    const { model, network, text } = read.value;
    return this.store(key, network, read.problems, { model, text });
  }

  /** The simulator measured this model's spike rates: re-analyze it with them (no re-read). */
  applyMeasured(key: string, rates: Rates): Stored | undefined {
    this.measured.set(key, rates);
    const m = this.models.get(key);
    return m && this.store(key, m.network, m.problems, m.onnx);
  }

  measuredFor(key: string): Rates | undefined {
    return this.measured.get(key);
  }

  /** Settings or architectures changed: re-analyze every stored network (no re-read, no re-parse). */
  setInputs(inputs: StoreInputs): Stored[] {
    this.inputs = inputs;
    return this.all().map((m) => this.store(m.key, m.network, m.problems, m.onnx));
  }

  private store(key: string, network: Network, problems: readonly Problem[], onnx?: StoredModel['onnx']): Stored {
    let analysis: Analysis;
    try {
      analysis = analyze(network, this.inputs.architectures, {
        ...this.inputs.options,
        measured: this.measured.get(key),
      });
    } catch (e) {
      // a bug must not hide the user's problems: they are still shown, and the error is logged
      this.onError(key, e);
      this.models.delete(key);
      return { problems };
    }
    const fault = resultFault(analysis);
    if (fault) {
      // never shown as a result: the problems and the reason, no model for hovers or the panel
      this.models.delete(key);
      return { problems: [...problems, fault] };
    }
    const model: StoredModel = { key, network, analysis, problems, onnx, version: ++this.version };
    this.models.set(key, model);
    return { model };
  }
}
