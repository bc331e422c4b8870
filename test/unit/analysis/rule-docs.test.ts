import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/core/analysis/rules';

function sources(dir: URL): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(new URL(`${e.name}/`, dir))
      : e.name.endsWith('.ts')
        ? [readFileSync(new URL(e.name, dir), 'utf8')]
        : [],
  );
}

describe('every finding code has a rule and a docs page', () => {
  const emitted = new Set(
    sources(new URL('../../../src/', import.meta.url)).flatMap((s) =>
      [...s.matchAll(/code: '([a-z-]+)'/g)].map((m) => m[1]),
    ),
  );
  it('finds the codes the sources emit', () => expect(emitted.size).toBeGreaterThanOrEqual(10));
  for (const code of emitted)
    it(code, () => {
      expect(RULES.map((r) => r.code)).toContain(code);
      expect(existsSync(new URL(`../../../docs/rules/${code}.md`, import.meta.url))).toBe(true);
    });
});
