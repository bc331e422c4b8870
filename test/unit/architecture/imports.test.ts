// The import graph of src/ and webview/: no cycles, and no import from a lower layer into a higher one
// (ARCHITECTURE.md, "Layers"). Checked over the files' own import statements, resolved like the bundler.
import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from './import-graph';

/**
 * Each file's layer: the first prefix that matches. A file may import its own layer or a lower one
 * (smaller rank); two layers of equal rank may not import each other (the CLI and the extension).
 */
const LAYERS: readonly (readonly [prefix: string, rank: number])[] = [
  ['src/core/units.ts', 0],
  ['src/core/rules.ts', 0],
  ['src/core/model/', 1],
  ['src/core/energy/', 2],
  ['src/core/sim/', 2],
  ['src/core/analysis/', 3],
  ['src/core/report/', 4],
  ['src/shared/', 5],
  ['src/node/', 5],
  ['src/cli/', 6],
  ['src/extension/', 6],
  ['webview/src/', 6],
];

function layerOf(file: string): readonly [string, number] {
  const l = LAYERS.find(([prefix]) => file.startsWith(prefix));
  if (!l) throw new Error(`${file} is in no layer: add its folder to LAYERS`);
  return l;
}

/** Imports that go up (or sideways between two layers of one rank). */
export function upwardImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    const [from, rank] = layerOf(file);
    for (const t of targets) {
      const [to, toRank] = layerOf(t);
      if (to !== from && toRank >= rank) out.push(`${file} → ${t}`);
    }
  }
  return out;
}

describe('import graph', () => {
  const graph = importGraph(process.cwd(), ['src', 'webview/src']);

  it('sees the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/extension/extension.ts')).toContain('src/extension/model-service.ts');
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no upward import', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('finds a cycle and an upward import when there is one', () => {
    const g = new Map([
      ['src/core/model/a.ts', ['src/core/analysis/b.ts']],
      ['src/core/analysis/b.ts', ['src/core/analysis/c.ts']],
      ['src/core/analysis/c.ts', ['src/core/model/a.ts']],
      ['src/core/units.ts', []],
    ]);
    expect(cycles(g)).toEqual([['src/core/analysis/b.ts', 'src/core/analysis/c.ts', 'src/core/model/a.ts']]);
    expect(upwardImports(g)).toEqual(['src/core/model/a.ts → src/core/analysis/b.ts']);
  });
});
