import type { ParseResult, Network } from '../core/model/ir';
import { modelName } from '../core/model/model-name';
import { parseOnnx, type OnnxNetworkOptions } from '../core/model/onnx/to-network';
import type { OnnxText } from '../core/model/onnx/text';
import type { OnnxModel } from '../core/model/onnx/types';
import { BINARY_LIMIT, openFileSource, type FileLimit } from './file-source';

export type ReadOnnx = ParseResult<{ model: OnnxModel; network: Network; text: OnnxText }>;

/**
 * Read an ONNX file's structure with positional reads (a 500 MB model costs what a 1 MB one does;
 * weights stay on disk). The CLI and the extension both read local models here. Bad content is
 * problems; a file that cannot be opened throws the fs error, and a FIFO, device or file over `limit`
 * throws FileRefused (before any blocking open or read); each caller reports it its own way.
 */
export function readOnnxFile(path: string, opts: OnnxNetworkOptions = {}, limit: FileLimit = BINARY_LIMIT): ReadOnnx {
  const source = openFileSource(path, limit);
  try {
    return parseOnnx(source, { name: modelName(path), ...opts });
  } finally {
    source.close();
  }
}
