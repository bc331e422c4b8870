import { parseTree, type ParseError } from 'jsonc-parser';
import { jsonSyntaxProblems } from './json-problems';
import { depthProblem } from './json-depth';
import type { ParseResult, Problem } from './ir';

/** Activity measured elsewhere (the simulator, or a measurements JSON), keyed by layer name. */
export interface MeasuredActivity {
  /** Spike rate of the layer's own neurons (IF layers, or weighted layers). */
  readonly spikeRate?: number;
  /** ANN activation density of the layer's output. */
  readonly annDensity?: number;
}

/**
 * Measured activity recorded elsewhere (e.g. a PyTorch training run), keyed by layer name:
 * `{ "conv1": 0.08, "conv2": { "spikeRate": 0.1, "annDensity": 0.4 } }`, optionally under "layers".
 * The simulator's JSON output (`layers: [{ name, spikeRate }]`) is accepted too.
 */
export function parseMeasurements(text: string): ParseResult<Map<string, MeasuredActivity>> {
  const deep = depthProblem(text, 'json-syntax');
  if (deep) return { value: undefined, problems: [deep] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  const problems: Problem[] = jsonSyntaxProblems(errors, 'json-syntax');
  if (!root || problems.length) return { value: undefined, problems };
  const out = new Map<string, MeasuredActivity>();
  const bad = (node: { offset: number; length: number }, message: string) =>
    problems.push({
      code: 'invalid-field',
      severity: 'error',
      message,
      range: { start: node.offset, end: node.offset + node.length },
    });
  const layersProp =
    root.type === 'object' ? root.children?.find((p) => p.children?.[0].value === 'layers')?.children?.[1] : undefined;
  const container = layersProp ?? root;
  const rate = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
  if (container.type === 'array') {
    for (const item of container.children ?? []) {
      const obj = Object.fromEntries((item.children ?? []).map((p) => [p.children?.[0].value, p.children?.[1]?.value]));
      if (typeof obj.name !== 'string' || !rate(obj.spikeRate)) {
        bad(item, 'each entry needs "name" and a "spikeRate" from 0 to 1');
        continue;
      }
      out.set(obj.name, {
        spikeRate: obj.spikeRate as number,
        annDensity: rate(obj.annDensity) ? (obj.annDensity as number) : undefined,
      });
    }
  } else if (container.type === 'object') {
    for (const p of container.children ?? []) {
      const [k, v] = p.children ?? [];
      if (!k || !v) continue;
      if (v.type === 'number' && rate(v.value)) out.set(String(k.value), { spikeRate: v.value as number });
      else if (v.type === 'object') {
        const obj = Object.fromEntries((v.children ?? []).map((q) => [q.children?.[0].value, q.children?.[1]?.value]));
        const m = {
          spikeRate: rate(obj.spikeRate) ? (obj.spikeRate as number) : undefined,
          annDensity: rate(obj.annDensity) ? (obj.annDensity as number) : undefined,
        };
        if (m.spikeRate === undefined && m.annDensity === undefined)
          bad(v, `"${String(k.value)}" needs "spikeRate" or "annDensity" from 0 to 1`);
        else out.set(String(k.value), m);
      } else bad(v, `"${String(k.value)}" must be a spike rate from 0 to 1 or { "spikeRate": …, "annDensity": … }`);
    }
  } else bad(root, 'measurements are an object keyed by layer name: { "conv1": 0.08 }');
  return { value: out, problems };
}
