import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { streamTree } from './stream-tree';
import { jsonSyntaxProblems } from '../json-problems';
import type { Layer, Network, ParseResult, Problem } from '../ir';
import { Fields, MAX_INT, rangeOf, replaceWith } from './json-nodes';
import { LAYER_TYPES } from './layer-types';
import { closest } from './suggest';
import { own } from '../own';
import { checkNetwork } from '../check-network';
import { depthProblem } from '../json-depth';
import { duplicateKeyProblems, type Duplicate } from './duplicate-keys';

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

function unknownKeys(f: Fields, allowed: ReadonlySet<string>, what: string): void {
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

const TOP_LEVEL_SET: ReadonlySet<string> = new Set(TOP_LEVEL_FIELDS);
const FIELDS_OF_TYPE = new Map(
  Object.entries(LAYER_TYPES).map(([name, t]) => [name, new Set<string>([...COMMON_LAYER_FIELDS, ...t.fields])]),
);

/** Builds the layers one JSON element at a time, in order (shapes flow from the input). */
class LayerBuilder {
  readonly layers: Layer[];
  private readonly byName = new Map<string, number>([['input', 0]]);
  // `shapes[i]` is undefined when layer i's shape could not be inferred: its consumers stay quiet.
  private readonly shapes: (number[] | undefined)[];
  constructor(
    inputShape: number[],
    private readonly problems: Problem[],
  ) {
    this.layers = [{ index: 0, name: 'input', kind: 'input', op: 'input', inputs: [], outputShape: inputShape }];
    this.shapes = [inputShape];
  }
  add(node: JsonNode): void {
    if (node.type !== 'object') {
      this.problems.push({
        code: 'invalid-field',
        severity: 'error',
        message: 'each layer is an object like { "name": "conv1", "type": "conv2d", … }',
        range: rangeOf(node),
      });
      return;
    }
    const layer = buildLayer(node, this.layers, this.byName, this.shapes, this.problems);
    if (!layer) return;
    this.byName.set(layer.name, layer.index);
    this.layers.push(layer);
    this.shapes.push(layer.outputShape as number[] | undefined);
  }
}

function buildLayer(
  node: JsonNode,
  layers: Layer[],
  byName: Map<string, number>,
  shapes: (number[] | undefined)[],
  problems: Problem[],
): Layer | undefined {
  const index = layers.length;
  const pre = new Fields(node, problems, 'this layer');
  const nameNode = pre.value('name');
  let name = pre.string('name', true);
  if (name !== undefined && byName.has(name)) {
    pre.problem(
      'duplicate-layer-name',
      `another layer is already named "${name}": give each layer its own name`,
      nameNode,
    );
    name = undefined;
  }
  name ??= `layer${index}`;
  const f = pre.forLayer(name);
  const typeNode = f.value('type');
  const typeName = f.string('type', true);
  const type = typeName === undefined ? undefined : own(LAYER_TYPES, typeName);
  if (typeName !== undefined && !type) {
    const guess = closest(typeName, Object.keys(LAYER_TYPES));
    f.problem(
      'unknown-layer-type',
      `unknown layer type "${typeName}": ${guess ? `did you mean "${guess}"? ` : ''}use one of ${Object.keys(LAYER_TYPES).join(', ')}`,
      typeNode,
      guess ? replaceWith(typeNode!, JSON.stringify(guess), `Change the type to "${guess}"`, true) : undefined,
    );
  }
  if (type) unknownKeys(f, FIELDS_OF_TYPE.get(typeName!)!, `a ${typeName} layer`);
  const inputs = readInputs(f, index, byName, type?.minInputs ?? 1);
  const rate = readRate(f);
  const inShapes = inputs?.map((i) => shapes[i]);
  const inferred =
    type && inShapes && inShapes.every((s) => s !== undefined) ? type.infer(f, inShapes as number[][]) : undefined;
  return {
    index,
    name,
    kind: type?.kind ?? 'unmodelled',
    op: typeName ?? 'unknown',
    inputs: inputs ?? [],
    outputShape: inferred?.outputShape,
    counts: inferred?.counts,
    elements: inferred?.elements,
    attributes: inferred?.attributes,
    spikeRate: rate.spikeRate,
    spikeRateSource: rate.spikeRateSource,
    annDensity: f.number('annDensity', 0, 1, 'rate-out-of-range'),
    execution: f.oneOf('execution', ['snn', 'qnn'] as const),
    weightBits: f.int('weightBits', { max: 32 }),
    range: rangeOf(node),
    nameRange: rangeOf(nameNode),
    typeRange: rangeOf(typeNode),
  };
}

function readRate(f: Fields): Pick<Layer, 'spikeRate' | 'spikeRateSource'> {
  const rate = f.number('spikeRate', 0, 1, 'rate-out-of-range');
  const sparsity = f.number('sparsity', 0, 1, 'rate-out-of-range');
  if (rate !== undefined && sparsity !== undefined && Math.abs(rate + sparsity - 1) > 1e-9)
    f.problem(
      'invalid-field',
      `"spikeRate" ${rate} and "sparsity" ${sparsity} disagree (sparsity = 1 − spike rate): keep one of them`,
      f.value('sparsity'),
    );
  if (rate !== undefined) return { spikeRate: rate, spikeRateSource: 'declared' };
  if (sparsity !== undefined) return { spikeRate: 1 - sparsity, spikeRateSource: 'sparsity' };
  return {};
}

/** `inputs: ["a", "b"]` by name, else the previous layer. Undefined when they are wrong. */
function readInputs(f: Fields, index: number, byName: Map<string, number>, min: number): number[] | undefined {
  const v = f.value('inputs');
  if (!v) {
    if (min > 1)
      f.problem(
        'missing-field',
        `this layer combines branches: add "inputs": ["<layer>", "<layer>"] naming at least ${min} earlier layers`,
      );
    return min > 1 ? undefined : [index - 1];
  }
  if (v.type !== 'array' || !v.children?.every((c) => c.type === 'string')) {
    f.problem('invalid-field', '"inputs" must be a list of earlier layer names, e.g. ["conv1", "conv2"]', v);
    return undefined;
  }
  const out: number[] = [];
  for (const c of v.children) {
    const i = byName.get(c.value as string);
    if (i === undefined) {
      const guess = closest(c.value as string, [...byName.keys()]);
      f.problem(
        'unknown-layer-input',
        `no earlier layer is named "${c.value}"${guess ? `: did you mean "${guess}"?` : ''} (inputs must name layers above this one, or "input")`,
        c,
        guess ? replaceWith(c, JSON.stringify(guess), `Change the input to "${guess}"`, true) : undefined,
      );
      return undefined;
    }
    out.push(i);
  }
  if (out.length < min) {
    f.problem('invalid-field', `this layer needs at least ${min} inputs`, v);
    return undefined;
  }
  return out;
}
