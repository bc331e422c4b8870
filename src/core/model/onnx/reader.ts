import type { ParseResult } from '../ir';
import { decodeModel } from './decode';
import type { ByteSource, OnnxModel } from './types';
import { WireError, WireReader } from './wire';

/**
 * Read an ONNX model's structure (graph, nodes, attributes, initializer names/types/shapes and payload
 * locations) without reading weight payloads. Never throws on bad bytes: one `onnx-unreadable` problem.
 */
export function readOnnx(source: ByteSource): ParseResult<OnnxModel> & { bytesRead: number; reads: number } {
  const r = new WireReader(source);
  try {
    if (source.size === 0) throw new WireError('not an ONNX model: the file is empty', 0);
    const model = decodeModel(r);
    return { value: model, problems: [], bytesRead: r.bytesRead, reads: r.reads };
  } catch (e) {
    if (!(e instanceof WireError) && !(e instanceof RangeError)) throw e;
    const message = e instanceof WireError ? describe(e) : `not an ONNX model: ${e.message}`;
    return {
      value: undefined,
      problems: [{ code: 'onnx-unreadable', severity: 'error', message, range: { start: 0, end: 0 } }],
      bytesRead: r.bytesRead,
      reads: r.reads,
    };
  }
}

function describe(e: WireError): string {
  if (e.message.startsWith('not an ONNX model') || e.message.startsWith('truncated')) return e.message;
  return `not an ONNX model: ${e.message}`;
}
