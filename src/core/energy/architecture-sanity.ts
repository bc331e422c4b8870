import { findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import type { Problem } from '../model/ir';
import { architecturesOf, type ActionSpec, type ArchitectureDocument, type EnergyComponent } from './architecture';

/**
 * Largest value each numeric field may take. Far above any real chip (the largest per-event energy
 * in the built-ins is a few hundred pJ) yet small enough that no product of them overflows a double.
 */
const MAX_BY_KEY: Readonly<Record<string, number>> = Object.assign(Object.create(null) as Record<string, number>, {
  pJ: 1e6,
  pJPerBit: 1e6,
  count: 1e6,
  bits: 64,
});
const MAX_PARAMETER: Readonly<Record<string, number>> = Object.assign(Object.create(null) as Record<string, number>, {
  annDensity: 1,
  hops: 1e4,
  membraneBits: 64,
  eventBits: 64,
});
const MAX_OTHER = 1e6;

type Path = (string | number)[];

/**
 * Checks the schema cannot express: every number finite and within its maximum, the ids unique against
 * `taken` (the built-ins), and neither side all zero (a comparison with a free chip says nothing).
 */
export function sanityProblems(doc: ArchitectureDocument, root: JsonNode, taken: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const at = (path: Path, message: string) => {
    const node = findNodeAtLocation(root, path) ?? root;
    problems.push({
      code: 'invalid-architecture',
      severity: 'error',
      message,
      range: { start: node.offset, end: node.offset + node.length },
    });
  };
  walkNumbers(doc, [], (x, path) => {
    const max = maxFor(path);
    if (!Number.isFinite(x)) at(path, `${pointer(path)} is ${x}: write a finite number (at most ${max})`);
    else if (x > max) at(path, `${pointer(path)} is ${x}, above the maximum ${max}: check the unit (pJ per event)`);
  });
  for (const a of architecturesOf(doc)) {
    if (taken.has(a.id))
      at(['id'], `architecture id "${a.id}" is a built-in architecture's: give the document its own "id"`);
    for (const side of ['qnn', 'snn'] as const)
      if (problems.length === 0 && sideEnergy(a[side]) === 0)
        at(
          [side],
          `every ${side.toUpperCase()} energy of "${a.id}" is 0: an architecture where ${side.toUpperCase()} costs nothing cannot be compared`,
        );
  }
  return problems;
}

function maxFor(path: Path): number {
  const [key, parent, grand] = [path[path.length - 1], path[path.length - 2], path[path.length - 3]];
  if (key === 'value' && grand === 'parameters') return MAX_PARAMETER[String(parent)] ?? MAX_OTHER;
  if (typeof key === 'number' && parent === 'bits') return MAX_BY_KEY.bits;
  return MAX_BY_KEY[String(key)] ?? MAX_OTHER;
}

function walkNumbers(v: unknown, path: Path, visit: (x: number, path: Path) => void): void {
  if (typeof v === 'number') visit(v, path);
  else if (Array.isArray(v)) v.forEach((x, i) => walkNumbers(x, [...path, i], visit));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walkNumbers(x, [...path, k], visit);
}

/** Sum over a side's components of pJ + pJPerBit (a bit width of 1 when it is named) times count: 0 only when all are 0. */
function sideEnergy(actions: Partial<Record<string, ActionSpec>>): number {
  let total = 0;
  for (const spec of Object.values(actions))
    for (const c of spec?.components ?? []) total += componentScale(c) * (c.count ?? 1);
  return total;
}

function componentScale(c: EnergyComponent): number {
  const bits = Array.isArray(c.bits) ? c.bits : [c.bits];
  const width = bits.reduce<number>((p, b) => p * (typeof b === 'number' ? b : 1), 1);
  return (c.pJ ?? 0) + (c.pJPerBit ?? 0) * width;
}

function pointer(path: Path): string {
  return '/' + path.join('/');
}
