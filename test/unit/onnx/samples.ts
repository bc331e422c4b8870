import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = `${ROOT}test/fixtures/onnx/`;
/** The upstream ONNX test models, used in place from ../shared (never copied into the project). */
export const SHARED = `${ROOT}../shared/onnx-samples/onnx-backend/`;
export const HAVE_SHARED = existsSync(`${SHARED}manifest.json`);

export interface ManifestEntry {
  readonly file: string;
  readonly nodes: number;
  readonly initializers: number;
  readonly ops: Record<string, number>;
  readonly subgraphs: number;
}

export function manifest(): ManifestEntry[] {
  return HAVE_SHARED ? (JSON.parse(readFileSync(`${SHARED}manifest.json`, 'utf8')) as ManifestEntry[]) : [];
}

export function bytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
