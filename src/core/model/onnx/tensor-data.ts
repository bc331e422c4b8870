import { ONNX_DTYPE, type ByteSource, type ExternalDataOpener, type TensorInfo } from './types';
import { WIRE, WireReader } from './wire';
import { product } from '../counts';

/** Reading tensor payloads by offset: weights for the simulator, small INT64 constants for shapes. */
export type TensorRead<T> = T | { readonly error: string };

const MAX_ELEMENTS = 1 << 28;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function elementCount(t: TensorInfo): number {
  return t.dims.length ? product(t.dims) : 1;
}

/** The payload's bytes: from the model or, for external data, from the opener's file (bounds-checked). */
function payloadSource(
  t: TensorInfo,
  source: ByteSource,
  open?: ExternalDataOpener,
): TensorRead<{ src: ByteSource; offset: number; length: number }> {
  const p = t.payload;
  if (!p) return { error: `tensor "${t.name}" has no data` };
  if (p.kind !== 'external') return { src: source, offset: p.offset, length: p.length };
  if (!open) return { error: `tensor "${t.name}" lives in external data, which cannot be opened here` };
  const ext = open(p.location ?? '');
  if ('error' in ext) return ext;
  const length = p.length >= 0 ? p.length : ext.size - p.offset;
  if (p.offset + length > ext.size || length < 0)
    return {
      error: `tensor "${t.name}": external data ${p.location} is ${ext.size} bytes, but offset ${p.offset} + length ${length} runs past it`,
    };
  return { src: ext, offset: p.offset, length };
}

/** Values of a tensor as float32, whatever its stored type (float, double, float16, bfloat16, ints). */
export function readTensorFloat32(
  t: TensorInfo,
  source: ByteSource,
  open?: ExternalDataOpener,
): TensorRead<Float32Array> {
  const n = elementCount(t);
  if (n > MAX_ELEMENTS) return { error: `tensor "${t.name}" has ${n} elements, too many to read` };
  const at = payloadSource(t, source, open);
  if ('error' in at) return at;
  const kind = t.payload!.kind;
  // every value takes at least one byte: dims that promise more values than the payload has bytes are
  // refused before anything is allocated
  if (n > at.length) return { error: `tensor "${t.name}": ${at.length} bytes of data for ${n} values` };
  if (kind === 'raw' || kind === 'external') {
    const size = BYTES[t.dataType];
    if (!size) return { error: `tensor "${t.name}" has data type ${t.dataType}, which cannot be read as numbers` };
    if (at.length !== n * size)
      return { error: `tensor "${t.name}": ${at.length} bytes of data for ${n} values of ${size} bytes` };
    const bytes = at.src.read(at.offset, at.length);
    if (bytes.length !== at.length) return { error: `tensor "${t.name}": data truncated` };
    if (t.dataType === ONNX_DTYPE.FLOAT && LITTLE_ENDIAN) {
      // float32 little-endian is the layout in memory: a fresh read's bytes become the array, not copied;
      // others (a view of a file held in memory) are copied in one go
      if (at.src.freshReads && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
        return new Float32Array(bytes.buffer, 0, n);
      const out = new Float32Array(n);
      new Uint8Array(out.buffer).set(bytes);
      return out;
    }
    const out = new Float32Array(n);
    decodeRaw(t.dataType, bytes, out);
    return out;
  }
  const values = readRepeated(t, at.src, at.offset, at.length, n);
  if ('error' in values) return values;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i];
  if (t.dataType === ONNX_DTYPE.FLOAT16 || t.dataType === ONNX_DTYPE.BFLOAT16) {
    // int32_data holds the 16-bit patterns
    for (let i = 0; i < n; i++) out[i] = t.dataType === ONNX_DTYPE.FLOAT16 ? half(values[i]) : bfloat(values[i]);
  }
  return out;
}

/** A small INT64/INT32 tensor's values (shape constants); undefined when absent or large. */
export function readSmallInts(t: TensorInfo, source: ByteSource, max = 64): number[] | undefined {
  const n = elementCount(t);
  if (n > max || !t.payload || t.payload.kind === 'external') return undefined;
  if (t.dataType !== ONNX_DTYPE.INT64 && t.dataType !== ONNX_DTYPE.INT32) return undefined;
  if (t.payload.kind === 'raw') {
    const size = t.dataType === ONNX_DTYPE.INT64 ? 8 : 4;
    if (t.payload.length !== n * size) return undefined;
    const b = source.read(t.payload.offset, t.payload.length);
    if (b.length !== t.payload.length) return undefined;
    const v = new DataView(b.buffer, b.byteOffset, b.length);
    return Array.from({ length: n }, (_, i) =>
      size === 8 ? v.getInt32(i * 8 + 4, true) * 4294967296 + v.getUint32(i * 8, true) : v.getInt32(i * 4, true),
    );
  }
  const values = readRepeated(t, source, t.payload.offset, t.payload.length, n);
  return 'error' in values ? undefined : values;
}

