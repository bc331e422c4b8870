import * as vscode from 'vscode';
import snippets from '../../snippets/pytorch.json';

/** Insert the paper's sparsity regularizer: at the cursor of a Python editor, else in a new Python file. */
export async function insertRegularizer(): Promise<void> {
  const body = Object.values(snippets)[0].body.join('\n');
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === 'python') {
    await editor.insertSnippet(new vscode.SnippetString(body));
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
  const e = await vscode.window.showTextDocument(doc);
  await e.insertSnippet(new vscode.SnippetString(body));
}
