import type { Network, Problem } from '../core/model/ir';
import { parseLayerSpec } from '../core/model/layer-spec/parse';
import { lineIndex, type LineColumn } from '../core/report/line-index';
import type { Architecture } from '../core/energy/architecture';
import { BUILTIN_ARCHITECTURES, findBuiltin } from '../core/energy/builtins';
import { parseArchitecture } from '../core/energy/validate-architecture';
import { parseMeasurements } from '../core/model/measurements';
import type { MeasuredActivity } from '../core/analysis/types';
import { modelName } from '../core/model/model-name';
import { readOnnxFile } from '../node/read-onnx';
import { FileRefused, readFailure, readRegularFile, type FileLimit } from '../node/file-source';

const BUILTIN_IDS: ReadonlySet<string> = new Set(BUILTIN_ARCHITECTURES.map((a) => a.id));

export class InputError extends Error {}

export interface LoadedModel {
  readonly path: string;
  readonly network: Network | undefined;
  readonly problems: readonly Problem[];
  readonly position?: (offset: number) => LineColumn;
}

export interface ModelOptions {
  readonly inputShapes: Record<string, number[]>;
  readonly dims: Record<string, number>;
  readonly maxTextBytes: number;
  readonly maxBinaryBytes: number;
}

export const textLimit = (o: { maxTextBytes: number }): FileLimit => ({
  maxBytes: o.maxTextBytes,
  raiseWith: '--max-text-mb',
});
export const binaryLimit = (o: { maxBinaryBytes: number }): FileLimit => ({
  maxBytes: o.maxBinaryBytes,
  raiseWith: '--max-binary-mb',
});

/** Read a model (layer spec or ONNX). Unreadable files are InputErrors; bad content is problems. */
export async function loadModel(path: string, opts: ModelOptions): Promise<LoadedModel> {
  if (path.toLowerCase().endsWith('.onnx')) return { path, ...loadOnnx(path, opts) };
  const text = await readText(path, textLimit(opts));
  const r = parseLayerSpec(text, modelName(path));
  return { path, network: r.value, problems: r.problems, position: lineIndex(text) };
}

/** An ONNX model's structure (weights stay on disk), findings placed on its text view's lines. FIFOs, devices and files over the limit are refused. */
function loadOnnx(path: string, opts: ModelOptions): Omit<LoadedModel, 'path'> {
  let r;
  try {
    r = readOnnxFile(path, { dims: opts.dims, inputShapes: opts.inputShapes }, binaryLimit(opts));
  } catch (e) {
    if (!(e instanceof FileRefused) && (e as NodeJS.ErrnoException).code === undefined) throw e;
    throw new InputError(readFailure(path, e));
  }
  const text = r.value?.text.text;
  return { network: r.value?.network, problems: r.problems, position: text ? lineIndex(text) : undefined };
}

/** A regular file's text, within the limit; anything else is an InputError naming the path. */
export async function readText(path: string, limit: FileLimit, flag = ''): Promise<string> {
  try {
    return new TextDecoder().decode(await readRegularFile(path, limit));
  } catch (e) {
    throw new InputError(`${flag ? `${flag} ` : ''}${readFailure(path, e)}`);
  }
}

/** `--arch` values: built-in ids or *.arch.json files; none → every built-in. */
export async function loadArchitectures(specs: readonly string[], limit: FileLimit): Promise<Architecture[]> {
  if (!specs.length) return [...BUILTIN_ARCHITECTURES];
  const out: Architecture[] = [];
  for (const s of specs) {
    const builtin = findBuiltin(s);
    if (builtin) {
      out.push(builtin);
      continue;
    }
    if (!/\.json$/i.test(s))
      throw new InputError(
        `unknown architecture "${s}": use one of ${BUILTIN_ARCHITECTURES.map((a) => a.id).join(', ')}, or a path to an *.arch.json file`,
      );
    const text = await readText(s, limit, '--arch');
    const r = parseArchitecture(text, BUILTIN_IDS);
    const errors = r.problems.filter((p) => p.severity === 'error');
    if (errors.length || !r.value) {
      const at = lineIndex(text);
      throw new InputError(
        errors
          .map(
            (p) =>
              `${s}:${p.range ? `${at(p.range.start).line}:${at(p.range.start).column}` : '1:1'}: error ${p.code}: ${p.message}`,
          )
          .join('\n'),
      );
    }
    for (const a of r.value) {
      if (out.some((b) => b.id === a.id))
        throw new InputError(`${s}: architecture id "${a.id}" is given twice: give each --arch file its own id`);
      out.push(a);
    }
  }
  return out;
}

export async function loadMeasurements(
  path: string | undefined,
  limit: FileLimit,
): Promise<Map<string, MeasuredActivity> | undefined> {
  if (!path) return undefined;
  const text = await readText(path, limit, '--measurements');
  const r = parseMeasurements(text);
  if (r.problems.length || !r.value) {
    const at = lineIndex(text);
    throw new InputError(
      r.problems
        .map((p) => `${path}:${p.range ? at(p.range.start).line : 1}: error ${p.code}: ${p.message}`)
        .join('\n'),
    );
  }
  return r.value;
}
