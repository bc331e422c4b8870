import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a build script in plain JavaScript
import { permissive } from '../../../scripts/editor-schema.mjs';
import strict from '../../../schemas/layer-spec.schema.json';
import arch from '../../../schemas/architecture.schema.json';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { BAD_LAYERS } from './bad-layers';

const loose = permissive(strict);
const validate = new Ajv({ allErrors: true, strict: false }).compile(loose);

/** Every description and every enum value anywhere in a schema (what completion and hover show). */
function collect(s: unknown, out = { descriptions: [] as string[], values: [] as unknown[] }) {
  if (Array.isArray(s)) s.forEach((x) => collect(x, out));
  else if (s && typeof s === 'object')
    for (const [k, v] of Object.entries(s)) {
      if (k === 'description' && typeof v === 'string') out.descriptions.push(v);
      else if (k === 'enum') out.values.push(...(v as unknown[]));
      else collect(v, out);
    }
  return out;
}

describe('the editor schema: completion and hover from ours, errors only from the parser', () => {
  const WRONG_TYPE = ['a wrong type', '{ "name": 3, "type": "relu", "spikeRate": "high" }'] as const;
  it.each([...BAD_LAYERS, WRONG_TYPE])('accepts a spec with %s, which the parser reports', (_what, layer) => {
    const text = `{ "input": { "shape": [3, 8, 8] }, "layers": [${layer}] }`;
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(parseLayerSpec(text).problems.length).toBeGreaterThan(0);
  });

  it('keeps every description and every listed value of the strict schemas', () => {
    for (const s of [strict, arch]) {
      const a = collect(s);
      const b = collect(permissive(s));
      expect(b.descriptions.sort()).toEqual(a.descriptions.sort());
      expect(b.values.sort()).toEqual(a.values.sort());
    }
  });

  it('still lists the layer types and the fields of each type for completion', () => {
    const layer = loose.definitions.layer;
    expect(layer.properties.type.anyOf[0].enum).toContain('conv2d');
    expect(Object.keys(layer.allOf[0].then.properties)).toContain('name');
  });
});
