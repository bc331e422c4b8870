import { readFileSync, statSync } from 'node:fs';
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
}

/** Read a model (layer spec or ONNX). Unreadable files are InputErrors; bad content is problems. */
export function loadModel(path: string, opts: ModelOptions): LoadedModel {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError(`${path}: not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (path.toLowerCase().endsWith('.onnx')) return { path, ...loadOnnx(path, opts) };
  if (size > 64 * 1024 * 1024) throw new InputError(`${path}: ${size} bytes is too large for a layer spec`);
  const text = readText(path);
  const r = parseLayerSpec(text, modelName(path));
  return { path, network: r.value, problems: r.problems, position: lineIndex(text) };
}

/** An ONNX model's structure (weights stay on disk); findings are placed on the lines of its text view. */
function loadOnnx(path: string, opts: ModelOptions): Omit<LoadedModel, 'path'> {
  let r;
  try {
    r = readOnnxFile(path, { dims: opts.dims, inputShapes: opts.inputShapes });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    throw new InputError(`${path}: cannot read (${code})`);
  }
  const text = r.value?.text.text;
  return { network: r.value?.network, problems: r.problems, position: text ? lineIndex(text) : undefined };
}

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** `--arch` values: built-in ids or *.arch.json files; none → every built-in. */
export function loadArchitectures(specs: readonly string[]): Architecture[] {
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
    const text = readText(s);
    const r = parseArchitecture(text);
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
    out.push(...r.value);
  }
  return out;
}

export function loadMeasurements(path: string | undefined): Map<string, MeasuredActivity> | undefined {
  if (!path) return undefined;
  const text = readText(path);
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
