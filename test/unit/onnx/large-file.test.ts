// A 553 MB VGG-16 (224×224) with the real byte layout, its weights left as holes of a sparse file:
// opening it reads about a megabyte, whatever the weights weigh.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesizeVgg16 } from '../../../bench/synthetic-vgg16';
import { openFileSource } from '../../../src/node/file-source';
import { readOnnx } from '../../../src/core/model/onnx/reader';
import { parseOnnx } from '../../../src/core/model/onnx/to-network';

const dir = mkdtempSync(join(tmpdir(), 'snn-big-'));
const path = join(dir, 'vgg16.onnx');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a 553 MB sparse VGG-16', () => {
  const size = synthesizeVgg16(path);

  it("has the size of torchvision's VGG-16 export (138.36 M float parameters ≈ 553 MB)", () => {
    expect(size).toBe(statSync(path).size);
    expect(size / 1e6).toBeGreaterThan(553);
    expect(size / 1e6).toBeLessThan(554);
  });

  it('opens by reading under 2 MB in a few dozen positional reads', () => {
    const src = openFileSource(path);
    const r = readOnnx(src);
    src.close();
    expect(r.problems).toEqual([]);
    expect(r.bytesRead).toBeLessThan(2 * 1024 * 1024);
    expect(r.reads).toBeLessThan(50);
    expect(r.value!.graph.initializers).toHaveLength(32);
  });

  it('counts 15.47 GMACs and 138.34 M weights (torchvision: VGG-16 15.47 GFLOPS, 138.36 M parameters with biases)', () => {
    const src = openFileSource(path);
    const net = parseOnnx(src).value!.network;
    src.close();
    const macs = net.layers.reduce((s, l) => s + (l.counts?.synapses ?? 0), 0);
    const weights = net.layers.reduce((s, l) => s + (l.counts?.weights ?? 0) + (l.counts?.biases ?? 0), 0);
    expect(macs / 1e9).toBeCloseTo(15.47, 2);
    expect(weights).toBe(138_357_544);
  });
});
