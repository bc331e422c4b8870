// The large inputs of issue 13's host-thread budget (50 ms per step): a 20,000-layer spec and a 1,000-node
// ONNX model. Shared by `npm run bench -- host` and the host-thread unit test.
import { onnx } from 'onnx-proto';

/** n layers: conv2d (16 channels, 3×3, declared spike rate) and relu alternating on a 16×8×8 input. */
export function spec(n: number): string {
  const layers = Array.from({ length: n }, (_, i) =>
    i % 2
      ? `{"name":"r${i}","type":"relu"}`
      : `{"name":"c${i}","type":"conv2d","outChannels":16,"kernel":3,"padding":1,"spikeRate":0.1}`,
  );
  return `{"input":{"shape":[16,8,8]},"layers":[${layers.join(',')}]}`;
}

/** n nodes: Conv (16→16, 3×3, weights inline) and Relu alternating on a 16×8×8 input. */
export function model(n: number): Uint8Array {
  const T = onnx.TensorProto.DataType.FLOAT;
  const vi = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: T, shape: { dim: [1, 16, 8, 8].map((d) => ({ dimValue: d })) } } },
    });
  const nodes: onnx.INodeProto[] = [];
  const inits: onnx.ITensorProto[] = [];
  let x = 'x';
  for (let i = 0; i < n; i++) {
    const y = `t${i}`;
    if (i % 2 === 0) {
      inits.push({ name: `w${i}`, dataType: T, dims: [16, 16, 3, 3], rawData: new Uint8Array(16 * 16 * 9 * 4) });
      nodes.push({
        opType: 'Conv',
        name: `conv${i}`,
        input: [x, `w${i}`],
        output: [y],
        attribute: [{ name: 'pads', type: onnx.AttributeProto.AttributeType.INTS, ints: [1, 1, 1, 1] }],
      });
    } else nodes.push({ opType: 'Relu', name: `relu${i}`, input: [x], output: [y] });
    x = y;
  }
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: 'g', node: nodes, initializer: inits, input: [vi('x')], output: [vi(x)] },
  }).finish();
}
