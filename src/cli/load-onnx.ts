import { basename } from 'node:path';
import type { Network, Problem } from '../core/model/ir';
import { parseOnnx } from '../core/model/onnx/to-network';
import { openFileSource } from '../node/file-source';
import { InputError, type ModelOptions } from './load';

/** Read an ONNX model's structure with positional reads; weights stay on disk. */
export function loadOnnx(
  path: string,
  opts: ModelOptions,
): { network: Network | undefined; problems: readonly Problem[] } {
  let source;
  try {
    source = openFileSource(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const r = parseOnnx(source, {
      name: basename(path).replace(/\.onnx$/i, ''),
      dims: opts.dims,
      inputShapes: opts.inputShapes,
    });
    return { network: r.value?.network, problems: r.problems };
  } finally {
    source.close();
  }
}
