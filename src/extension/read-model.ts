import * as vscode from 'vscode';
import type { ParseResult } from '../core/model/ir';
import type { Network } from '../core/model/ir';
import type { OnnxModel } from '../core/model/onnx/types';
import { parseOnnx } from '../core/model/onnx/to-network';
import { bufferSource } from '../core/model/onnx/wire';
import { openFileSource } from '../node/file-source';

/**
 * Read an ONNX model's structure: positional reads for local files (a 500 MB model costs what a
 * 1 MB one does), the whole file through workspace.fs otherwise (it has no ranged read).
 */
export async function readOnnxUri(
  uri: vscode.Uri,
  name: string,
): Promise<ParseResult<{ model: OnnxModel; network: Network }>> {
  if (uri.scheme === 'file') {
    const src = openFileSource(uri.fsPath);
    try {
      return parseOnnx(src, { name });
    } finally {
      src.close();
    }
  }
  const bytes = await vscode.workspace.fs.readFile(uri);
  return parseOnnx(bufferSource(bytes), { name });
}
