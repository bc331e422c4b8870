import * as assert from 'node:assert';
import * as vscode from 'vscode';

const ws = () => vscode.workspace.workspaceFolders![0].uri;
const file = (name: string) => vscode.Uri.joinPath(ws(), name);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, f: () => T | undefined | false, ms = 20_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const diags = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'snn-energy');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(file(name));
  return vscode.window.showTextDocument(doc);
}

describe('SNN Energy Lint in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension('snn-energy-lint.snn-energy-lint')!.activate();
  });

  it('puts an error on an unknown layer type and removes it when fixed', async () => {
    const e = await open('broken.layers.json');
    const bad = await until('unknown-layer-type', () =>
      diags(e.document.uri).find((d) => codeOf(d) === 'unknown-layer-type'),
    );
    assert.strictEqual(e.document.getText(bad.range), '"conv"');
    assert.strictEqual(bad.severity, vscode.DiagnosticSeverity.Error);
    assert.match((bad.code as { target: vscode.Uri }).target.toString(), /docs\/rules\/unknown-layer-type\.md$/);
    await e.edit((b) => b.replace(bad.range, '"conv2d"'));
    await until('the error to go', () => !diags(e.document.uri).some((d) => codeOf(d) === 'unknown-layer-type'));
    const warn = await until('below-break-even', () =>
      diags(e.document.uri).find(
        (d) => codeOf(d) === 'below-break-even' && d.severity === vscode.DiagnosticSeverity.Warning,
      ),
    );
    assert.strictEqual(e.document.getText(warn.range), '"conv1"');
    assert.match(warn.message, /^spike rate 20\.0% > break-even \d+\.\d% for conv2 on /);
  });

  it('lints the bundled VGG-16 spec and shows a hover with the energy breakdown', async () => {
    const e = await open('vgg16-cifar10.layers.json');
    await until('diagnostics', () => diags(e.document.uri).length > 0);
    const pos = e.document.positionAt(e.document.getText().indexOf('"conv1_2"') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      e.document.uri,
      pos,
    );
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)))
      .join('\n');
    assert.match(text, /\*\*conv1\\_2\*\* · conv2d · Improved spatial dataflow/);
    assert.match(text, /MACs \(QNN\): 37\.75 M/);
    assert.match(text, /break-even spike rate \*\*7\.23%\*\* \(sparsity ≥ 92\.77%\)/);
    assert.match(text, /Other architectures \(SNN\/QNN\): memory-hierarchy/);
  });

  it('applies the hybrid code action: "execution": "qnn" on the consumer', async () => {
    const e = await open('vgg16-cifar10.layers.json');
    const d = await until('a producer warning', () =>
      diags(e.document.uri).find((x) => codeOf(x) === 'below-break-even' && /for conv1_2/.test(x.message)),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      e.document.uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    const hybrid = actions.find((a) => a.title.startsWith('Run conv1_2 as a QNN'));
    assert.ok(hybrid?.edit, titles.join(' | '));
    assert.ok(
      titles.some((t) => /^Set timesteps to \d+/.test(t)),
      titles.join(' | '),
    );
    assert.ok(
      titles.some((t) => t.startsWith('Open the comparison view')),
      titles.join(' | '),
    );
    await vscode.workspace.applyEdit(hybrid!.edit!);
    const line = e.document.lineAt(e.document.positionAt(e.document.getText().indexOf('"conv1_2"')).line).text;
    assert.match(line, /"execution": "qnn"/);
    await until('the warning to go', () => !diags(e.document.uri).some((x) => /for conv1_2 on/.test(x.message)));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('re-lints when a setting changes', async () => {
    const e = await open('tiny.layers.json');
    await until('spatial findings', () =>
      diags(e.document.uri).some((d) => /Improved spatial dataflow/.test(d.message)),
    );
    await vscode.workspace
      .getConfiguration('snnEnergy')
      .update('architecture', 'memory-hierarchy', vscode.ConfigurationTarget.Workspace);
    await until('memory-hierarchy findings', () =>
      diags(e.document.uri).some((d) => /Multi-level memory hierarchy/.test(d.message)),
    );
    await vscode.workspace
      .getConfiguration('snnEnergy')
      .update('architecture', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('opens .onnx in the model view and its text view carries the findings at the node line', async () => {
    const onnx = file('cnn_bn.onnx');
    await vscode.commands.executeCommand('vscode.openWith', onnx, 'snnEnergy.onnxModel');
    await until('the custom editor tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.viewType === 'snnEnergy.onnxModel';
    });
    await vscode.commands.executeCommand('snnEnergy.openOnnxAsText', onnx);
    const editor = await until(
      'the text view',
      () => vscode.window.activeTextEditor?.document.uri.scheme === 'snn-energy-onnx' && vscode.window.activeTextEditor,
    );
    assert.strictEqual(editor.document.languageId, 'onnx-text');
    assert.match(editor.document.getText(), /= Conv <dilations: ints = \[1, 1\]/);
    const d = await until('text view diagnostics', () =>
      diags(editor.document.uri).find((x) => codeOf(x) === 'below-break-even'),
    );
    const line = editor.document.lineAt(d.range.start.line).text;
    assert.match(line, /# \/(Relu|conv1\/Conv)/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(
        editor.document
          .getText()
          .split('\n')
          .findIndex((l) => /= Conv /.test(l)),
        6,
      ),
    );
    assert.ok(hovers.length > 0, 'a hover on the Conv line');
  });
});
