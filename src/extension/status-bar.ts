import * as vscode from 'vscode';
import { selectedOf } from '../core/analysis/view';
import { times } from '../core/units';
import { escapeMarkdown } from '../core/report/hover';
import type { ModelService } from './model-service';
import { Command } from './commands';

/** "SNN ⚡ spatial-dataflow 0.91×": the selected architecture and the active model's SNN/QNN ratio. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('snnEnergy.status', vscode.StatusBarAlignment.Right, 100);
  /** Shown only while a spec, an ONNX model or the comparison panel is the active tab. */
  private onModel = false;

  constructor(private readonly models: ModelService) {
    this.item.name = 'SNN Energy';
    this.item.command = Command.SelectArchitecture;
    this.update();
  }

  /** The active tab changed: a model (or the panel) or something else (Markdown, Python, settings…). */
  setVisible(onModel: boolean): void {
    this.onModel = onModel;
    this.update();
  }

  update(): void {
    const m = this.models.current;
    // from the host's digest: a pick shows here with no round trip to the model worker
    const arch = m && this.onModel ? selectedOf(m.digest.architectures, this.models.selectedArchitecture) : undefined;
    if (!m || !arch) {
      this.item.hide();
      return;
    }
    if (m.digest.withheld) {
      // no verdict for an incomplete model (or a spec with errors): say what is wrong, never a ratio
      this.item.text = `$(warning) SNN ${arch.id} incomplete`;
      this.item.tooltip = new vscode.MarkdownString(
        `**SNN Energy**: no verdict, ${escapeMarkdown(m.digest.withheldText)}.\n\n${escapeMarkdown(m.digest.coverageText)}.`,
      );
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.show();
      return;
    }
    const ratio = times(arch.ratio);
    this.item.text = `$(pulse) SNN ${arch.id} ${ratio}`;
    const verdict = arch.cheaperAs === 'snn' ? 'the SNN is cheaper than its QNN twin' : 'the QNN twin is cheaper';
    this.item.tooltip = new vscode.MarkdownString(
      `**SNN Energy**: on *${escapeMarkdown(arch.name)}* ${verdict} (SNN/QNN ${ratio}).\n\nClick to select another architecture.`,
    );
    this.item.backgroundColor =
      arch.cheaperAs === 'qnn' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** Quick pick of every architecture, with its description and the active model's ratio on it. */
export async function pickArchitecture(models: ModelService): Promise<void> {
  const current = models.current;
  const items = models.architectures.map((a) => {
    const r = current?.digest.withheld ? undefined : current?.digest.architectures.find((x) => x.id === a.id);
    return {
      label: a.id === models.selectedArchitecture ? `$(check) ${a.id}` : a.id,
      id: a.id,
      description: `${a.name}${r ? ` · SNN/QNN ${times(r.ratio)}` : ''}`,
      detail: a.description,
    };
  });
  const panel = { label: '$(graph) Open comparison view', id: '', description: 'every architecture side by side' };
  const save = {
    label: '$(save) Save selection to settings…',
    id: '',
    description: 'workspace or user settings; otherwise the pick is kept for this window',
  };
  const separator = { label: 'Architectures', kind: vscode.QuickPickItemKind.Separator, id: '' };
  const pick = await vscode.window.showQuickPick([panel, save, separator, ...items], {
    title: 'SNN Energy: Select Architecture',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick === panel) await vscode.commands.executeCommand(Command.OpenComparison);
  else if (pick === save) await vscode.commands.executeCommand(Command.SaveArchitecture);
  else if (pick?.id) await models.selectArchitecture(pick.id);
}

/** Write the selected architecture to the workspace or user settings: only when the user asks. */
export async function saveArchitecture(models: ModelService): Promise<void> {
  const targets = [
    { label: 'Workspace settings', target: vscode.ConfigurationTarget.Workspace },
    { label: 'User settings', target: vscode.ConfigurationTarget.Global },
  ].filter((t) => t.target !== vscode.ConfigurationTarget.Workspace || vscode.workspace.workspaceFolders?.length);
  const pick = await vscode.window.showQuickPick(targets, {
    title: `SNN Energy: Save "${models.selectedArchitecture}" as the default architecture in…`,
  });
  if (pick) await models.selection.save(pick.target);
}
