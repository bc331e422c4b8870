import * as vscode from 'vscode';
import pkg from '../../package.json';
import { parseArchitecture } from '../core/energy/validate-architecture';
import { lineIndex } from '../core/report/line-index';
import { EnergyCodeActions } from './code-actions';
import { Command, ONNX_TEXT_SCHEME, VIEW } from './commands';
import { exportReport } from './export';
import { LayerHoverProvider } from './hover';
import { ModelService } from './model-service';
import { OnnxEditorProvider } from './onnx-editor';
import { OnnxTextProvider } from './onnx-text-provider';
import { fileOfTextView, isOnnxFile, textViewUri } from './onnx-uri';
import { registerComparisonPanel } from './panel';
import { insertRegularizer } from './regularizer';
import { simulateCommand } from './simulate';
import { pickArchitecture, StatusBar } from './status-bar';
import { toDiagnostic } from './to-diagnostic';

/** Thin glue: every decision is made in src/core; this wires VS Code events to it. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('SNN Energy', { log: true });
  const models = new ModelService(log);
  await models.reloadSettings();
  const status = new StatusBar(models);
  const textProvider = new OnnxTextProvider(models);
  const archDiagnostics = vscode.languages.createDiagnosticCollection('snn-energy-architectures');
  const specSelector: vscode.DocumentSelector = [
    { language: 'json' },
    { language: 'jsonc' },
    { scheme: ONNX_TEXT_SCHEME },
  ];
  const sub = (d: vscode.Disposable) => context.subscriptions.push(d);

  sub(models);
  sub(status);
  sub(log);
  sub(archDiagnostics);
  sub(models.onDidChange(() => status.update()));
  sub(vscode.workspace.registerTextDocumentContentProvider(ONNX_TEXT_SCHEME, textProvider));
  sub(vscode.languages.registerHoverProvider(specSelector, new LayerHoverProvider(models)));
  sub(
    vscode.languages.registerCodeActionsProvider({ language: 'json' }, new EnergyCodeActions(models), {
      providedCodeActionKinds: EnergyCodeActions.kinds,
    }),
  );
  sub(
    vscode.languages.registerCodeActionsProvider({ language: 'jsonc' }, new EnergyCodeActions(models), {
      providedCodeActionKinds: EnergyCodeActions.kinds,
    }),
  );
  sub(
    vscode.window.registerCustomEditorProvider(VIEW.onnxEditor, new OnnxEditorProvider(models, context.extensionUri), {
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: false,
    }),
  );
  sub(registerComparisonPanel(context, models));

  const lintArchitectureFile = (doc: vscode.TextDocument) => {
    if (!doc.uri.path.endsWith('.arch.json')) return;
    const text = doc.getText();
    const at = lineIndex(text);
    const pos = (o: number) => new vscode.Position(at(o).line - 1, at(o).column - 1);
    const problems = parseArchitecture(text).problems;
    archDiagnostics.set(
      doc.uri,
      problems.map((p) =>
        toDiagnostic(p, doc.uri, (r) =>
          r ? new vscode.Range(pos(r.start), pos(r.end)) : new vscode.Range(0, 0, 0, 0),
        ),
      ),
    );
  };
  const onOpen = (doc: vscode.TextDocument) => {
    if (models.isSpec(doc)) models.lintSpec(doc);
    lintArchitectureFile(doc);
  };
  sub(vscode.workspace.onDidOpenTextDocument(onOpen));
  sub(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (models.isSpec(e.document)) models.schedule(e.document);
      else if (e.document.uri.path.endsWith('.arch.json')) lintArchitectureFile(e.document);
    }),
  );
  sub(
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (models.isSpec(doc)) models.forget(doc.uri);
      archDiagnostics.delete(doc.uri);
    }),
  );
  sub(vscode.window.onDidChangeActiveTextEditor((e) => models.setActive(e?.document.uri)));
  sub(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('snnEnergy')) return;
      await models.reloadSettings();
      await models.relintAll();
      status.update();
    }),
  );
  sub(
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await models.reloadSettings();
      await models.relintAll();
    }),
  );

  sub(vscode.commands.registerCommand(Command.SelectArchitecture, () => pickArchitecture(models)));
  sub(vscode.commands.registerCommand(Command.ExportReport, () => exportReport(models, pkg.version)));
  sub(vscode.commands.registerCommand(Command.InsertRegularizer, insertRegularizer));
  sub(
    vscode.commands.registerCommand(Command.Simulate, (uri?: vscode.Uri) =>
      simulateCommand(models, context.extensionUri, uri),
    ),
  );
  sub(
    vscode.commands.registerCommand(Command.OpenOnnxAsText, async (uri?: vscode.Uri) => {
      const target = uri ?? activeOnnx(models);
      if (!target) {
        void vscode.window.showInformationMessage('SNN Energy: select an .onnx file to open as text.');
        return;
      }
      const file = target.scheme === ONNX_TEXT_SCHEME ? fileOfTextView(target) : target;
      await models.lintOnnx(file);
      const doc = await vscode.workspace.openTextDocument(textViewUri(file));
      await vscode.languages.setTextDocumentLanguage(doc, 'onnx-text');
      await vscode.window.showTextDocument(doc, { preview: false });
    }),
  );

  for (const doc of vscode.workspace.textDocuments) onOpen(doc);
  models.setActive(vscode.window.activeTextEditor?.document.uri);
  status.update();
  log.info(`SNN Energy Lint ${pkg.version} activated`);
}

function activeOnnx(models: ModelService): vscode.Uri | undefined {
  const cur = models.current?.uri;
  return cur && isOnnxFile(cur) ? cur : undefined;
}

export function deactivate(): void {}
