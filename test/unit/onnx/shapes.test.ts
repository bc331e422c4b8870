// Our shape inference against Python onnx.shape_inference (reference outputs computed by
// test/reference/onnx_shapes.py and committed), on our fixtures and the upstream samples.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOnnx } from '../../../src/core/model/onnx/reader';
import { inferShapes } from '../../../src/core/model/onnx/infer';
import { bufferSource } from '../../../src/core/model/onnx/wire';
import { bytes, HAVE_SHARED, ROOT, SHARED } from './samples';

const expected = JSON.parse(readFileSync(`${ROOT}test/reference/expected/onnx-shapes.json`, 'utf8')) as Record<
  string,
  Record<string, number[]> | { error: string }
>;

function pathOf(key: string): string {
  return key.startsWith('shared:') ? SHARED + key.slice('shared:'.length) : ROOT + key;
}

const keys = Object.keys(expected).filter((k) => HAVE_SHARED || !k.startsWith('shared:'));

describe('shape inference agrees with onnx.shape_inference', () => {
  let compared = 0;
  for (const key of keys) {
    const ref = expected[key];
    if ('error' in ref) continue;
    it(key, () => {
      const b = bufferSource(bytes(pathOf(key)));
      const model = readOnnx(b).value!;
      const ours = inferShapes(model, b);
      for (const [tensor, dims] of Object.entries(ref)) {
        const got = ours.shapes.get(tensor);
        // every tensor the reference determines, we determine too, identically
        expect(got, `${tensor}`).toEqual(dims);
        compared++;
      }
    });
  }
  it('compared thousands of tensors in all', () => {
    expect(compared).toBeGreaterThan(HAVE_SHARED ? 1000 : 20);
  });
});
