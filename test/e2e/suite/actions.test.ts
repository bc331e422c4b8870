import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, codeOf, diags, open, quickFixes, until } from './util';

describe('Code actions, the regularizer and architecture files', () => {
  before(activate);

  it('inserts "timesteps" (the largest T that breaks even) into a spec that has none', async () => {
    const e = await open('no-timesteps.layers.json');
    const conv3 = (d: vscode.Diagnostic) =>
      codeOf(d) === 'below-break-even' && /for conv3 on Improved spatial dataflow/.test(d.message);
    const d = await until('the conv3 warning', () => diags(e.document.uri).find(conv3));
    const actions = await quickFixes(e.document.uri, d.range);
    const set = actions.find((a) => /^Set timesteps to \d+/.test(a.title));
    assert.ok(set?.edit, actions.map((a) => a.title).join(' | '));
    const T = Number(/^Set timesteps to (\d+)/.exec(set.title)![1]);
    assert.ok(T >= 1 && T < 6, `T=${T}`);
    await vscode.workspace.applyEdit(set.edit);
    const text = e.document.getText();
    assert.strictEqual((JSON.parse(text) as { timesteps: number }).timesteps, T);
    assert.ok(text.indexOf('"timesteps"') < text.indexOf('"layers"'), 'timesteps goes before the layers');
    await until('conv3 to break even', () => !diags(e.document.uri).some(conv3));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('inserts the sparsity regularizer as a PyTorch snippet', async () => {
    await vscode.commands.executeCommand('snnEnergy.insertRegularizer');
    const e = await until(
      'a Python editor',
      () => vscode.window.activeTextEditor?.document.languageId === 'python' && vscode.window.activeTextEditor,
    );
    const text = await until('the snippet', () => /lambda_a/.test(e.document.getText()) && e.document.getText());
    assert.match(text, /def sparsity_loss\(task_loss, lambda_a=1e-6\)/);
    assert.match(text, /weight_decay=0\.05/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reports an invalid *.arch.json as invalid-architecture errors', async () => {
    const e = await open('bad.arch.json');
    const d = await until('invalid-architecture', () =>
      diags(e.document.uri).find((x) => codeOf(x) === 'invalid-architecture'),
    );
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match((d.code as { target: vscode.Uri }).target.toString(), /docs\/rules\/invalid-architecture\.md$/);
  });
});

describe('Custom architectures', () => {
  before(activate);

  it('loads *.arch.json files named in settings, and reloads them when saved', async () => {
    const config = vscode.workspace.getConfiguration('snnEnergy');
    const e = await open('tiny.layers.json');
    await config.update('customArchitectures', ['my-chip.arch.json'], vscode.ConfigurationTarget.Workspace);
    await config.update('architecture', 'my-chip', vscode.ConfigurationTarget.Workspace);
    await until('findings on the custom architecture', () =>
      diags(e.document.uri).some((d) => / on My test chip/.test(d.message)),
    );
    const arch = await open('my-chip.arch.json');
    const at = arch.document.getText().indexOf('My test chip');
    await arch.edit((b) =>
      b.replace(new vscode.Range(arch.document.positionAt(at), arch.document.positionAt(at + 12)), 'Renamed chip'),
    );
    await arch.document.save();
    await until('findings with the saved name', () =>
      diags(e.document.uri).some((d) => / on Renamed chip/.test(d.message)),
    );
    await config.update('architecture', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('customArchitectures', undefined, vscode.ConfigurationTarget.Workspace);
  });
});
