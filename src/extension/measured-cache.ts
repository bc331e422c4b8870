import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { MeasuredActivity } from '../core/analysis/types';

export type Rates = ReadonlyMap<string, MeasuredActivity>;

/** Simulated spike rates keyed by the model file's content hash (and the options they were measured with). */
export interface MeasuredCache {
  /** SHA-256 of the file's content; re-read only when its size or modification time changed. */
  hashOf(file: vscode.Uri): Promise<string>;
  /** The rates measured on this exact content, if any (no hashing when nothing was ever simulated). */
  ratesFor(file: vscode.Uri): Promise<{ hash: string; rates: Rates; options: string } | undefined>;
  set(hash: string, options: string, rates: Rates): void;
}

export function measuredCache(): MeasuredCache {
  const byHash = new Map<string, { rates: Rates; options: string }>();
  const seen = new Map<string, { size: number; mtime: number; hash: string }>();
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
  return {
    hashOf,
    async ratesFor(file) {
      if (!byHash.size) return undefined;
      const hash = await hashOf(file);
      const m = byHash.get(hash);
      return m && { hash, ...m };
    },
    set: (hash, options, rates) => void byHash.set(hash, { rates, options }),
  };
}

/** Streamed for local files (a 500 MB model is never held in memory), whole through workspace.fs otherwise. */
async function contentHash(file: vscode.Uri): Promise<string> {
  const h = createHash('sha256');
  if (file.scheme !== 'file') return h.update(await vscode.workspace.fs.readFile(file)).digest('hex');
  for await (const chunk of createReadStream(file.fsPath)) h.update(chunk as Buffer);
  return h.digest('hex');
}
