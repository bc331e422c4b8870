import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { open as openAsync } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ByteSource, ExternalDataOpener } from '../core/model/onnx/types';

export interface FileSource extends ByteSource {
  close(): void;
}

/** A size cap and the setting / flag that raises it (named in the refusal). */
export interface FileLimit {
  readonly maxBytes: number;
  /** e.g. `--max-text-mb (snnEnergy.limits.maxTextFileMB)`. */
  readonly raiseWith: string;
}

/** Defaults: text documents (specs, architectures, measurements, JSON inputs) and binary files (ONNX, external data, .npy). */
export const DEFAULT_TEXT_MB = 16;
export const DEFAULT_BINARY_MB = 4096;
export const TEXT_LIMIT: FileLimit = {
  maxBytes: DEFAULT_TEXT_MB * 2 ** 20,
  raiseWith: '--max-text-mb (setting snnEnergy.limits.maxTextFileMB)',
};
export const BINARY_LIMIT: FileLimit = {
  maxBytes: DEFAULT_BINARY_MB * 2 ** 20,
  raiseWith: '--max-binary-mb (setting snnEnergy.limits.maxBinaryFileMB)',
};

/** A file that is not a regular file, or too large: the message names the path and the limit. */
export class FileRefused extends Error {}

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a directory';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(n < 2 ** 20 ? 3 : 1)} MB`;

/** Refuse anything but a regular file within the limit. */
export function checkStats(st: Stats, limit: FileLimit): void {
  const kind = kindOf(st);
  if (kind) throw new FileRefused(`${kind}, not a regular file: refused`);
  checkSize(st.size, limit);
}

export function checkSize(size: number, limit: FileLimit): void {
  if (size > limit.maxBytes)
    throw new FileRefused(
      `${mb(size)} is over the ${mb(limit.maxBytes)} limit: refused (raise it with ${limit.raiseWith})`,
    );
}

function openRegular(path: string, limit: FileLimit): { fd: number; size: number } {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const st = fstatSync(fd);
    checkStats(st, limit);
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/**
 * Positional reads (fs.readSync at an offset): the file is never loaded whole. FIFOs, devices and
 * directories are refused before any read (the open does not block), and so are files over `limit`.
 */
export function openFileSource(path: string, limit: FileLimit = BINARY_LIMIT): FileSource {
  const { fd, size } = openRegular(path, limit);
  let closed = false;
  return {
    size,
    freshReads: true,
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

/** A whole regular file, at most `limit` bytes (a file that grows while read is refused too). */
export function readRegularFileSync(path: string, limit: FileLimit): Uint8Array {
  const { fd, size } = openRegular(path, limit);
  try {
    const buf = new Uint8Array(size);
    let got = 0;
    while (got < size) {
      const r = readSync(fd, buf, got, size - got, got);
      if (r === 0) break;
      got += r;
    }
    return got === size ? buf : buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** The same, without blocking the calling thread. */
export async function readRegularFile(path: string, limit: FileLimit): Promise<Uint8Array> {
  const h = await openAsync(path, OPEN_FLAGS);
  try {
    const st = await h.stat();
    checkStats(st, limit);
    const buf = new Uint8Array(st.size);
    let got = 0;
    while (got < st.size) {
      const { bytesRead } = await h.read(buf, got, st.size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === st.size ? buf : buf.subarray(0, got);
  } finally {
    await h.close();
  }
}

/** Why a file could not be read, for a one-line message: the refusal itself, or the system's code. */
export function readFailure(path: string, e: unknown): string {
  return `${path}: ${failureReason(e)}`;
}

export function failureReason(e: unknown): string {
  if (e instanceof FileRefused) return e.message;
  return `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
}

/**
 * Opens external data files next to a model. The location must be relative and, after resolving
 * symlinks, stay inside the model's folder (Python onnx had path-traversal CVEs here:
 * CVE-2022-25882, CVE-2024-27318), and be a regular file (a FIFO would block the reader forever).
 */
export function externalDataOpener(
  modelPath: string,
  limit: FileLimit = BINARY_LIMIT,
): ExternalDataOpener & { closeAll(): void } {
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
    if (!f) {
      try {
        f = openFileSource(real, limit);
      } catch (e) {
        return { error: `external data ${readFailure(location, e)}` };
      }
      open.set(real, f);
    }
    return f;
  };
  return Object.assign(opener, { closeAll: () => open.forEach((f) => f.close()) });
}
