/**
 * The structure of an ONNX model as read by the wire-format walker (reader.ts): everything but
 * weight payloads, which are recorded by location and read lazily through a ByteSource.
 * The simulator and the energy front end (to-network.ts) both read this.
 */

/** Random-access bytes. The CLI implements it with positional file reads, the extension with
 * node:fs or with an in-memory buffer for non-file URIs; core never touches files itself. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Bytes [offset, offset + length); may return fewer only at end of source. */
  read(offset: number, length: number): Uint8Array;
  /**
   * True when every read returns new memory that the caller owns (a file read); otherwise the bytes may be
   * a view of the source's own memory and must not be written into or kept as someone's data.
   */
  readonly freshReads?: boolean;
}

/** Opens another file next to the model (external data), by a path relative to the model's folder.
 * The caller enforces the folder boundary (no absolute paths, no `..` escape, symlinks resolved). */
export type ExternalDataOpener = (relativeLocation: string) => ByteSource | { error: string };

/** ONNX TensorProto.DataType numbers. */
export const ONNX_DTYPE = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
} as const;

/** Where a tensor's payload lives: which TensorProto field, at which offset, how long. */
export interface TensorPayload {
  /** 'raw' (raw_data, field 9), 'float' (4), 'int32' (5), 'int64' (7), 'double' (10), 'uint64' (11), 'string' (6), 'external'. */
  readonly kind: 'raw' | 'float' | 'int32' | 'int64' | 'double' | 'uint64' | 'string' | 'external';
  /** Byte offset of the payload in the model file (or in the external file for 'external'). */
  readonly offset: number;
  /** Byte length of the payload. */
  readonly length: number;
  /** For 'float'/'int32'/'int64'/...: whether the repeated field is packed (wire type 2). */
  readonly packed?: boolean;
  /** For 'external': location relative to the model's folder. */
  readonly location?: string;
}

export interface TensorInfo {
  readonly name: string;
  readonly dataType: number;
  readonly dims: readonly number[];
  readonly payload?: TensorPayload;
}

export type AttributeValue =
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'floats'; readonly value: readonly number[] }
  | { readonly type: 'ints'; readonly value: readonly number[] }
  | { readonly type: 'strings'; readonly value: readonly string[] }
  | { readonly type: 'tensor'; readonly value: TensorInfo }
  | { readonly type: 'graph'; readonly value: OnnxGraph }
  | { readonly type: 'graphs'; readonly value: readonly OnnxGraph[] }
  | { readonly type: 'other'; readonly value: string };

export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: ReadonlyMap<string, AttributeValue>;
}

/** A dimension: a number, a symbol (`batch`), or unknown. */
export type Dim = number | string | undefined;

export interface ValueInfo {
  readonly name: string;
  readonly elemType?: number;
  /** undefined when the type has no shape */
  readonly shape?: readonly Dim[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly TensorInfo[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly valueInfo: readonly ValueInfo[];
}

export interface OnnxModel {
  readonly irVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  /** domain ('' = ai.onnx) → opset version */
  readonly opsets: ReadonlyMap<string, number>;
  readonly graph: OnnxGraph;
}
