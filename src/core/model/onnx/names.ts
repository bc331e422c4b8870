import type { OnnxNode } from './types';

/**
 * The layer name of every node in a graph: its `name` when non-empty and unique in the graph, else
 * `<OpType>_<nodeIndex>`. The IR, the text view, the simulator's reports and the findings all use
 * these names, so a measured rate always finds its layer.
 */
export function nodeLayerNames(nodes: readonly OnnxNode[]): string[] {
  const seen = new Map<string, number>();
  for (const n of nodes) if (n.name) seen.set(n.name, (seen.get(n.name) ?? 0) + 1);
  const used = new Set<string>();
  return nodes.map((n, i) => {
    let name = n.name && seen.get(n.name) === 1 ? n.name : `${n.opType}_${i}`;
    while (used.has(name)) name = `${name}_${i}`;
    used.add(name);
    return name;
  });
}
