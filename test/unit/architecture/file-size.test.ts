// Issue 11, "The house": no source file over ~300 lines except data tables. A file under src/ or webview/src/
// longer than LIMIT lines fails here unless DATA_TABLES lists it with the reason it is one table.
// Scope: the TypeScript and CSS sources (what the bundler and tsc read) and the simulator's hand-written
// WebAssembly text (src/core/sim/wasm/*.wat, kept in parts that scripts/build-wasm.mjs includes in place).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIMIT = 325;
const ROOTS = ['src', 'webview/src'];
const CHECKED = /\.(ts|tsx|css|wat)$/;

/** Files allowed over the limit: each is one table, and its header says so ("DATA TABLE"). */
const DATA_TABLES: Readonly<Record<string, string>> = {
  'src/core/model/onnx/shape-rules.ts':
    'the output-shape rule of every ONNX op, one short rule per op in one table keyed by op type',
};

/** Lines as `wc -l` counts them, plus a last line without its newline. */
export function lineCount(text: string): number {
  if (!text) return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (CHECKED.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every file over `limit` lines that `tables` does not list, as "path: N lines". */
export function oversized(
  sizes: ReadonlyMap<string, number>,
  tables: Readonly<Record<string, string>>,
  limit: number,
): string[] {
  return [...sizes]
    .filter(([file, n]) => n > limit && !Object.hasOwn(tables, file))
    .map(([file, n]) => `${file}: ${n} lines`);
}

describe('source file size', () => {
  const repo = process.cwd();
  const sizes = new Map(
    ROOTS.flatMap((root) => sourceFiles(join(repo, root))).map(
      (f) => [relative(repo, f), lineCount(readFileSync(f, 'utf8'))] as const,
    ),
  );

  it('sees the whole source tree', () => {
    expect(sizes.size).toBeGreaterThan(100);
    expect(sizes.has('src/core/model/layer-spec/parse.ts')).toBe(true);
    expect(sizes.has('webview/src/panel.css')).toBe(true);
  });

  it(`has no file over ${LIMIT} lines but the data tables`, () => {
    expect(oversized(sizes, DATA_TABLES, LIMIT)).toEqual([]);
  });

  it('lists only data tables that exist, need the exemption and say in their header that they are one', () => {
    for (const [file, reason] of Object.entries(DATA_TABLES)) {
      expect(reason.length, file).toBeGreaterThan(20);
      expect(sizes.get(file), `${file} is gone or under the limit: drop it from DATA_TABLES`).toBeGreaterThan(LIMIT);
      const header = readFileSync(join(repo, file), 'utf8').split('\n').slice(0, 10).join('\n');
      expect(header, file).toContain('DATA TABLE');
    }
  });

  it('counts lines like wc -l and flags a long file that is not a listed table', () => {
    // hand counts: "a\nb\n" is 2 lines, "a\nb" is 2 lines (no final newline), "" is 0, "\n\n\n" is 3
    expect([lineCount('a\nb\n'), lineCount('a\nb'), lineCount(''), lineCount('\n\n\n')]).toEqual([2, 2, 0, 3]);
    const sizes = new Map([
      ['src/core/a.ts', 326],
      ['src/core/b.ts', 325],
      ['src/core/table.ts', 900],
    ]);
    expect(oversized(sizes, { 'src/core/table.ts': 'one table' }, 325)).toEqual(['src/core/a.ts: 326 lines']);
    expect(oversized(sizes, {}, 325)).toEqual(['src/core/a.ts: 326 lines', 'src/core/table.ts: 900 lines']);
  });
});
