import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, codeOf, diags, file, hoverText, quickFixes, until } from './util';

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

  it('puts the findings on the .onnx file, each linked to its node line in the text view', async () => {
    const d = await until('file diagnostics', () => diags(onnx()).find((x) => codeOf(x) === 'below-break-even'));
    assert.strictEqual(d.range.start.line, 0);
    const at = d.relatedInformation?.[0];
    assert.ok(at, 'related information');
    assert.strictEqual(at.location.uri.scheme, 'snn-energy-onnx');
    const doc = await vscode.workspace.openTextDocument(at.location.uri);
    assert.match(doc.lineAt(at.location.range.start.line).text, /= (Relu|Conv) .*# \//);
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
    assert.strictEqual(
      diags(editor.document.uri).length,
      diags(onnx()).length,
      'the same findings on the file and its text view',
    );

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
    await until('missing-spike-rate before', () => diags(onnx()).some((d) => codeOf(d) === 'missing-spike-rate'));
    const t0 = Date.now();
    await vscode.commands.executeCommand('snnEnergy.simulate', onnx());
    await until('measured rates', () => !diags(onnx()).some((d) => codeOf(d) === 'missing-spike-rate'));
    const first = Date.now() - t0;
    // same content, same settings: the cached rates, no second simulation
    const t1 = Date.now();
    await vscode.commands.executeCommand('snnEnergy.simulate', onnx());
    assert.ok(Date.now() - t1 < Math.max(first, 500), `cached run ${Date.now() - t1} ms vs first ${first} ms`);
    assert.ok(!diags(onnx()).some((d) => codeOf(d) === 'missing-spike-rate'));
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
