import * as vscode from 'vscode';
import type { Architecture } from '../core/energy/architecture';
import { BUILTIN_ARCHITECTURES } from '../core/energy/builtins';
import type { WorkerAsk } from './worker/protocol';
import type { Settings } from './settings-schema';
import { readFailure, readRegularFile } from '../node/file-source';
import { textLimit } from './limits';

const BUILTIN_IDS: readonly string[] = BUILTIN_ARCHITECTURES.map((a) => a.id);

/** The model worker, which parses architecture documents off the host thread. */
export type ArchitectureParser = WorkerAsk<'parseArchitecture'>;

/**
 * Built-ins, plus the custom *.arch.json documents named in settings when the workspace is trusted.
 * A custom document that does not validate is skipped; its problems show when the file is opened.
 */
export async function loadArchitectures(
  settings: Settings,
  log: vscode.LogOutputChannel,
  worker: ArchitectureParser,
): Promise<Architecture[]> {
  const out = [...BUILTIN_ARCHITECTURES];
  if (!settings.customArchitectures.length) return out;
  if (!vscode.workspace.isTrusted) {
    log.appendLine('Custom architectures are not loaded in a restricted workspace.');
    return out;
  }
  for (const uri of customArchitectureUris(settings)) {
    try {
      const bytes =
        uri.scheme === 'file'
          ? await readRegularFile(uri.fsPath, textLimit(settings))
          : await vscode.workspace.fs.readFile(uri);
      // the bytes are moved to the worker, which decodes and parses them
      const r = await worker.value({ type: 'parseArchitecture', text: bytes, taken: BUILTIN_IDS });
      if (!r?.value) {
        log.appendLine(`${uri.fsPath}: ${r ? r.problems.map((x) => x.message).join('; ') : 'not read'}`);
        continue;
      }
      for (const a of r.value)
        if (out.some((b) => b.id === a.id))
          log.appendLine(`${uri.fsPath}: architecture id "${a.id}" is taken; skipped`);
        else out.push(a);
    } catch (e) {
      log.appendLine(readFailure(uri.fsPath, e));
    }
  }
  return out;
}

/** The files `snnEnergy.customArchitectures` names (relative paths are in the first workspace folder). */
export function customArchitectureUris(settings: Settings): vscode.Uri[] {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return settings.customArchitectures.map((p) =>
    p.startsWith('/') || !folder ? vscode.Uri.file(p) : vscode.Uri.joinPath(folder, p),
  );
}
