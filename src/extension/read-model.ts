import * as vscode from 'vscode';
import { modelName } from '../core/model/model-name';
import { parseOnnx } from '../core/model/onnx/to-network';
import { bufferSource } from '../core/model/onnx/wire';
import { readOnnxFile, type ReadOnnx } from '../node/read-onnx';
import { checkSize, FileRefused, type FileLimit } from '../node/file-source';

/**
 * Read an ONNX model's structure: local files through the shared positional reader, others whole
 * through workspace.fs (it has no ranged read).
 */
export async function readOnnxUri(uri: vscode.Uri, limit: FileLimit): Promise<ReadOnnx> {
  if (uri.scheme === 'file') return readOnnxFile(uri.fsPath, {}, limit);
  const st = await vscode.workspace.fs.stat(uri);
  if (!(st.type & vscode.FileType.File)) throw new FileRefused('not a regular file: refused');
  checkSize(st.size, limit);
  const bytes = await vscode.workspace.fs.readFile(uri);
  return parseOnnx(bufferSource(bytes), { name: modelName(uri.path) });
}
