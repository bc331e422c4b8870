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

  /** The pick not yet written to the window state (writing is a round trip; showing it is not). */
  private pending: string | undefined;

  /** The picked id, else the setting (core falls back to the first architecture if it is unknown). */
  get id(): string {
    return this.pending ?? this.state.get<string>(KEY) ?? this.fromSettings();
  }

  /** Show the pick at once; keep it in the window's state after. */
  async pick(id: string): Promise<void> {
    if (id === this.id) return;
    this.pending = id;
    this.emitter.fire(id);
    await this.state.update(KEY, id);
    if (this.pending === id) this.pending = undefined;
  }

  /** The user edited `snnEnergy.architecture`: the setting applies again. */
  async followSettings(): Promise<void> {
    this.pending = undefined;
    await this.state.update(KEY, undefined);
    this.emitter.fire(this.id);
  }

  /** Write the current pick to the workspace or user settings (only on the user's request). */
  async save(target: vscode.ConfigurationTarget): Promise<void> {
    const id = this.id;
    await vscode.workspace.getConfiguration('snnEnergy').update('architecture', id, target);
    this.pending = undefined;
    await this.state.update(KEY, undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
