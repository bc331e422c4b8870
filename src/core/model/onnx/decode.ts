import type { AttributeValue, OnnxGraph, OnnxModel, OnnxNode, TensorInfo, ValueInfo } from './types';
import { decodeTensor } from './decode-tensor';
import { decodeValueInfo } from './decode-value-info';
import { WIRE, WireError, type WireReader } from './wire';

/**
 * Decoders for the ONNX messages the linter needs, by field number (onnx/onnx.proto, IR version 3–11):
 * the model, its graphs, nodes and attributes here; tensors in decode-tensor.ts, value infos in
 * decode-value-info.ts. Unknown fields are skipped, so newer IR versions still parse. Tensor payloads are
 * recorded by offset and length, never read.
 */
const MAX_DEPTH = 32;
const MAX_ITEMS = 1 << 20;

export function decodeModel(r: WireReader): OnnxModel {
  let irVersion = 0;
  let producerName = '';
  let producerVersion = '';
  const opsets = new Map<string, number>();
  let graph: OnnxGraph | undefined;
  while (!r.done) {
    const [f, w] = r.tag();
    if (f === 1 && w === WIRE.VARINT) irVersion = r.int64();
    else if (f === 2 && w === WIRE.LEN) producerName = r.string();
    else if (f === 3 && w === WIRE.LEN) producerVersion = r.string();
    else if (f === 7 && w === WIRE.LEN) graph = r.message(() => decodeGraph(r, 1));
    else if (f === 8 && w === WIRE.LEN) {
      const [domain, version] = r.message(() => decodeOpset(r));
      opsets.set(domain === 'ai.onnx' ? '' : domain, version);
    } else r.skip(w);
  }
  if (!graph) throw new WireError('not an ONNX model: no graph', 0);
  if (irVersion <= 0 || irVersion > 64) throw new WireError(`not an ONNX model: ir_version ${irVersion}`, 0);
  return { irVersion, producerName, producerVersion, opsets, graph };
}

function decodeOpset(r: WireReader): [string, number] {
  let domain = '';
  let version = 0;
  while (!r.done) {
    const [f, w] = r.tag();
    if (f === 1 && w === WIRE.LEN) domain = r.string();
    else if (f === 2 && w === WIRE.VARINT) version = r.int64();
    else r.skip(w);
  }
  return [domain, version];
}

export function decodeGraph(r: WireReader, depth: number): OnnxGraph {
  if (depth > MAX_DEPTH) throw new WireError(`graphs nested deeper than ${MAX_DEPTH} at byte ${r.pos}`, r.pos);
  let name = '';
  const nodes: OnnxNode[] = [];
  const initializers: TensorInfo[] = [];
  const inputs: ValueInfo[] = [];
  const outputs: ValueInfo[] = [];
  const valueInfo: ValueInfo[] = [];
  const push = <T>(list: T[], v: T) => {
    if (list.length >= MAX_ITEMS) throw new WireError(`more than ${MAX_ITEMS} entries at byte ${r.pos}`, r.pos);
    list.push(v);
  };
  while (!r.done) {
    const [f, w] = r.tag();
    if (w !== WIRE.LEN) r.skip(w);
    else if (f === 1)
      push(
        nodes,
        r.message(() => decodeNode(r, depth)),
      );
    else if (f === 2) name = r.string();
    else if (f === 5)
      push(
        initializers,
        r.message(() => decodeTensor(r)),
      );
    else if (f === 11)
      push(
        inputs,
        r.message(() => decodeValueInfo(r)),
      );
    else if (f === 12)
      push(
        outputs,
        r.message(() => decodeValueInfo(r)),
      );
    else if (f === 13)
      push(
        valueInfo,
        r.message(() => decodeValueInfo(r)),
      );
    else r.skip(w);
  }
  return { name, nodes, initializers, inputs, outputs, valueInfo };
}

