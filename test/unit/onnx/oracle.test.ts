// The wire walker against onnx-proto's full protobuf decode (the test oracle), on our fixtures and on
// every upstream sample in ../shared/onnx-samples.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { onnx } from 'onnx-proto';
import { readOnnx } from '../../../src/core/model/onnx/reader';
import { bufferSource } from '../../../src/core/model/onnx/wire';
import type { AttributeValue, OnnxGraph } from '../../../src/core/model/onnx/types';
import { bytes, FIXTURES, HAVE_SHARED, manifest, SHARED } from './samples';

const num = (x: unknown) =>
  typeof x === 'object' && x !== null && 'toNumber' in x ? (x as { toNumber(): number }).toNumber() : Number(x);

function compareAttribute(ours: AttributeValue | undefined, theirs: onnx.IAttributeProto): void {
  expect(ours, theirs.name ?? '').toBeDefined();
  switch (theirs.type) {
    case onnx.AttributeProto.AttributeType.INT:
      expect(ours).toEqual({ type: 'int', value: num(theirs.i) });
      break;
    case onnx.AttributeProto.AttributeType.INTS:
      expect(ours).toEqual({ type: 'ints', value: (theirs.ints ?? []).map(num) });
      break;
    case onnx.AttributeProto.AttributeType.FLOAT:
      expect(ours).toEqual({ type: 'float', value: theirs.f ?? 0 });
      break;
    case onnx.AttributeProto.AttributeType.FLOATS:
      expect(ours).toEqual({ type: 'floats', value: theirs.floats ?? [] });
      break;
    case onnx.AttributeProto.AttributeType.STRING:
      expect(ours).toEqual({ type: 'string', value: new TextDecoder().decode(theirs.s ?? new Uint8Array()) });
      break;
    case onnx.AttributeProto.AttributeType.TENSOR:
      expect(ours?.type).toBe('tensor');
      if (ours?.type === 'tensor') expect(ours.value.dims).toEqual((theirs.t?.dims ?? []).map(num));
      break;
    case onnx.AttributeProto.AttributeType.GRAPH:
      expect(ours?.type).toBe('graph');
      if (ours?.type === 'graph') compareGraph(ours.value, theirs.g!);
      break;
  }
}

function compareGraph(ours: OnnxGraph, theirs: onnx.IGraphProto): void {
  expect(ours.name).toBe(theirs.name ?? '');
  expect(ours.nodes).toHaveLength(theirs.node?.length ?? 0);
  ours.nodes.forEach((n, i) => {
    const t = theirs.node![i];
    expect(n.opType).toBe(t.opType);
    expect(n.name).toBe(t.name ?? '');
    expect(n.inputs).toEqual(t.input ?? []);
    expect(n.outputs).toEqual(t.output ?? []);
    expect([...n.attributes.keys()]).toEqual((t.attribute ?? []).map((a) => a.name));
    for (const a of t.attribute ?? []) compareAttribute(n.attributes.get(a.name!), a);
  });
  expect(ours.initializers.map((t) => [t.name, t.dataType, t.dims])).toEqual(
    (theirs.initializer ?? []).map((t) => [t.name, t.dataType, (t.dims ?? []).map(num)]),
  );
  expect(ours.inputs.map((v) => v.name)).toEqual((theirs.input ?? []).map((v) => v.name));
  expect(ours.outputs.map((v) => v.name)).toEqual((theirs.output ?? []).map((v) => v.name));
  const dims = (v: onnx.IValueInfoProto) =>
    v.type?.tensorType?.shape?.dim?.map((d) =>
      d.dimParam ? d.dimParam : d.dimValue !== undefined && d.dimValue !== null ? num(d.dimValue) : undefined,
    );
  expect(ours.inputs.map((v) => v.shape)).toEqual((theirs.input ?? []).map(dims));
}

function check(path: string): void {
  const b = bytes(path);
  const ours = readOnnx(bufferSource(b));
  expect(ours.problems).toEqual([]);
  const theirs = onnx.ModelProto.decode(b);
  expect(ours.value!.irVersion).toBe(num(theirs.irVersion));
  expect([...ours.value!.opsets.entries()]).toEqual(
    (theirs.opsetImport ?? []).map((o) => [o.domain === 'ai.onnx' ? '' : (o.domain ?? ''), num(o.version)]),
  );
  compareGraph(ours.value!.graph, theirs.graph!);
}

describe('wire walker = onnx-proto on our fixtures', () => {
  for (const f of readdirSync(FIXTURES).filter((x) => x.endsWith('.onnx'))) it(f, () => check(FIXTURES + f));
});

describe.runIf(HAVE_SHARED)('wire walker = onnx-proto on the upstream samples (../shared/onnx-samples)', () => {
  const entries = manifest();
  it('finds all 282 upstream models', () => expect(entries.length).toBe(282));
  for (const e of entries) it(e.file, () => check(SHARED + e.file));
});

describe.skipIf(HAVE_SHARED)('upstream samples', () => {
  it('are not here: ../shared/onnx-samples is missing, so the conformance suite did not run', () => {
    console.warn('conformance suite skipped: ../shared/onnx-samples/onnx-backend/manifest.json not found');
    expect(HAVE_SHARED).toBe(false);
  });
});
