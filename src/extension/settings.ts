import * as vscode from 'vscode';
import { readSettings, type Settings } from './settings-schema';
import type { StoreInputs } from './model-store';
import { plainName } from '../core/report/sanitize';

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

/** The settings that are analysis inputs (the model store's options). */
export function analysisOptionsOf(s: Settings): StoreInputs['options'] {
  return {
    timesteps: s.timesteps ?? undefined,
    weightBits: s.weightBits ?? undefined,
    defaultSpikeRate: s.defaultSpikeRate,
    view: s.view,
    nearMargin: s.breakEvenMargin,
  };
}

/** A status-bar progress indication for `what` when `p` takes longer than `ms`; `p` itself, unchanged. */
export function progressAfter<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  const timer = setTimeout(() => {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `SNN Energy: analyzing ${plainName(what)}…` },
      () => p,
    );
  }, ms);
  return p.finally(() => clearTimeout(timer));
}
