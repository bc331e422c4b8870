/** ValueInfoProto decoding: a graph input's, output's or intermediate's name, element type and shape. */
import type { Dim, ValueInfo } from './types';
import { WIRE, WireError, type WireReader } from './wire';

export function decodeValueInfo(r: WireReader): ValueInfo {
  let name = '';
  let elemType: number | undefined;
  let shape: Dim[] | undefined;
  while (!r.done) {
    const [f, w] = r.tag();
    if (f === 1 && w === WIRE.LEN) name = r.string();
    else if (f === 2 && w === WIRE.LEN) [elemType, shape] = r.message(() => decodeType(r));
    else r.skip(w);
  }
  return { name, elemType, shape };
}

/** TypeProto: tensor_type 1 → { elem_type 1, shape 2 → { dim 1 → { dim_value 1, dim_param 2 } } }. */
function decodeType(r: WireReader): [number | undefined, Dim[] | undefined] {
  let elem: number | undefined;
  let shape: Dim[] | undefined;
  while (!r.done) {
    const [f, w] = r.tag();
    if (f === 1 && w === WIRE.LEN)
      r.message(() => {
        while (!r.done) {
          const [g, x] = r.tag();
          if (g === 1 && x === WIRE.VARINT) elem = r.int32();
          else if (g === 2 && x === WIRE.LEN) shape = r.message(() => decodeShape(r));
          else r.skip(x);
        }
      });
    else r.skip(w);
  }
  return [elem, shape];
}

function decodeShape(r: WireReader): Dim[] {
  const dims: Dim[] = [];
  while (!r.done) {
    const [f, w] = r.tag();
    if (f === 1 && w === WIRE.LEN) {
      if (dims.length >= 64) throw new WireError(`shape with more than 64 dimensions at byte ${r.pos}`, r.pos);
      dims.push(
        r.message(() => {
          let d: Dim;
          while (!r.done) {
            const [g, x] = r.tag();
            if (g === 1 && x === WIRE.VARINT) d = r.int64();
            else if (g === 2 && x === WIRE.LEN) d = r.string();
            else r.skip(x);
          }
          return d;
        }),
      );
    } else r.skip(w);
  }
  return dims;
}
