/**
 * NumPy .npy reader (format spec: numpy.lib.format, versions 1.0, 2.0, 3.0): magic "\x93NUMPY",
 * version, header length (2 bytes in v1, 4 in v2/v3), a Python dict literal with 'descr',
 * 'fortran_order' and 'shape'. Only little-endian float32 in C order is accepted.
 */
export interface NpyArray {
  readonly shape: number[];
  readonly data: Float32Array;
}

export function parseNpy(bytes: Uint8Array): NpyArray | { error: string } {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b))
    return { error: 'not a .npy file (no \\x93NUMPY magic)' };
  const major = bytes[6];
  if (major < 1 || major > 3) return { error: `unsupported .npy version ${major}.${bytes[7]}` };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? v.getUint16(8, true) : bytes.length >= 12 ? v.getUint32(8, true) : -1;
  const start = major === 1 ? 10 : 12;
  if (headerLen < 0 || start + headerLen > bytes.length) return { error: '.npy header is truncated' };
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    return { error: `.npy header is malformed: ${header.trim()}` };
  if (descr !== '<f4' && descr !== '=f4' && !(descr === '|f4'))
    return { error: `.npy dtype ${descr} is not supported: save the array as float32 (x.astype(np.float32))` };
  if (fortran === 'True') return { error: '.npy array is in Fortran order: save it with np.ascontiguousarray(x)' };
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) return { error: `.npy shape (${shapeText}) is invalid` };
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLen;
  if (bytes.length - dataStart < count * 4)
    return { error: `.npy data is truncated: ${bytes.length - dataStart} bytes for ${count} float32 values` };
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = v.getFloat32(dataStart + 4 * i, true);
  return { shape, data };
}

/** Write a float32 C-order .npy (version 1.0), for tests and fixtures. */
export function writeNpy(shape: readonly number[], data: Float32Array): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const v = new DataView(out.buffer);
  data.forEach((x, i) => v.setFloat32(10 + header.length + 4 * i, x, true));
  return out;
}
