// Writes a Llama-2-7B-shaped decoder (32 layers, d 4096, 32 heads, SwiGLU FFN 11008, vocab 32000; 6.74 B
// parameters) as ONNX: the graph in the .onnx file, every weight in one external-data file that is a sparse
// file (13.5 GB of float16 apparent, nothing on disk). The linter must never open the data file.
import { closeSync, ftruncateSync, openSync } from 'node:fs';
import { basename } from 'node:path';
import { externalTensor, msg, node, rawTensor, str, sub, valueInfo, writeModel, type Msg } from './proto-writer';

export const DECODER = { layers: 32, d: 4096, heads: 32, ffn: 11008, vocab: 32000, seq: 1024 } as const;
const FLOAT16 = 10;

/** MACs per sequence by hand: the projections, attention's QKᵀ and AV, and the LM head (embeddings are reads). */
export function decoderMacs(c = DECODER): number {
  const S = c.seq;
  const linear = S * (4 * c.d * c.d + 3 * c.d * c.ffn);
  const attention = 2 * c.heads * S * S * (c.d / c.heads);
  return c.layers * (linear + attention) + S * c.d * c.vocab;
}

export function synthesizeDecoder(path: string, c = DECODER): { modelBytes: number; dataBytes: number } {
  const data = path.replace(/\.onnx$/, '.weights');
  const location = basename(data);
  const g = msg();
  const inits: Msg[] = [];
  let offset = 0;
  const weight = (name: string, dims: number[]) => {
    const length = dims.reduce((a, b) => a * b, 1) * 2;
    inits.push(externalTensor(name, dims, FLOAT16, location, offset, length));
    offset += length;
    return name;
  };
  const S = c.seq;
  const hd = c.d / c.heads;
  inits.push(
    rawTensor('heads_shape', [4], 7, [1, S, c.heads, hd]),
    rawTensor('model_shape', [3], 7, [1, S, c.d]),
    rawTensor('two', [], 1, [2]),
    rawTensor('eps', [], 1, [1e-5]),
    rawTensor('sqrt_hd', [], 1, [Math.sqrt(hd)]),
  );
  weight('mask', [1, 1, S, S]);
  let n = 0;
  const op = (type: string, inputs: string[], attrs: [string, number[] | number][] = []) => {
    const out = `t${n++}`;
    sub(g, 1, node(type, inputs, [out], attrs));
    return out;
  };
  const rmsNorm = (x: string, gain: string) => {
    const m = op('ReduceMean', [op('Pow', [x, 'two'])], [['axes', [-1]]]);
    return op('Mul', [op('Div', [x, op('Sqrt', [op('Add', [m, 'eps'])])]), gain]);
  };
  const heads = (x: string, perm: number[]) => op('Transpose', [op('Reshape', [x, 'heads_shape'])], [['perm', perm]]);
  let x = op('Gather', [weight('embed', [c.vocab, c.d]), 'input_ids']);
  for (let l = 0; l < c.layers; l++) {
    const h = rmsNorm(x, weight(`l${l}.attn_norm`, [c.d]));
    const q = heads(op('MatMul', [h, weight(`l${l}.wq`, [c.d, c.d])]), [0, 2, 1, 3]);
    const k = heads(op('MatMul', [h, weight(`l${l}.wk`, [c.d, c.d])]), [0, 2, 3, 1]);
    const v = heads(op('MatMul', [h, weight(`l${l}.wv`, [c.d, c.d])]), [0, 2, 1, 3]);
    const scores = op('Add', [op('Div', [op('MatMul', [q, k]), 'sqrt_hd']), 'mask']);
    const att = op('MatMul', [op('Softmax', [scores], [['axis', -1]]), v]);
    const merged = op('Reshape', [op('Transpose', [att], [['perm', [0, 2, 1, 3]]]), 'model_shape']);
    x = op('Add', [x, op('MatMul', [merged, weight(`l${l}.wo`, [c.d, c.d])])]);
    const f = rmsNorm(x, weight(`l${l}.ffn_norm`, [c.d]));
    const gate = op('MatMul', [f, weight(`l${l}.w_gate`, [c.d, c.ffn])]);
    const up = op('MatMul', [f, weight(`l${l}.w_up`, [c.d, c.ffn])]);
    const act = op('Mul', [op('Mul', [gate, op('Sigmoid', [gate])]), up]);
    x = op('Add', [x, op('MatMul', [act, weight(`l${l}.w_down`, [c.ffn, c.d])])]);
  }
  const logits = op('MatMul', [rmsNorm(x, weight('norm', [c.d])), weight('lm_head', [c.d, c.vocab])]);
  str(g, 2, 'decoder_7b_synthetic');
  for (const t of inits) sub(g, 5, t);
  sub(g, 11, valueInfo('input_ids', [1, S], 7));
  sub(g, 12, valueInfo(logits, [1, S, c.vocab]));
  const modelBytes = writeModel(path, g);
  const fd = openSync(data, 'w');
  ftruncateSync(fd, offset); // every weight a hole
  closeSync(fd);
  return { modelBytes, dataBytes: offset };
}
