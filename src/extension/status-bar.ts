import * as vscode from 'vscode';
import { times } from '../core/units';
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
    const id = this.models.selectedArchitecture;
    if (!m || !this.onModel) {
      this.item.hide();
      return;
    }
    const arch = m.analysis.architectures.find((a) => a.id === m.selectedArchitecture);
    const ratio = arch ? times(arch.ratio) : '';
    this.item.text = `$(pulse) SNN ${m.selectedArchitecture ?? id} ${ratio}`;
    const verdict = arch
      ? arch.snnEnergyJ <= arch.qnnEnergyJ
        ? 'the SNN is cheaper than its QNN twin'
        : 'the QNN twin is cheaper'
      : '';
    this.item.tooltip = new vscode.MarkdownString(
      `**SNN Energy**: on *${arch?.name ?? id}* ${verdict} (SNN/QNN ${ratio}).\n\nClick to select another architecture.`,
    );
    this.item.backgroundColor =
      arch && arch.ratio > 1 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
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
    const r = current?.analysis.architectures.find((x) => x.id === a.id);
    return {
      label: a.id === models.selectedArchitecture ? `$(check) ${a.id}` : a.id,
      id: a.id,
      description: `${a.name}${r ? ` · SNN/QNN ${times(r.ratio)}` : ''}`,
      detail: a.description,
    };
  });
  const panel = { label: '$(graph) Open comparison view', id: '', description: 'every architecture side by side' };
  const separator = { label: 'Architectures', kind: vscode.QuickPickItemKind.Separator, id: '' };
  const pick = await vscode.window.showQuickPick([panel, separator, ...items], {
    title: 'SNN Energy: Select Architecture',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick === panel) await vscode.commands.executeCommand(Command.OpenComparison);
  else if (pick?.id) await models.selectArchitecture(pick.id);
}
