import type { Inferred } from './infer';
import type { OnnxModel } from './types';

/** How the batch is divided out of the counts: one rule for every input rank. */
export interface BatchRule {
  readonly input?: string;
  readonly axis: number;
  readonly size: number;
  /** "counts per sample: batch = axis 0 of input "x" (size 4)". */
  readonly text: string;
}

const BATCH_NAME = /batch|^n$|^b$|^bs$/i;

/**
 * The batch is one axis of the first graph input: a dimension whose symbol is batch-like (`batch`, `N`)
 * wherever it is; else axis 1 of a rank-3 input read sequence-first by a recurrent node (ONNX RNN/LSTM/GRU
 * with layout 0 take [seq, batch, features]); else axis 0 (NCHW images, [N, F] vectors, [batch, seq,
 * features] sequences). Every count is taken for the whole batch and divided by its size.
 */
export function batchRule(model: OnnxModel, inf: Inferred): BatchRule {
  const input = inf.graphInputs[0];
  const shape = input ? inf.shapes.get(input) : undefined;
  if (!input || !shape || shape.length < 2)
    return { input, axis: 0, size: 1, text: 'counts per inference of one sample (the input has no batch axis)' };
  const declared = model.graph.inputs.find((v) => v.name === input)?.shape ?? [];
  let axis = declared.findIndex((d) => typeof d === 'string' && BATCH_NAME.test(d));
  let why = 'its symbol names the batch';
  if (axis < 0 && shape.length === 3 && seqFirstRecurrent(model, input)) {
    axis = 1;
    why = 'a recurrent node reads it sequence-first ([seq, batch, features])';
  }
  if (axis < 0) {
    axis = 0;
    why = 'the first axis is the batch';
  }
  const size = shape[axis] > 0 ? shape[axis] : 1;
  return {
    input,
    axis,
    size,
    text: `counts per sample: batch = axis ${axis} of input "${input}" [${shape.join(', ')}], size ${size} (${why})`,
  };
}

/** Whether `input` reaches a recurrent node's X with layout 0 through layout-only nodes. */
function seqFirstRecurrent(model: OnnxModel, input: string): boolean {
  const LAYOUT = new Set(['Identity', 'Cast', 'Dropout']);
  let tensors = new Set([input]);
  for (let depth = 0; depth < 8 && tensors.size; depth++) {
    const next = new Set<string>();
    for (const n of model.graph.nodes) {
      if (!tensors.has(n.inputs[0])) continue;
      if (['LSTM', 'GRU', 'RNN'].includes(n.opType)) {
        const layout = n.attributes.get('layout');
        return !(layout?.type === 'int' && layout.value === 1);
      }
      if (LAYOUT.has(n.opType)) n.outputs.forEach((o) => next.add(o));
    }
    tensors = next;
  }
  return false;
}
