import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { MeasuredActivity } from '../core/analysis/types';
import type { ResultStore, SimulationRecord } from './measurements-store';

export type Rates = ReadonlyMap<string, MeasuredActivity>;

/** Simulated spike rates keyed by the model file's content hash (and the options they were measured with). */
export interface MeasuredCache {
  /** SHA-256 of the file's content; re-read only when its size or modification time changed. */
  hashOf(file: vscode.Uri): Promise<string>;
  /** The rates measured on this exact content, if any (from memory, else from the store). */
  ratesFor(file: vscode.Uri): Promise<{ hash: string; rates: Rates; options: string } | undefined>;
  set(hash: string, options: string, rates: Rates): void;
  /** Persist results through `store` from now on, and look records up there. */
  useStore(store: ResultStore | undefined): void;
  /** The full record of the last simulation of this exact content (for the results view). */
  recordFor(file: vscode.Uri): Promise<SimulationRecord | undefined>;
  /** Keep a simulation: in memory, and in the store. */
  keep(file: vscode.Uri, record: SimulationRecord): Promise<void>;
  readonly store: ResultStore | undefined;
}

export function measuredCache(): MeasuredCache {
  const byHash = new Map<string, { rates: Rates; options: string; record?: SimulationRecord }>();
  const seen = new Map<string, { size: number; mtime: number; hash: string }>();
  let store: ResultStore | undefined;
  const hashOf = async (file: vscode.Uri) => {
    const st = await vscode.workspace.fs.stat(file);
    // a FIFO or device would never end: only regular files are hashed
    if (!(st.type & vscode.FileType.File)) throw new Error(`${file.fsPath}: not a regular file`);
    const known = seen.get(file.toString());
    if (known && known.size === st.size && known.mtime === st.mtime) return known.hash;
    const hash = await contentHash(file);
    seen.set(file.toString(), { size: st.size, mtime: st.mtime, hash });
    return hash;
  };
  const lookup = async (file: vscode.Uri) => {
    if (!byHash.size && !store) return undefined;
    const hash = await hashOf(file);
    let m = byHash.get(hash);
    if (!m && store) {
      const record = await store.get(file, hash).catch(() => undefined);
      if (record) byHash.set(hash, (m = { rates: ratesOf(record), options: record.optionsKey, record }));
    }
    return m && { hash, ...m };
  };
  return {
    hashOf,
    async ratesFor(file) {
      const m = await lookup(file);
      return m && { hash: m.hash, rates: m.rates, options: m.options };
    },
    set: (hash, options, rates) => void byHash.set(hash, { rates, options }),
    useStore: (s) => void (store = s),
    get store() {
      return store;
    },
    async recordFor(file) {
      return (await lookup(file))?.record;
    },
    async keep(file, record) {
      byHash.set(record.sha256, { rates: ratesOf(record), options: record.optionsKey, record });
      await store?.put(file, record);
    },
  };
}

function ratesOf(r: SimulationRecord): Rates {
  return new Map(r.layers.map((l) => [l.name, { spikeRate: l.spikeRate, annDensity: l.annDensity }]));
}

/** Streamed for local files (a 500 MB model is never held in memory), whole through workspace.fs otherwise. */
async function contentHash(file: vscode.Uri): Promise<string> {
  const h = createHash('sha256');
  if (file.scheme !== 'file') return h.update(await vscode.workspace.fs.readFile(file)).digest('hex');
  for await (const chunk of createReadStream(file.fsPath)) h.update(chunk as Buffer);
  return h.digest('hex');
}
