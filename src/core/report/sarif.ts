import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Analysis, Finding } from '../analysis/types';
import { FINDING_CODES, RULES } from '../rules';
import { findingData } from '../analysis/findings';
import type { Severity } from '../model/ir';
import type { ReportContext } from './context';
import { INFORMATION_URI, RULES_BASE_URI, TOOL_NAME } from './context';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note' };

/** SARIF 2.1.0: one rule per finding code, results with file regions for layer specs. */
export function sarifReport(a: Analysis, ctx: ReportContext): Log {
  const codes = FINDING_CODES;
  const rules: ReportingDescriptor[] = codes.map((code) => {
    const r = RULES[code];
    return {
      id: code,
      name: code.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
      shortDescription: { text: r.title },
      fullDescription: { text: r.help },
      help: {
        text: `${r.help} See ${RULES_BASE_URI}${code}.md`,
        markdown: `${r.help}\n\n[Documentation](${RULES_BASE_URI}${code}.md)`,
      },
      helpUri: `${RULES_BASE_URI}${code}.md`,
      defaultConfiguration: { level: LEVEL[r.severity] },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: ctx.toolVersion, informationUri: INFORMATION_URI, rules } },
        results: a.findings.map((f) => result(f, codes.indexOf(f.code), ctx)),
        properties: {
          verdict: a.verdictWithheld ? 'withheld' : a.coverage.complete ? 'given' : 'partial',
          coverage: a.coverage.text,
          accountedMacs: a.coverage.accountedMacs,
          knownMacs: a.coverage.knownMacs,
          notCostedNodes: a.coverage.notCosted,
          ...(a.coverage.firstLoss ? { firstLoss: a.coverage.firstLoss.reason } : {}),
          ...(a.coverage.batchRule ? { batchRule: a.coverage.batchRule } : {}),
        },
      },
    ],
  };
}

function result(f: Finding, ruleIndex: number, ctx: ReportContext): Result {
  const region = f.range && ctx.position ? regionOf(f.range, ctx) : undefined;
  return {
    ruleId: f.code,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: ctx.source }, ...(region ? { region } : {}) },
        ...(f.layer ? { logicalLocations: [{ name: f.layer, kind: 'member' }] } : {}),
      },
    ],
    ...(f.related?.length
      ? {
          relatedLocations: f.related.map((r, id) => ({
            id,
            message: { text: r.message },
            physicalLocation: {
              artifactLocation: { uri: ctx.source },
              ...(r.range && ctx.position ? { region: regionOf(r.range, ctx) } : {}),
            },
          })),
        }
      : {}),
    properties: { architecture: f.architecture, ...(findingData(f) ?? {}) },
  };
}

function regionOf(range: { start: number; end: number }, ctx: ReportContext) {
  const s = ctx.position!(range.start);
  const e = ctx.position!(range.end);
  return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
}
