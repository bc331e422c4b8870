import { readFileSync } from 'node:fs';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { streamTree } from '../../../src/core/model/layer-spec/stream-tree';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';

/** parseTree's nodes without parent links (streamTree keeps none). */
function plain(n: JsonNode | undefined): unknown {
  if (!n) return undefined;
  const { parent: _parent, children, ...rest } = n;
  return children ? { ...rest, children: children.map(plain) } : rest;
}

const OPTS = { allowTrailingComma: true, disallowComments: false };
const texts = [
  readFileSync('examples/vgg16-cifar10.layers.json', 'utf8'),
  readFileSync('examples/tiny.layers.json', 'utf8'),
  readFileSync('test/e2e/workspace/broken.layers.json', 'utf8'),
  readFileSync('test/e2e/workspace/xss.layers.json', 'utf8'),
  '{ "a": [1, 2, { "b": null, "c": true }], // comment\n "d": "x", }',
  '{ "layers": [ { "name": "x", ',
  '{ "input": { "shape": [3, 8, 8] }, "layers": [ 1, "two", { "type": "conv2d" , } , ] }',
  '[1, 2',
  '{ "a": }',
  '',
];

/** Deterministic text mutations: truncations and character swaps (mulberry-like LCG). */
function* mutations(text: string, n: number): Generator<string> {
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const chars = '{}[],:" 0a';
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * text.length);
    yield rand() < 0.3
      ? text.slice(0, at)
      : text.slice(0, at) + chars[Math.floor(rand() * chars.length)] + text.slice(at + 1);
  }
}

describe('streamTree', () => {
  it('builds the same tree as jsonc-parser parseTree when nothing is streamed, errors included', () => {
    const all = [...texts, ...mutations(texts[0], 300), ...mutations(texts[2], 100)];
    for (const text of all) {
      const e1: ParseError[] = [];
      const e2: ParseError[] = [];
      const ours = streamTree(text, e1, { begin: () => false, element: () => expect.unreachable() });
      expect(plain(ours)).toEqual(plain(parseTree(text, e2, OPTS)));
      expect(e1).toEqual(e2);
    }
  });

  it('hands over every element of the root "layers" array, in order, and keeps none of them', () => {
    for (const text of [texts[0], ...mutations(texts[0], 200)]) {
      const full = parseTree(text, [], OPTS);
      const layersProp =
        full?.type === 'object' ? full.children?.find((p) => p.children?.[0].value === 'layers') : undefined;
      const streamed: unknown[] = [];
      let begun = 0;
      const ours = streamTree(text, [], { begin: () => (begun++, true), element: (n) => void streamed.push(plain(n)) });
      if (layersProp?.children?.[1]?.type !== 'array') continue;
      expect(begun).toBe(1);
      expect(streamed).toEqual(layersProp.children[1].children!.map(plain));
      const kept = ours!.children!.find((p) => p.children?.[0].value === 'layers')!.children![1];
      expect(kept.children).toEqual([]);
    }
  });
});

describe('parseLayerSpec while streaming', () => {
  it('gives the same network and problems whether "input" comes before or after "layers"', () => {
    const first =
      '{ "name": "n", "input": { "shape": [3, 8, 8] }, "timesteps": 4, "layers": [\n' +
      '  { "name": "c1", "type": "conv2d", "outChannels": 8, "kernel": 3, "spikeRate": 0.1 },\n' +
      '  { "name": "c2", "type": "conv2d", "outChannels": 4, "kernel": 30 },\n' +
      '  { "name": "f", "type": "flatten" }, 7,\n' +
      '  { "name": "fc", "type": "linear", "outFeatures": 10, "spikeRate": 2 } ] }';
    // same layers text at the same offsets: only the order of the top-level fields differs
    const last = first
      .replace('"input": { "shape": [3, 8, 8] }, "timesteps": 4, ', '"timesteps": 4,                                  ')
      .replace(' ] }', ' ], "input": { "shape": [3, 8, 8] } }');
    expect(last.indexOf('"input"')).toBeGreaterThan(last.indexOf('"layers"'));
    expect(last.length).toBe(first.length + ', "input": { "shape": [3, 8, 8] }'.length);
    const a = parseLayerSpec(first);
    const b = parseLayerSpec(last);
    expect(a.value!.layers.map((l) => [l.name, l.outputShape, l.counts?.synapses, l.range])).toEqual(
      b.value!.layers.map((l) => [l.name, l.outputShape, l.counts?.synapses, l.range]),
    );
    expect(a.problems.map((p) => [p.code, p.message, p.range])).toEqual(
      b.problems.map((p) => [p.code, p.message, p.range]),
    );
    // and the problems are real: the oversized kernel, the number in the list, the rate above 1
    expect(a.problems.map((p) => p.code).sort()).toEqual(['invalid-field', 'rate-out-of-range', 'shape-mismatch']);
  });
});
