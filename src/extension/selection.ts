import * as vscode from 'vscode';

const KEY = 'snnEnergy.selectedArchitecture';

/**
 * The architecture the editor shows: a view choice. Picked in the status bar or the panel, it is kept
 * in this window's workspace state; `snnEnergy.architecture` is the default until something is picked,
 * and writing it is the user's explicit choice (Save Architecture Selection to Settings).
 */
export class ArchitectureSelection implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<string>();
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly fromSettings: () => string,
  ) {}

  /** The picked id, else the setting (core falls back to the first architecture if it is unknown). */
  get id(): string {
    return this.state.get<string>(KEY) ?? this.fromSettings();
  }

  async pick(id: string): Promise<void> {
    if (id === this.id) return;
    await this.state.update(KEY, id);
    this.emitter.fire(id);
  }

  /** The user edited `snnEnergy.architecture`: the setting applies again. */
  async followSettings(): Promise<void> {
    await this.state.update(KEY, undefined);
    this.emitter.fire(this.id);
  }

  /** Write the current pick to the workspace or user settings (only on the user's request). */
  async save(target: vscode.ConfigurationTarget): Promise<void> {
    const id = this.id;
    await vscode.workspace.getConfiguration('snnEnergy').update('architecture', id, target);
    await this.state.update(KEY, undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
