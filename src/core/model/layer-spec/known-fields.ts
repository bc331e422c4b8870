/** The fields a layer spec knows (top level, every layer, each type's own), and the check that flags others. */
import { replaceWith, type Fields } from './json-nodes';
import { LAYER_TYPES } from './layer-types';
import { closest } from './suggest';

/** Fields every layer may have, whatever its type. */
export const COMMON_LAYER_FIELDS = [
  'name',
  'type',
  'inputs',
  'spikeRate',
  'sparsity',
  'annDensity',
  'execution',
  'weightBits',
  'description',
] as const;
export const TOP_LEVEL_FIELDS = [
  '$schema',
  'name',
  'description',
  'input',
  'timesteps',
  'weightBits',
  'defaultSpikeRate',
  'layers',
] as const;

export const TOP_LEVEL_SET: ReadonlySet<string> = new Set(TOP_LEVEL_FIELDS);
export const FIELDS_OF_TYPE = new Map(
  Object.entries(LAYER_TYPES).map(([name, t]) => [name, new Set<string>([...COMMON_LAYER_FIELDS, ...t.fields])]),
);

/** Flags each key of `f` not in `allowed`, with a rename fix when one is close. */
export function unknownKeys(f: Fields, allowed: ReadonlySet<string>, what: string): void {
  for (const p of f.node.children ?? []) {
    const keyNode = p.children?.[0];
    if (!keyNode || allowed.has(keyNode.value as string)) continue;
    const key = String(keyNode.value);
    const guess = closest(key, [...allowed]);
    f.problem(
      'invalid-field',
      `unknown field "${key}" in ${what}${guess ? `: did you mean "${guess}"?` : `: remove it (known: ${[...allowed].join(', ')})`}`,
      keyNode,
      guess ? replaceWith(keyNode, JSON.stringify(guess), `Rename "${key}" to "${guess}"`, true) : undefined,
    );
  }
}
