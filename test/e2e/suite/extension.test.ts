import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, codeOf, diags, hoverText, open, quickFixes, until } from './util';

describe('SNN Energy Lint in VS Code', () => {
  before(activate);

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

  it('gives no verdict while a spec has errors: the hover says why, never a ratio (issue 12)', async () => {
    const e = await open('tiny.layers.json');
    await until('diagnostics', () => diags(e.document.uri).length > 0);
    const at = e.document.getText().indexOf('"conv2d"');
    assert.ok(at > 0, 'tiny.layers.json has a conv2d layer');
    // delete the closing quote of a type
    await e.edit((b) => b.delete(new vscode.Range(e.document.positionAt(at + 7), e.document.positionAt(at + 8))));
    await until('an error', () => diags(e.document.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.ok(!diags(e.document.uri).some((d) => codeOf(d) === 'below-break-even'));
    const name = e.document.getText().indexOf('"name"', e.document.getText().indexOf('"layers"'));
    const text = await hoverText(e.document.uri, e.document.positionAt(name + 10)).catch(() => '');
    assert.doesNotMatch(text, /SNN\/QNN \*\*/);
    await vscode.commands.executeCommand('undo');
    await until(
      'the error to go',
      () => !diags(e.document.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error),
    );
  });

  it('lints the bundled VGG-16 spec and shows a hover with the energy breakdown', async () => {
    const e = await open('vgg16-cifar10.layers.json');
    await until('diagnostics', () => diags(e.document.uri).length > 0);
    const pos = e.document.positionAt(e.document.getText().indexOf('"conv1_2"') + 3);
    const text = await hoverText(e.document.uri, pos);
    assert.match(text, /\*\*conv1\\_2\*\* · conv2d · Improved spatial dataflow/);
    assert.match(text, /MACs \(QNN\): 37\.75 M/);
    assert.match(text, /break-even spike rate \*\*7\.23%\*\* \(sparsity ≥ 92\.77%\)/);
    assert.match(text, /Other architectures \(SNN\/QNN\): memory-hierarchy/);
    assert.match(text, /^_spatial-dataflow: arXiv 2409\.08290 v1's formulas .* reproduced_$/m);
  });

  it('applies the hybrid code action: "execution": "qnn" on the consumer', async () => {
    const e = await open('vgg16-cifar10.layers.json');
    const d = await until('a producer warning', () =>
      diags(e.document.uri).find((x) => codeOf(x) === 'below-break-even' && /for conv1_2/.test(x.message)),
    );
    const actions = await quickFixes(e.document.uri, d.range);
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
});
