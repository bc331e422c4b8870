import type { ByteSource } from './types';

/**
 * A protobuf wire-format reader over a ByteSource (Protocol Buffers encoding guide:
 * varints, wire types 0 VARINT, 1 I64, 2 LEN, 5 I32; groups 3/4 are refused).
 * Reads through a sliding window so a model's weight payloads are skipped, never read.
 * Every length is checked against the enclosing message's end and the source's size before
 * anything is allocated; errors are WireError with the byte offset.
 */
export class WireError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export const WIRE = { VARINT: 0, I64: 1, LEN: 2, I32: 5 } as const;

const WINDOW = 64 * 1024;

export class WireReader {
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;
  /** Absolute read position. */
  pos: number;
  /** End of the current message (exclusive). */
  end: number;
  /** Bytes fetched from the source: for tests and benchmarks. */
  bytesRead = 0;
  reads = 0;

  constructor(
    private readonly source: ByteSource,
    start = 0,
    end = source.size,
  ) {
    this.pos = start;
    this.end = end;
  }

  /** Make [pos, pos+n) available in the window; n ≤ WINDOW unless reading a larger value. */
  private ensure(n: number): void {
    if (this.pos + n > this.end) throw new WireError(`truncated at byte ${this.end}`, this.end);
    if (this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.buf.length) return;
    const len = Math.min(Math.max(n, WINDOW), this.source.size - this.pos);
    const bytes = this.source.read(this.pos, len);
    this.reads++;
    this.bytesRead += bytes.length;
    if (bytes.length < n) throw new WireError(`truncated at byte ${this.pos + bytes.length}`, this.pos + bytes.length);
    this.buf = bytes;
    this.bufStart = this.pos;
  }

  private byte(): number {
    if (this.pos < this.bufStart || this.pos >= this.bufStart + this.buf.length) this.ensure(1);
    return this.buf[this.pos++ - this.bufStart];
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as lo/hi 32-bit halves (two's complement for negative int64). */
  private varint64(): [number, number] {
    let lo = 0;
    let hi = 0;
    const start = this.pos;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) return [lo >>> 0, hi >>> 0];
    }
    throw new WireError(`malformed varint at byte ${start}`, start);
  }

  /** uint32 / enum / bool / int32 field (int32 negatives are sign-extended to 64 bits on the wire). */
  int32(): number {
    const [lo] = this.varint64();
    return lo | 0;
  }

  uint32(): number {
    return this.varint64()[0];
  }

  /** int64 as a JS number: exact up to 2^53 in magnitude, which covers every dimension and offset. */
  int64(): number {
    const [lo, hi] = this.varint64();
    return (hi | 0) * 4294967296 + lo;
  }

  /** Tag: [field number, wire type]. */
  tag(): [number, number] {
    const t = this.uint32();
    const field = t >>> 3;
    if (field === 0) throw new WireError(`invalid field number 0 at byte ${this.pos}`, this.pos);
    return [field, t & 7];
  }

  float(): number {
    this.ensure(4);
    const o = this.pos - this.bufStart;
    this.pos += 4;
    return new DataView(this.buf.buffer, this.buf.byteOffset + o, 4).getFloat32(0, true);
  }

  double(): number {
    this.ensure(8);
    const o = this.pos - this.bufStart;
    this.pos += 8;
    return new DataView(this.buf.buffer, this.buf.byteOffset + o, 8).getFloat64(0, true);
  }

  /** Length of a LEN field, checked against the enclosing message. */
  length(): number {
    const at = this.pos;
    const n = this.int64();
    if (n < 0 || this.pos + n > this.end)
      throw new WireError(`length ${n} at byte ${at} runs past the end of its message (byte ${this.end})`, at);
    return n;
  }

  /** Strings are capped: names and attribute values, never weights. */
  string(maxBytes = 1 << 20): string {
    const n = this.length();
    if (n > maxBytes) throw new WireError(`string of ${n} bytes at byte ${this.pos} is too long`, this.pos);
    this.ensure(n);
    const o = this.pos - this.bufStart;
    this.pos += n;
    return decoder.decode(this.buf.subarray(o, o + n));
  }

  /** Enter a LEN-delimited message; returns the previous end to restore with leave(). */
  enter(): number {
    const n = this.length();
    const saved = this.end;
    this.end = this.pos + n;
    return saved;
  }

  leave(savedEnd: number): void {
    this.pos = this.end;
    this.end = savedEnd;
  }

  /** Read one LEN-delimited message with `body` (which reads until `done`), then step past its end. */
  message<T>(body: () => T): T {
    const saved = this.enter();
    const value = body();
    this.leave(saved);
    return value;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE.VARINT:
        this.varint64();
        return;
      case WIRE.I64:
        this.advance(8);
        return;
      case WIRE.LEN:
        this.advance(this.length());
        return;
      case WIRE.I32:
        this.advance(4);
        return;
      default:
        throw new WireError(`unsupported wire type ${wireType} at byte ${this.pos}`, this.pos);
    }
  }

  advance(n: number): void {
    if (this.pos + n > this.end) throw new WireError(`truncated at byte ${this.end}`, this.end);
    this.pos += n;
  }

  /** Repeated int64 field, packed (LEN) or one value (VARINT). Capped in count. */
  int64s(wireType: number, into: number[], max = 1 << 16): void {
    if (wireType === WIRE.LEN) {
      const saved = this.enter();
      while (!this.done) {
        if (into.length >= max) throw new WireError(`more than ${max} values at byte ${this.pos}`, this.pos);
        into.push(this.int64());
      }
      this.leave(saved);
    } else if (wireType === WIRE.VARINT) into.push(this.int64());
    else this.skip(wireType);
  }

  /** Repeated float field, packed or not. Capped in count. */
  floats(wireType: number, into: number[], max = 1 << 16): void {
    if (wireType === WIRE.LEN) {
      const saved = this.enter();
      while (!this.done) {
        if (into.length >= max) throw new WireError(`more than ${max} values at byte ${this.pos}`, this.pos);
        into.push(this.float());
      }
      this.leave(saved);
    } else if (wireType === WIRE.I32) into.push(this.float());
    else this.skip(wireType);
  }
}

const decoder = new TextDecoder('utf-8');

/** A ByteSource over bytes in memory. */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}
