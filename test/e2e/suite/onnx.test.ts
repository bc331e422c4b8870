import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, codeOf, diags, file, hoverText, quickFixes, until } from './util';

/** The model's text view, where its findings are listed (once). */
const textView = (f: vscode.Uri) =>
  vscode.Uri.from({ scheme: 'snn-energy-onnx', path: `${f.path}txt`, query: f.toString() });

describe('ONNX models in VS Code', () => {
  const onnx = () => file('cnn_bn.onnx');
  before(activate);

  it('opens .onnx in the read-only model view', async () => {
    await vscode.commands.executeCommand('vscode.openWith', onnx(), 'snnEnergy.onnxModel');
    await until('the custom editor tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.viewType === 'snnEnergy.onnxModel';
    });
  });

  it('lists each finding once, on its node line of the text view (a Problems entry opens the model there)', async () => {
    const d = await until('diagnostics', () => diags(textView(onnx())).find((x) => codeOf(x) === 'below-break-even'));
    assert.deepStrictEqual(diags(onnx()), [], 'nothing listed a second time on the .onnx file');
    const doc = await vscode.workspace.openTextDocument(textView(onnx()));
    assert.match(doc.lineAt(d.range.start.line).text, /= (Relu|Conv) .*# \//);
  });

  it('opens the text view with the same findings, hovers and no editing action', async () => {
    await vscode.commands.executeCommand('snnEnergy.openOnnxAsText', onnx());
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
    assert.strictEqual(d.range.start.character, line.length - line.trimStart().length, 'squiggle after the indent');
    assert.strictEqual(diags(onnx()).length, 0, 'the findings are listed once, on the text view');

    const convLine = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => /= Conv /.test(l));
    const hover = await hoverText(editor.document.uri, new vscode.Position(convLine, 6));
    assert.match(hover, /\*\*\/conv1\/Conv\*\* · Conv · Improved spatial dataflow/);
    assert.match(hover, /MACs \(QNN\): 55\.30 k/);

    const titles = (await quickFixes(editor.document.uri, d.range)).map((a) => a.title);
    assert.ok(
      titles.some((t) => t.startsWith('Open the comparison view at')),
      titles.join(' | '),
    );
    assert.ok(!titles.some((t) => /^(Set timesteps|Run .* as a QNN)/.test(t)), titles.join(' | '));
  });

  it('simulates spiking activity and lints with the measured rates (cached per content)', async () => {
    const config = vscode.workspace.getConfiguration('snnEnergy');
    await config.update('simulator.samples', 2, vscode.ConfigurationTarget.Workspace);
    const onText = () => diags(textView(onnx()));
    await until('missing-spike-rate before', () => onText().some((d) => codeOf(d) === 'missing-spike-rate'));
    const t0 = Date.now();
    await vscode.commands.executeCommand('snnEnergy.simulate', onnx());
    await until('measured rates', () => !onText().some((d) => codeOf(d) === 'missing-spike-rate'));
    const first = Date.now() - t0;
    // same content, same settings: the cached rates, no second simulation
    const t1 = Date.now();
    await vscode.commands.executeCommand('snnEnergy.simulate', onnx());
    assert.ok(Date.now() - t1 < Math.max(first, 500), `cached run ${Date.now() - t1} ms vs first ${first} ms`);
    assert.ok(!onText().some((d) => codeOf(d) === 'missing-spike-rate'));
    await config.update('simulator.samples', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('reports an unreadable .onnx as onnx-unreadable on the file', async () => {
    const bad = file('corrupt.onnx');
    await vscode.commands.executeCommand('vscode.openWith', bad, 'snnEnergy.onnxModel');
    const d = await until('onnx-unreadable', () => diags(bad).find((x) => codeOf(x) === 'onnx-unreadable'));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /not an ONNX model/);
  });
});
