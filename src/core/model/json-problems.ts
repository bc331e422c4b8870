import { printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { FindingCode, Problem } from './ir';

/** jsonc-parser's syntax errors as located problems ("JSON syntax error: close brace expected"). */
export function jsonSyntaxProblems(errors: readonly ParseError[], code: FindingCode): Problem[] {
  return errors.map((e) => ({
    code,
    severity: 'error' as const,
    message: `JSON syntax error: ${printParseErrorCode(e.error)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()}`,
    range: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
}
