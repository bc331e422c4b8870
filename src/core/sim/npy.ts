import { parsePyLiteral, type PyValue } from './py-literal';

/**
 * NumPy .npy reader (format: numpy.lib.format, versions 1.0, 2.0 and 3.0): the magic "\x93NUMPY", a
 * major and minor version byte, the header length (2 bytes little-endian in 1.0, 4 in 2.0/3.0), a
 * header that is a Python dict literal with 'descr', 'fortran_order' and 'shape' (latin-1; UTF-8 in
 * 3.0), then the data. Accepted: little-endian float32 ('<f4') in C order, shaped N×C×H×W or N×F.
 */
export interface NpyArray {
  readonly shape: number[];
  readonly data: Float32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

export function parseNpy(bytes: Uint8Array): NpyArray | { error: string } {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    return { error: 'not a .npy file (no \\x93NUMPY magic)' };
  const major = bytes[6];
  if (major < 1 || major > 3) return { error: `unsupported .npy version ${major}.${bytes[7]} (1.0, 2.0 and 3.0 are)` };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = major === 1 ? 10 : 12;
  if (bytes.length < start) return { error: '.npy header is truncated' };
  const headerLen = major === 1 ? v.getUint16(8, true) : v.getUint32(8, true);
  if (start + headerLen > bytes.length) return { error: '.npy header is truncated' };
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const header = readHeader(text);
  if ('error' in header) return header;
  const { shape } = header;
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLen;
  if (bytes.length - dataStart < count * 4)
    return { error: `.npy data is truncated: ${bytes.length - dataStart} bytes for ${count} float32 values` };
  if (count === 0) return { error: `.npy array has shape (${shape.join(', ')}): no samples to simulate` };
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const x = v.getFloat32(dataStart + 4 * i, true);
    if (!Number.isFinite(x)) return { error: `.npy value ${i} is ${x}: inputs must be finite numbers` };
    data[i] = x;
  }
  return { shape, data };
}

/** The header dict: descr '<f4', fortran_order False, shape a tuple of 2 or 4 non-negative ints. */
function readHeader(text: string): { shape: number[] } | { error: string } {
  const parsed = parsePyLiteral(text);
  if ('error' in parsed || parsed.value.kind !== 'dict')
    return { error: `.npy header is not a Python dict literal: ${text.trim()}` };
  const d = parsed.value.entries;
  const descr = d.get('descr');
  const fortran = d.get('fortran_order');
  const shape = d.get('shape');
  if (!descr || !fortran || !shape)
    return { error: `.npy header lacks ${['descr', 'fortran_order', 'shape'].filter((k) => !d.has(k)).join(', ')}` };
  if (descr.kind !== 'str' || descr.value !== '<f4')
    return {
      error: `.npy dtype ${show(descr)} is not supported: save the array as little-endian float32 (x.astype('<f4'))`,
    };
  if (fortran.kind !== 'bool') return { error: `.npy fortran_order is ${show(fortran)}, not True or False` };
  if (fortran.value) return { error: '.npy array is in Fortran order: save it with np.ascontiguousarray(x)' };
  if (shape.kind !== 'tuple' || shape.items.some((x) => x.kind !== 'int' || x.value < 0))
    return { error: `.npy shape ${show(shape)} is not a tuple of sizes` };
  const dims = shape.items.map((x) => (x.kind === 'int' ? x.value : 0));
  if (dims.length !== 2 && dims.length !== 4)
    return { error: `.npy array has shape (${dims.join(', ')}): inputs are N×C×H×W images or N×F vectors` };
  return { shape: dims };
}

function show(v: PyValue): string {
  switch (v.kind) {
    case 'str':
      return `'${v.value}'`;
    case 'int':
      return String(v.value);
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'tuple':
      return `(${v.items.map(show).join(', ')})`;
    default:
      return v.kind;
  }
}

/** Write a float32 C-order .npy (version 1.0), for tests, fixtures and benchmarks. */
export function writeNpy(shape: readonly number[], data: Float32Array): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([...MAGIC, 1, 0]);
  const v = new DataView(out.buffer);
  v.setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  data.forEach((x, i) => v.setFloat32(10 + header.length + 4 * i, x, true));
  return out;
}
