import * as vscode from 'vscode';
import { checkSize, FileRefused, type FileLimit } from '../node/file-source';

/**
 * An ONNX model that is not a local file, read whole through workspace.fs (it has no ranged read) for the
 * model worker; a local file is read by the worker itself, by path (positional reads, regular files only).
 */
export async function onnxBytes(uri: vscode.Uri, limit: FileLimit): Promise<Uint8Array> {
  const st = await vscode.workspace.fs.stat(uri);
  if (!(st.type & vscode.FileType.File)) throw new FileRefused('not a regular file: refused');
  checkSize(st.size, limit);
  return vscode.workspace.fs.readFile(uri);
}
