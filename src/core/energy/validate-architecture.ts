import Ajv from 'ajv';
import { parseTree, findNodeAtLocation, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { jsonSyntaxProblems } from '../model/json-problems';
import schema from '../../../schemas/architecture.schema.json';
import type { ParseResult, Problem } from '../model/ir';
import type { Architecture, ArchitectureDocument } from './architecture';
import { architecturesOf } from './architecture';
import { sanityProblems } from './architecture-sanity';
import { depthProblem } from '../model/json-depth';

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(doc: unknown) {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return { ok: validator(doc) as boolean, errors: validator.errors ?? [] };
}

/**
 * Parse and validate an architecture document (*.arch.json) against schemas/architecture.schema.json,
 * then check that every component names a source the document lists. Never throws.
 */
export function parseArchitecture(text: string, taken: ReadonlySet<string> = new Set()): ParseResult<Architecture[]> {
  const deep = depthProblem(text, 'invalid-architecture');
  if (deep) return { value: undefined, problems: [deep] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: Problem[] = jsonSyntaxProblems(errors, 'invalid-architecture');
  if (!root || problems.length) return { value: undefined, problems };
  const doc = nodeValue(root);
  const { ok, errors: schemaErrors } = validate(doc);
  for (const err of schemaErrors) {
    const path = err.instancePath.split('/').slice(1).map(unescapePointer);
    const node =
      findNodeAtLocation(
        root,
        path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      ) ?? root;
    problems.push({
      code: 'invalid-architecture',
      severity: 'error',
      message: `${err.instancePath || 'document'} ${err.message ?? 'is invalid'}${allowed(err.params)}`,
      range: { start: node.offset, end: node.offset + node.length },
    });
  }
  if (!ok) return { value: undefined, problems };
  for (const p of unknownSources(doc as ArchitectureDocument, root)) problems.push(p);
  for (const p of sanityProblems(doc as ArchitectureDocument, root, taken)) problems.push(p);
  if (problems.some((p) => p.severity === 'error')) return { value: undefined, problems };
  return { value: architecturesOf(doc as ArchitectureDocument), problems };
}

function allowed(params: Record<string, unknown>): string {
  if (Array.isArray(params.allowedValues)) return `: one of ${params.allowedValues.map(String).join(', ')}`;
  if (typeof params.additionalProperty === 'string') return `: remove "${params.additionalProperty}"`;
  return '';
}

function unknownSources(doc: ArchitectureDocument, root: JsonNode): Problem[] {
  const problems: Problem[] = [];
  const check = (source: string, path: (string | number)[]) => {
    if (Object.hasOwn(doc.sources, source) && typeof doc.sources[source] === 'string') return;
    const node = findNodeAtLocation(root, path) ?? root;
    problems.push({
      code: 'invalid-architecture',
      severity: 'error',
      message: `source "${source}" is not listed in "sources": add it there with a citation`,
      range: { start: node.offset, end: node.offset + node.length },
    });
  };
  const walk = (part: 'qnn' | 'snn', actions: object, prefix: (string | number)[]) => {
    for (const [action, spec] of Object.entries(actions) as [string, { components: { source: string }[] }][])
      spec.components.forEach((c, i) => check(c.source, [...prefix, part, action, 'components', i, 'source']));
  };
  walk('qnn', doc.qnn, []);
  walk('snn', doc.snn, []);
  for (const [key, v] of Object.entries(doc.variants ?? {})) {
    if (v.qnn) walk('qnn', v.qnn, ['variants', key]);
    if (v.snn) walk('snn', v.snn, ['variants', key]);
  }
  return problems;
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children![0].value, nodeValue(p.children![1])]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
