/** TensorProto decoding: dims, type, name and where the payload lies (offset and length, never read). */
import type { TensorInfo, TensorPayload } from './types';
import { WIRE, WireError, type WireReader } from './wire';

/** TensorProto: dims 1, data_type 2, float_data 4, int32_data 5, string_data 6, int64_data 7, name 8,
 * raw_data 9, double_data 10, uint64_data 11, external_data 13, data_location 14. */
export function decodeTensor(r: WireReader): TensorInfo {
  const dims: number[] = [];
  let dataType = 0;
  let name = '';
  let payload: TensorPayload | undefined;
  let location: string | undefined;
  let extOffset = 0;
  let extLength: number | undefined;
  let external = false;
  let firstTagAt = 0;
  const kinds: Record<number, TensorPayload['kind']> = {
    4: 'float',
    5: 'int32',
    6: 'string',
    7: 'int64',
    9: 'raw',
    10: 'double',
    11: 'uint64',
  };
  while (!r.done) {
    const tagAt = r.pos;
    const [f, w] = r.tag();
    if (f === 1) r.int64s(w, dims, 64);
    else if (f === 2 && w === WIRE.VARINT) dataType = r.int32();
    else if (f === 8 && w === WIRE.LEN) name = r.string();
    else if (f === 14 && w === WIRE.VARINT) external = r.int32() === 1;
    else if (f === 13 && w === WIRE.LEN) {
      const [k, v] = r.message(() => decodeEntry(r));
      if (k === 'location') location = v;
      else if (k === 'offset') extOffset = Number(v);
      else if (k === 'length') extLength = Number(v);
    } else if (kinds[f] && w === WIRE.LEN && (!payload || payload.kind === kinds[f])) {
      // raw_data, or a packed repeated field: the payload is the record's content
      const length = r.length();
      if (!payload) {
        firstTagAt = tagAt;
        payload = { kind: kinds[f], offset: r.pos, length, packed: kinds[f] !== 'raw' };
      } else payload = { ...payload, packed: false, offset: firstTagAt, length: r.pos + length - firstTagAt };
      r.advance(length);
    } else if (kinds[f] && kinds[f] !== 'raw' && (!payload || payload.kind === kinds[f])) {
      // unpacked repeated values: the span of their records, re-walked by field number when read
      r.skip(w);
      if (!payload) firstTagAt = tagAt;
      payload = { kind: kinds[f], offset: firstTagAt, length: r.pos - firstTagAt, packed: false };
    } else r.skip(w);
  }
  if (external) {
    if (
      !Number.isFinite(extOffset) ||
      extOffset < 0 ||
      (extLength !== undefined && (!Number.isFinite(extLength) || extLength < 0))
    )
      throw new WireError(`tensor "${name}" has an invalid external_data offset or length`, r.pos);
    payload = { kind: 'external', offset: extOffset, length: extLength ?? -1, location: location ?? '' };
  }
  return { name, dataType, dims, payload };
}

function decodeEntry(r: WireReader): [string, string] {
  let k = '';
  let v = '';
  while (!r.done) {
    const [f, w] = r.tag();
    if (f === 1 && w === WIRE.LEN) k = r.string();
    else if (f === 2 && w === WIRE.LEN) v = r.string();
    else r.skip(w);
  }
  return [k, v];
}
