import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../../schemas/layer-spec.schema.json';
import { LAYER_TYPES } from '../../../src/core/model/layer-spec/layer-types';
import { COMMON_LAYER_FIELDS, TOP_LEVEL_FIELDS } from '../../../src/core/model/layer-spec/known-fields';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { BAD_LAYERS } from './bad-layers';

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const example = (f: string) => readFileSync(new URL(`../../../examples/${f}`, import.meta.url), 'utf8');

describe('schemas/layer-spec.schema.json and the parser agree', () => {
  it('on the layer types', () => {
    expect([...schema.definitions.layer.properties.type.enum].sort()).toEqual(Object.keys(LAYER_TYPES).sort());
  });

  it('on the fields of every type', () => {
    for (const rule of schema.definitions.layer.allOf) {
      const type = rule.if.properties.type.const;
      const schemaFields = Object.keys(rule.then.properties).sort();
      expect(schemaFields, type).toEqual([...COMMON_LAYER_FIELDS, ...LAYER_TYPES[type].fields].sort());
    }
  });

  it('on the top-level fields', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...TOP_LEVEL_FIELDS].sort());
  });

  it.each(['vgg16-cifar10.layers.json', 'tiny.layers.json'])('on the bundled example %s (both accept it)', (f) => {
    const text = example(f);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(parseLayerSpec(text).problems).toEqual([]);
  });

  it.each(BAD_LAYERS)('on a spec with %s (both reject it)', (_what, layer) => {
    const text = `{ "input": { "shape": [3, 8, 8] }, "layers": [${layer}] }`;
    expect(validate(JSON.parse(text))).toBe(false);
    expect(parseLayerSpec(text).problems.length).toBeGreaterThan(0);
  });
});