function decodeNode(r: WireReader, depth: number): OnnxNode {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes = new Map<string, AttributeValue>();
  let name = '';
  let opType = '';
  let domain = '';
  while (!r.done) {
    const [f, w] = r.tag();
    if (w !== WIRE.LEN) r.skip(w);
    else if (f === 1) inputs.push(r.string());
    else if (f === 2) outputs.push(r.string());
    else if (f === 3) name = r.string();
    else if (f === 4) opType = r.string();
    else if (f === 7) domain = r.string();
    else if (f === 5) {
      const [key, value] = r.message(() => decodeAttribute(r, depth));
      attributes.set(key, value);
    } else r.skip(w);
  }
  return { name, opType, domain: domain === 'ai.onnx' ? '' : domain, inputs, outputs, attributes };
}

/** AttributeProto: name 1, f 2, i 3, s 4, t 5, g 6, floats 7, ints 8, strings 9, graphs 11, type 20. */
function decodeAttribute(r: WireReader, depth: number): [string, AttributeValue] {
  let name = '';
  let type = 0;
  let f32: number | undefined;
  let i64: number | undefined;
  let s: string | undefined;
  let t: TensorInfo | undefined;
  const graphs: OnnxGraph[] = [];
  const floats: number[] = [];
  const ints: number[] = [];
  const strings: string[] = [];
  while (!r.done) {
    const [f, w] = r.tag();
    if (f === 1 && w === WIRE.LEN) name = r.string();
    else if (f === 20 && w === WIRE.VARINT) type = r.int32();
    else if (f === 2 && w === WIRE.I32) f32 = r.float();
    else if (f === 3 && w === WIRE.VARINT) i64 = r.int64();
    else if (f === 4 && w === WIRE.LEN) s = r.string();
    else if (f === 5 && w === WIRE.LEN) t = r.message(() => decodeTensor(r));
    else if ((f === 6 || f === 11) && w === WIRE.LEN) graphs.push(r.message(() => decodeGraph(r, depth + 1)));
    else if (f === 7) r.floats(w, floats);
    else if (f === 8) r.int64s(w, ints);
    else if (f === 9 && w === WIRE.LEN) strings.push(r.string());
    else r.skip(w);
  }
  return [name, attributeValue(type, { f32, i64, s, t, graphs, floats, ints, strings })];
}

function attributeValue(
  type: number,
  v: {
    f32?: number;
    i64?: number;
    s?: string;
    t?: TensorInfo;
    graphs: OnnxGraph[];
    floats: number[];
    ints: number[];
    strings: string[];
  },
): AttributeValue {
  // AttributeType: FLOAT 1, INT 2, STRING 3, TENSOR 4, GRAPH 5, FLOATS 6, INTS 7, STRINGS 8, GRAPHS 10
  switch (type) {
    case 1:
      return { type: 'float', value: v.f32 ?? 0 };
    case 2:
      return { type: 'int', value: v.i64 ?? 0 };
    case 3:
      return { type: 'string', value: v.s ?? '' };
    case 4:
      return v.t ? { type: 'tensor', value: v.t } : { type: 'other', value: 'tensor' };
    case 5:
      return v.graphs[0] ? { type: 'graph', value: v.graphs[0] } : { type: 'other', value: 'graph' };
    case 6:
      return { type: 'floats', value: v.floats };
    case 7:
      return { type: 'ints', value: v.ints };
    case 8:
      return { type: 'strings', value: v.strings };
    case 10:
      return { type: 'graphs', value: v.graphs };
  }
  // IR < 3 files have no type field: infer it from what is set
  if (v.f32 !== undefined) return { type: 'float', value: v.f32 };
  if (v.i64 !== undefined) return { type: 'int', value: v.i64 };
  if (v.s !== undefined) return { type: 'string', value: v.s };
  if (v.t) return { type: 'tensor', value: v.t };
  if (v.graphs.length) return { type: 'graph', value: v.graphs[0] };
  if (v.ints.length) return { type: 'ints', value: v.ints };
  if (v.floats.length) return { type: 'floats', value: v.floats };
  if (v.strings.length) return { type: 'strings', value: v.strings };
  return { type: 'other', value: `type ${type}` };
}
