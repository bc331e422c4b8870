// Every code a problem or finding can carry is a key of RULES (FindingCode: the compiler rejects any
// other). What remains to check at run time is the docs: one page per rule, and no page without a rule.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, RULES } from '../../../src/core/rules';

describe('the rule table and docs/rules', () => {
  const pages = readdirSync(new URL('../../../docs/rules/', import.meta.url))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();

  it('has one docs page per rule, and a rule for every page', () => {
    expect([...FINDING_CODES].sort()).toEqual(pages);
  });

  it.each(FINDING_CODES)('%s has a title, a help text and a severity', (code) => {
    const r = RULES[code];
    expect(r.title.length).toBeGreaterThan(3);
    expect(r.help.length).toBeGreaterThan(20);
    expect(['error', 'warning', 'information']).toContain(r.severity);
  });
});
