// Weights read lazily by offset: raw_data, external data (with the folder boundary), against onnx-proto.
import { mkdtempSync, symlinkSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onnx } from 'onnx-proto';
import { readOnnx } from '../../../src/core/model/onnx/reader';
import { readTensorFloat32, half } from '../../../src/core/model/onnx/tensor-data';
import { bufferSource } from '../../../src/core/model/onnx/wire';
import { externalDataOpener, openFileSource } from '../../../src/node/file-source';
import { bytes, FIXTURES } from './samples';

function protoFloats(t: onnx.ITensorProto): number[] {
  if (t.floatData?.length) return t.floatData;
  const raw = t.rawData!;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return Array.from({ length: raw.byteLength / 4 }, (_, i) => v.getFloat32(i * 4, true));
}

describe('readTensorFloat32', () => {
  it('reads every float initializer of cnn_bn exactly as onnx-proto decodes it', () => {
    const b = bytes(FIXTURES + 'cnn_bn.onnx');
    const ours = readOnnx(bufferSource(b)).value!;
    const theirs = onnx.ModelProto.decode(b).graph!.initializer!;
    for (const t of ours.graph.initializers.filter((x) => x.dataType === 1)) {
      const v = readTensorFloat32(t, bufferSource(b));
      expect(v).toBeInstanceOf(Float32Array);
      expect(Array.from(v as Float32Array)).toEqual(protoFloats(theirs.find((x) => x.name === t.name)!));
    }
  });

  it('reads external data from the file next to the model, equal to the same weights stored inline', () => {
    const inline = bytes(FIXTURES + 'cnn_bn.onnx');
    const a = readOnnx(bufferSource(inline)).value!;
    const src = openFileSource(FIXTURES + 'cnn_external.onnx');
    const open = externalDataOpener(FIXTURES + 'cnn_external.onnx');
    const b = readOnnx(src).value!;
    const ext = b.graph.initializers.filter((t) => t.payload?.kind === 'external');
    expect(ext.length).toBeGreaterThan(0);
    for (const t of ext) {
      const twin = a.graph.initializers.find((x) => x.name === t.name)!;
      expect(Array.from(readTensorFloat32(t, src, open) as Float32Array)).toEqual(
        Array.from(readTensorFloat32(twin, bufferSource(inline)) as Float32Array),
      );
    }
    src.close();
    open.closeAll();
  });

  it('reads them the same from the file, each read its own memory (the simulator scales weights in place)', () => {
    const b = bytes(FIXTURES + 'cnn_bn.onnx');
    const theirs = onnx.ModelProto.decode(b).graph!.initializer!;
    const src = openFileSource(FIXTURES + 'cnn_bn.onnx');
    const model = readOnnx(src).value!;
    const floats = model.graph.initializers.filter((x) => x.dataType === 1 && x.payload?.kind === 'raw');
    expect(floats.length).toBeGreaterThan(3);
    for (const t of floats) {
      const expected = protoFloats(theirs.find((x) => x.name === t.name)!);
      const first = readTensorFloat32(t, src) as Float32Array;
      expect(Array.from(first)).toEqual(expected);
      first.fill(7);
      expect(Array.from(readTensorFloat32(t, src) as Float32Array)).toEqual(expected);
      // from bytes held in memory: a copy, so writing into it leaves the caller's bytes alone
      const inMemory = readTensorFloat32(t, bufferSource(b)) as Float32Array;
      inMemory.fill(7);
      expect(Array.from(readTensorFloat32(t, bufferSource(b)) as Float32Array)).toEqual(expected);
    }
    src.close();
  });

  it('decodes IEEE half precision', () => {
    expect(half(0x3c00)).toBe(1);
    expect(half(0xc000)).toBe(-2);
    expect(half(0x3555)).toBeCloseTo(0.33325, 5);
  });
});

describe("external data stays inside the model's folder", () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-ext-'));
  mkdirSync(join(dir, 'model'));
  writeFileSync(join(dir, 'secret.bin'), 'secret');
  copyFileSync(FIXTURES + 'cnn_external.weights', join(dir, 'model', 'w.bin'));
  symlinkSync(join(dir, 'secret.bin'), join(dir, 'model', 'link.bin'));
  const open = externalDataOpener(join(dir, 'model', 'm.onnx'));

  it('opens a relative location', () => expect('error' in open('w.bin')).toBe(false));
  it('refuses an absolute path', () =>
    expect(open('/etc/passwd')).toEqual({
      error: 'external data location "/etc/passwd" is absolute: only paths relative to the model\'s folder are allowed',
    }));
  it('refuses ../ escapes', () =>
    expect(open('../secret.bin')).toEqual({
      error: 'external data location "../secret.bin" leaves the model\'s folder: refused',
    }));
  it('refuses a symlink that points outside', () =>
    expect(open('link.bin')).toEqual({
      error: 'external data location "link.bin" leaves the model\'s folder: refused',
    }));
  it('says when the file is missing', () =>
    expect(open('nope.bin')).toEqual({ error: 'external data file "nope.bin" not found next to the model' }));
});

describe('tensor reads refuse sizes the payload cannot hold', () => {
  it('before allocating anything', () => {
    const huge = {
      name: 'w',
      dataType: 1,
      dims: [16384, 16384],
      payload: { kind: 'raw' as const, offset: 0, length: 8 },
    };
    expect(readTensorFloat32(huge, bufferSource(new Uint8Array(8)))).toEqual({
      error: 'tensor "w": 8 bytes of data for 268435456 values',
    });
  });
});
