import * as vscode from 'vscode';
import pkg from '../../package.json';
import { ArchitectureDiagnostics } from './architecture-diagnostics';
import { DocumentTracker, isArchitectureFile } from './document-tracking';
import { EnergyCodeActions } from './code-actions';
import { Command, LANGUAGE, ONNX_TEXT_SCHEME, VIEW } from './commands';
import { exportReport } from './export';
import { LayerHoverProvider } from './hover';
import { ModelService } from './model-service';
import { OnnxEditorProvider } from './onnx-editor';
import { OnnxTextProvider } from './onnx-text-provider';
import { fileOfTextView, isOnnxFile, textViewUri } from './onnx-uri';
import { registerComparisonPanel } from './panel';
import { insertRegularizer } from './regularizer';
import { showResults, simulateCommand } from './simulate';
import { fileStore, workspaceStore } from './measurements-store';
import { currentSettings } from './settings';
import { textLimit } from './limits';
import { pickArchitecture, saveArchitecture, StatusBar } from './status-bar';
import { trackActiveModel } from './active-model';
import { openExample } from './example';

/** Thin glue: every decision is made in src/core; this wires VS Code events to it. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('SNN Energy', { log: true });
  const models = new ModelService(log, context.workspaceState);
  const useStore = () =>
    models.cache.useStore(
      currentSettings()['simulator.storeResults'] === 'file'
        ? fileStore(models, () => textLimit(currentSettings()))
        : workspaceStore(context.workspaceState),
    );
  useStore(); // before the first lint: measured rates of a model persist across reloads
  await models.reloadSettings();
  const status = new StatusBar(models);
  const textProvider = new OnnxTextProvider(models);
  const archDiagnostics = new ArchitectureDiagnostics(models);
  const tracker = new DocumentTracker({
    isSpec: (doc) => models.isSpec(doc),
    spec: { lint: (doc) => models.lintSpec(doc), closed: (uri) => models.forget(uri) },
    architecture: { lint: (doc) => void archDiagnostics.lint(doc), closed: (uri) => archDiagnostics.closed(uri) },
    textView: { opened: (uri) => models.openedOnnxView(uri), closed: (uri) => models.closedOnnxView(uri) },
  });
  const specSelector: vscode.DocumentSelector = [
    { language: LANGUAGE.layerSpec },
    // other file names the user's snnEnergy.specGlobs name stay JSON (isSpec decides)
    { language: 'json' },
    { language: 'jsonc' },
    { scheme: ONNX_TEXT_SCHEME },
  ];
  const sub = (d: vscode.Disposable) => context.subscriptions.push(d);
  const isSpecUri = (uri: vscode.Uri) =>
    vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && models.isSpec(d));

  sub(models);
  sub(status);
  sub(log);
  sub(archDiagnostics);
  sub(tracker);
  sub(models.onDidChange(() => status.update()));
  sub(vscode.workspace.registerTextDocumentContentProvider(ONNX_TEXT_SCHEME, textProvider));
  sub(vscode.languages.registerHoverProvider(specSelector, new LayerHoverProvider(models)));
  sub(
    vscode.languages.registerCodeActionsProvider(specSelector, new EnergyCodeActions(models), {
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
  sub(vscode.window.onDidChangeActiveTextEditor((e) => models.setActive(e?.document.uri)));
  sub(trackActiveModel(isSpecUri, (kind) => status.setVisible(kind !== undefined)));
  // inputs that change on disk: an open ONNX model is re-read; a saved architecture file is reloaded
  const onnxWatcher = vscode.workspace.createFileSystemWatcher('**/*.onnx', true, false, true);
  sub(onnxWatcher);
  sub(
    onnxWatcher.onDidChange(async (uri) => {
      if (!models.entry(uri)) return;
      await models.lintOnnx(uri);
      textProvider.refresh(textViewUri(uri));
    }),
  );
  sub(
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      if (isArchitectureFile(doc) && models.usesArchitectureFile(doc.uri)) await models.reloadSettings(true);
    }),
  );
  sub(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('snnEnergy')) return;
      useStore();
      await models.reloadSettings();
      // editing the setting is a pick too: it applies again over this window's pick
      if (e.affectsConfiguration('snnEnergy.architecture')) await models.selection.followSettings();
    }),
  );
  sub(vscode.workspace.onDidGrantWorkspaceTrust(() => models.reloadSettings(true)));

  sub(vscode.commands.registerCommand(Command.SelectArchitecture, () => pickArchitecture(models)));
  sub(vscode.commands.registerCommand(Command.SaveArchitecture, () => saveArchitecture(models)));
  sub(vscode.commands.registerCommand(Command.ExportReport, () => exportReport(models, pkg.version)));
  sub(vscode.commands.registerCommand(Command.InsertRegularizer, insertRegularizer));
  sub(vscode.commands.registerCommand(Command.OpenExample, () => openExample(context.extensionUri)));
  sub(
    vscode.commands.registerCommand(Command.Simulate, (uri?: vscode.Uri) =>
      simulateCommand(models, context.extensionUri, uri),
    ),
  );
  sub(
    vscode.commands.registerCommand(Command.ShowSimulationResults, (uri?: vscode.Uri) =>
      showResults(models, context.extensionUri, uri),
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

  tracker.openAll();
  models.setActive(vscode.window.activeTextEditor?.document.uri);
  status.update();
  log.info(`SNN Energy Lint ${pkg.version} activated`);
}

function activeOnnx(models: ModelService): vscode.Uri | undefined {
  const cur = models.current?.uri;
  return cur && isOnnxFile(cur) ? cur : undefined;
}

export function deactivate(): void {}
