import * as vscode from 'vscode';

const EXAMPLE = 'vgg16-cifar10.layers.json';

/**
 * `snnEnergy.openExample`: the bundled VGG-16 spec as a new, unsaved `vgg16-cifar10.layers.json` (in the
 * workspace folder when there is one, so saving puts it there), never the installed file itself.
 */
export async function openExample(extensionUri: vscode.Uri): Promise<void> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'examples', EXAMPLE));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = folder ? vscode.Uri.joinPath(folder, EXAMPLE) : undefined;
  if (target && (await exists(target))) {
    await vscode.window.showTextDocument(target);
    return;
  }
  const untitled = target ? target.with({ scheme: 'untitled' }) : vscode.Uri.parse(`untitled:${EXAMPLE}`);
  const doc = await vscode.workspace.openTextDocument(untitled);
  if (!doc.getText()) {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(untitled, new vscode.Position(0, 0), new TextDecoder().decode(bytes));
    await vscode.workspace.applyEdit(edit);
  }
  await vscode.window.showTextDocument(doc);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
