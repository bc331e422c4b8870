import * as vscode from 'vscode';
import { ONNX_TEXT_SCHEME } from './commands';

/** The read-only text view of an ONNX file: `snn-energy-onnx:/…/model.onnxtxt?<the file's URI>`. */
export function textViewUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: ONNX_TEXT_SCHEME, path: `${file.path}txt`, query: file.toString() });
}

export function fileOfTextView(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(uri.query);
}

export function isOnnxFile(uri: vscode.Uri): boolean {
  return uri.scheme !== ONNX_TEXT_SCHEME && uri.path.toLowerCase().endsWith('.onnx');
}
