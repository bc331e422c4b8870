import * as vscode from 'vscode';
import { readSettings, type Settings } from './settings-schema';

let warned = '';

/** The typed settings of the current workspace; invalid values fall back to defaults, with one warning. */
export function currentSettings(): Settings {
  const config = vscode.workspace.getConfiguration('snnEnergy');
  const { settings, invalid } = readSettings((k) => config.get(k));
  const key = invalid.join(',');
  if (invalid.length && key !== warned) {
    warned = key;
    void vscode.window.showWarningMessage(`SNN Energy: invalid value for ${invalid.join(', ')}; using the default.`);
  }
  return settings;
}
