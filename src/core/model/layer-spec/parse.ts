import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { streamTree } from './stream-tree';
import { jsonSyntaxProblems } from '../json-problems';
import type { Network, ParseResult, Problem } from '../ir';
import { Fields, MAX_INT, rangeOf } from './json-nodes';
import { checkNetwork } from '../check-network';
import { depthProblem } from '../json-depth';
import { duplicateKeyProblems, type Duplicate } from './duplicate-keys';
import { TOP_LEVEL_SET, unknownKeys } from './known-fields';
import { LayerBuilder } from './layer-builder';

/**
 * Parse a JSON layer spec (*.layers.json) into the Network IR, with every problem located.
 * Never throws: a spec that cannot be read at all gives `value: undefined` and its problems.
 */
export function parseLayerSpec(text: string, fallbackName = 'model'): ParseResult<Network> {
  const deep = depthProblem(text, 'json-syntax');
  if (deep) return { value: undefined, problems: [deep] };
  const errors: ParseError[] = [];
  // layers are built while the text streams by, once "input" is known (it usually comes first)
  const layerProblems: Problem[] = [];
  let builder: LayerBuilder | undefined;
  const duplicates: Duplicate[] = [];
  const root = streamTree(text, errors, {
    begin(top) {
      const shape = peekInputShape(top);
      if (shape) builder = new LayerBuilder(shape, layerProblems);
      return builder !== undefined;
    },
    element: (node) => builder!.add(node),
    duplicateKey: (key, first, offset, length) => duplicates.push({ key, first, offset, length }),
  });
  const problems: Problem[] = jsonSyntaxProblems(errors, 'json-syntax');
  if (duplicates.length) for (const p of duplicateKeyProblems(text, duplicates)) problems.push(p);
  if (!root || root.type !== 'object') {
    if (!errors.length)
      problems.push({
        code: 'invalid-field',
        severity: 'error',
        message: 'a layer spec is a JSON object: { "input": { "shape": [3, 32, 32] }, "layers": [ … ] }',
        range: rangeOf(root) ?? { start: 0, end: 0 },
      });
    return { value: undefined, problems };
  }
  const top = new Fields(root, problems, 'the spec');
  unknownKeys(top, TOP_LEVEL_SET, 'the spec');
  const inputShape = readInputShape(top);
  const layersNode = top.value('layers');
  if (!layersNode)
    top.problem(
      'missing-field',
      'the spec needs "layers": add "layers": [ { "name": "conv1", "type": "conv2d", … } ]',
      root,
      {
        title: 'Add "layers": []',
        safe: false,
        insert: { object: root.offset, key: 'layers', value: [] },
      },
    );
  else if (layersNode.type !== 'array')
    top.problem('invalid-field', '"layers" must be a list of layer objects', layersNode);
  const net: Network = {
    name: top.string('name') ?? fallbackName,
    format: 'layer-spec',
    inputShape: inputShape ?? [],
    timesteps: top.int('timesteps', { max: 1024 }),
    weightBits: top.int('weightBits', { max: 32 }),
    defaultSpikeRate: top.number('defaultSpikeRate', 0, 1, 'rate-out-of-range'),
    layers: inputShape && layersNode?.type === 'array' ? layersOf(layersNode, inputShape, builder, problems) : [],
    problems,
  };
  if (builder) for (const p of layerProblems) problems.push(p);
  const checked = checkNetwork(net);
  return { value: checked, problems: checked.problems };
}

/** The layers: streamed already, or (when "input" came after "layers") built from the tree now. */
function layersOf(array: JsonNode, inputShape: number[], streamed: LayerBuilder | undefined, problems: Problem[]) {
  if (streamed) return streamed.layers;
  const b = new LayerBuilder(inputShape, problems);
  for (const node of array.children ?? []) b.add(node);
  return b.layers;
}

/** "input.shape" when it is valid (the problems are reported later, by readInputShape). */
function peekInputShape(root: JsonNode): number[] | undefined {
  const problems: Problem[] = [];
  const shape = readInputShape(new Fields(root, problems, 'the spec'));
  return problems.length ? undefined : shape;
}

function readInputShape(top: Fields): number[] | undefined {
  const input = top.value('input');
  if (!input) {
    const value = { shape: [3, 32, 32] };
    const fix = {
      title: 'Add "input": { "shape": [3, 32, 32] }',
      safe: false,
      insert: { object: top.node.offset, key: 'input', value },
    };
    top.problem('missing-field', 'the spec needs "input": add "input": { "shape": [3, 32, 32] }', top.node, fix);
    return undefined;
  }
  if (input.type !== 'object')
    return (top.problem('invalid-field', '"input" must be an object like { "shape": [3, 32, 32] }', input), undefined);
  const f = new Fields(input, [], 'input');
  const shape = f.value('shape');
  const ok =
    shape?.type === 'array' &&
    (shape.children?.length === 1 || shape.children?.length === 3) &&
    shape.children.every(
      (c) =>
        c.type === 'number' && Number.isInteger(c.value) && (c.value as number) > 0 && (c.value as number) <= MAX_INT,
    );
  if (!ok) {
    top.problem(
      'invalid-field',
      `"input.shape" must be [channels, height, width] or [features] with whole numbers from 1 to ${MAX_INT}, e.g. [3, 32, 32]`,
      shape ?? input,
    );
    return undefined;
  }
  return shape.children!.map((c) => c.value as number);
}
