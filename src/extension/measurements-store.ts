import * as vscode from 'vscode';
import { readRegularFile, type FileLimit } from '../node/file-source';
import type { WorkerAsk } from './worker/protocol';

/**
 * One simulation as it is kept: the simulator's JSON report (`snn-energy simulate --format json`: samples, T,
 * options, agreement, time, layers with their rates) plus the model's content hash and the options key. The
 * measurements file is this very JSON, which `snn-energy lint --measurements` reads (its "layers" list).
 */
export interface SimulationRecord {
  readonly sha256: string;
  readonly optionsKey: string;
  readonly model: string;
  readonly samples: number;
  readonly timesteps: number;
  readonly options: { readonly encoding: string; readonly seed: number; readonly thresholdPercentile: number };
  readonly meanSpikeRate: number;
  readonly agreement: number;
  readonly wallMs: number;
  readonly measuredAt: string;
  readonly layers: readonly {
    readonly name: string;
    readonly spikeRate: number;
    readonly annDensity?: number;
    readonly neurons?: number;
  }[];
}

/** Where simulation results outlive the window: workspace storage, or a measurements file next to the model. */
export interface ResultStore {
  get(file: vscode.Uri, hash: string): Promise<SimulationRecord | undefined>;
  put(file: vscode.Uri, record: SimulationRecord): Promise<void>;
  /** Where a record of this file is kept, in words ("workspace storage", "cnn.measurements.json"). */
  where(file: vscode.Uri): string;
}

const KEY = 'snnEnergy.simulations';

/** Workspace storage (VS Code's per-workspace state): records by content hash, the last 20 kept. */
export function workspaceStore(state: vscode.Memento): ResultStore {
  return {
    async get(_file, hash) {
      return state.get<Record<string, SimulationRecord>>(KEY, {})[hash];
    },
    async put(_file, record) {
      const all = { ...state.get<Record<string, SimulationRecord>>(KEY, {}), [record.sha256]: record };
      const keys = Object.keys(all);
      for (const k of keys.slice(0, Math.max(0, keys.length - 20))) delete all[k];
      await state.update(KEY, all);
    },
    where: () => 'workspace storage',
  };
}

/**
 * `<model>.measurements.json` beside the model; a record whose hash is not the model's content is ignored. A
 * local file is read only when it is a regular file within `limit` (a FIFO or a huge file is no record); the
 * model worker parses it, off the host thread.
 */
export function fileStore(worker: WorkerAsk<'parseRecord'>, limit: () => FileLimit): ResultStore {
  return {
    async get(file, hash) {
      let text: Uint8Array;
      try {
        const uri = measurementsUri(file);
        text =
          uri.scheme === 'file' ? await readRegularFile(uri.fsPath, limit()) : await vscode.workspace.fs.readFile(uri);
      } catch {
        return undefined;
      }
      const r = await worker.value({ type: 'parseRecord', text });
      const record = r?.record as Partial<SimulationRecord> | null | undefined;
      // the rates must also be what the CLI would read from this file
      if (!r || !record || typeof record !== 'object' || record.sha256 !== hash || !r.rates) return undefined;
      return record as SimulationRecord;
    },
    async put(file, record) {
      const text = JSON.stringify(record, null, 2) + '\n';
      await vscode.workspace.fs.writeFile(measurementsUri(file), new TextEncoder().encode(text));
    },
    where: (file) => measurementsUri(file).path.split('/').pop()!,
  };
}

export function measurementsUri(model: vscode.Uri): vscode.Uri {
  return model.with({ path: model.path.replace(/\.onnx$/i, '') + '.measurements.json' });
}