/** A small tensor's values whatever its numeric type (integers exact, floats at float32); undefined when absent or large. */
export function readSmallValues(t: TensorInfo, source: ByteSource, max = 64): number[] | undefined {
  if (t.dataType === ONNX_DTYPE.INT64 || t.dataType === ONNX_DTYPE.INT32) return readSmallInts(t, source, max);
  if (elementCount(t) > max || !t.payload || t.payload.kind === 'external' || !BYTES[t.dataType]) return undefined;
  const v = readTensorFloat32(t, source);
  return v instanceof Float32Array ? Array.from(v) : undefined;
}

/** Packed or unpacked repeated numbers of a TensorProto field. */
function readRepeated(t: TensorInfo, src: ByteSource, offset: number, length: number, n: number): TensorRead<number[]> {
  const p = t.payload!;
  const r = new WireReader(src, offset, offset + length);
  const field = { float: 4, int32: 5, int64: 7, double: 10, uint64: 11 }[p.kind as 'float'];
  const out: number[] = [];
  const one = (w: number) =>
    p.kind === 'float' ? r.float() : p.kind === 'double' ? r.double() : w === WIRE.VARINT ? r.int64() : NaN;
  try {
    if (p.packed) {
      while (!r.done && out.length < n)
        out.push(one(p.kind === 'float' ? WIRE.I32 : p.kind === 'double' ? WIRE.I64 : WIRE.VARINT));
    } else
      while (!r.done) {
        const [f, w] = r.tag();
        if (f !== field) {
          r.skip(w);
          continue;
        }
        if (w === WIRE.LEN) {
          const saved = r.enter();
          while (!r.done) out.push(one(p.kind === 'float' ? WIRE.I32 : p.kind === 'double' ? WIRE.I64 : WIRE.VARINT));
          r.leave(saved);
        } else out.push(one(w));
        if (out.length > n) break;
      }
  } catch (e) {
    return { error: `tensor "${t.name}": ${(e as Error).message}` };
  }
  if (out.length !== n) return { error: `tensor "${t.name}": ${out.length} values for ${n} elements` };
  return out;
}

const BYTES: Partial<Record<number, number>> = {
  [ONNX_DTYPE.FLOAT]: 4,
  [ONNX_DTYPE.DOUBLE]: 8,
  [ONNX_DTYPE.FLOAT16]: 2,
  [ONNX_DTYPE.BFLOAT16]: 2,
  [ONNX_DTYPE.INT8]: 1,
  [ONNX_DTYPE.UINT8]: 1,
  [ONNX_DTYPE.INT16]: 2,
  [ONNX_DTYPE.UINT16]: 2,
  [ONNX_DTYPE.INT32]: 4,
  [ONNX_DTYPE.UINT32]: 4,
  [ONNX_DTYPE.INT64]: 8,
  [ONNX_DTYPE.UINT64]: 8,
  [ONNX_DTYPE.BOOL]: 1,
};

function decodeRaw(type: number, b: Uint8Array, out: Float32Array): void {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = out.length;
  const D = ONNX_DTYPE;
  for (let i = 0; i < n; i++)
    out[i] =
      type === D.FLOAT
        ? v.getFloat32(i * 4, true)
        : type === D.DOUBLE
          ? v.getFloat64(i * 8, true)
          : type === D.FLOAT16
            ? half(v.getUint16(i * 2, true))
            : type === D.BFLOAT16
              ? bfloat(v.getUint16(i * 2, true))
              : type === D.INT8
                ? v.getInt8(i)
                : type === D.UINT8 || type === D.BOOL
                  ? v.getUint8(i)
                  : type === D.INT16
                    ? v.getInt16(i * 2, true)
                    : type === D.UINT16
                      ? v.getUint16(i * 2, true)
                      : type === D.INT32
                        ? v.getInt32(i * 4, true)
                        : type === D.UINT32
                          ? v.getUint32(i * 4, true)
                          : type === D.INT64
                            ? v.getInt32(i * 8 + 4, true) * 4294967296 + v.getUint32(i * 8, true)
                            : v.getUint32(i * 8 + 4, true) * 4294967296 + v.getUint32(i * 8, true);
}

/** IEEE 754 half precision bits → number. */
export function half(bits: number): number {
  const s = bits & 0x8000 ? -1 : 1;
  const e = (bits >> 10) & 0x1f;
  const m = bits & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

function bfloat(bits: number): number {
  const b = new DataView(new ArrayBuffer(4));
  b.setUint32(0, (bits & 0xffff) << 16);
  return b.getFloat32(0);
}
