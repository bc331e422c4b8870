import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ByteSource, ExternalDataOpener } from '../core/model/onnx/types';

export interface FileSource extends ByteSource {
  close(): void;
}

/** Positional reads (fs.readSync at an offset): the file is never loaded whole. */
export function openFileSource(path: string): FileSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  let closed = false;
  return {
    size,
    read(offset, length) {
      if (closed) throw new Error(`${path} is closed`);
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const r = readSync(fd, buf, got, n - got, offset + got);
        if (r === 0) break;
        got += r;
      }
      return got === n ? buf : buf.subarray(0, got);
    },
    close() {
      if (!closed) closeSync(fd);
      closed = true;
    },
  };
}

/**
 * Opens external data files next to a model. The location must be relative and, after resolving
 * symlinks, stay inside the model's folder (Python onnx had path-traversal CVEs here:
 * CVE-2022-25882, CVE-2024-27318).
 */
export function externalDataOpener(modelPath: string): ExternalDataOpener & { closeAll(): void } {
  const folder = realpathSync(dirname(resolve(modelPath)));
  const open = new Map<string, FileSource>();
  const opener = (location: string) => {
    if (!location) return { error: 'external data without a location' };
    if (isAbsolute(location) || /^[a-zA-Z]:[\\/]/.test(location))
      return {
        error: `external data location "${location}" is absolute: only paths relative to the model's folder are allowed`,
      };
    let real: string;
    try {
      real = realpathSync(resolve(folder, location));
    } catch {
      return { error: `external data file "${location}" not found next to the model` };
    }
    const rel = relative(folder, real);
    if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..')
      return { error: `external data location "${location}" leaves the model's folder: refused` };
    let f = open.get(real);
    if (!f) open.set(real, (f = openFileSource(real)));
    return f;
  };
  return Object.assign(opener, { closeAll: () => open.forEach((f) => f.close()) });
}
