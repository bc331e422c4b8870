/** Builds the Network IR's layers from a layer spec's "layers" entries: name, type, inputs, rates, shapes. */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Layer, Problem } from '../ir';
import { own } from '../own';
import { Fields, rangeOf, replaceWith } from './json-nodes';
import { FIELDS_OF_TYPE, unknownKeys } from './known-fields';
import { LAYER_TYPES } from './layer-types';
import { closest } from './suggest';

/** Builds the layers one JSON element at a time, in order (shapes flow from the input). */
export class LayerBuilder {
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
