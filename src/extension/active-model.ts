import * as vscode from 'vscode';
import { ONNX_TEXT_SCHEME, VIEW } from './commands';
import { isOnnxFile } from './onnx-uri';

/** What the active editor tab shows: a layer spec, an ONNX model (its view or its text), the panel, or other. */
export type ActiveKind = 'spec' | 'onnx' | 'panel' | undefined;

export function activeKind(isSpec: (uri: vscode.Uri) => boolean): ActiveKind {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom) return input.viewType.endsWith(VIEW.onnxEditor) ? 'onnx' : undefined;
  if (input instanceof vscode.TabInputWebview)
    return input.viewType.endsWith(VIEW.comparisonPanel) ? 'panel' : undefined;
  if (input instanceof vscode.TabInputText) {
    if (input.uri.scheme === ONNX_TEXT_SCHEME || isOnnxFile(input.uri)) return 'onnx';
    return isSpec(input.uri) ? 'spec' : undefined;
  }
  return undefined;
}

/**
 * Keeps the `snnEnergy.activeModel` context key ('spec' | 'onnx', unset otherwise) in step with the active
 * tab, for the palette's `when` clauses and the status bar. The comparison panel keeps the last model's kind.
 */
export function trackActiveModel(
  isSpec: (uri: vscode.Uri) => boolean,
  changed: (kind: ActiveKind) => void,
): vscode.Disposable {
  let last: ActiveKind;
  let lastModel: ActiveKind;
  const update = () => {
    const kind = activeKind(isSpec);
    if (kind !== 'panel') lastModel = kind;
    const ctx = kind === 'panel' ? lastModel : kind;
    void vscode.commands.executeCommand('setContext', 'snnEnergy.activeModel', ctx);
    if (kind !== last) {
      last = kind;
      changed(kind);
    }
  };
  update();
  return vscode.Disposable.from(
    vscode.window.tabGroups.onDidChangeTabs(update),
    vscode.window.tabGroups.onDidChangeTabGroups(update),
    vscode.window.onDidChangeActiveTextEditor(update),
  );
}
