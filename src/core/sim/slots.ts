import type { SimGraph } from './types';

const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/**
 * Which buffer each graph value lives in: values whose lifetimes do not overlap share one (a value lives
 * from the op that writes it to the last op that reads it; the network input and output live through the
 * whole timestep, the input across timesteps too). An op's output never shares with its inputs, so no
 * kernel works in place. `floats[s]` is slot s's size for one sample (the largest value it holds).
 * Every op writes the whole of its output, so a reused buffer needs no clearing.
 */
export interface ValueSlots {
  readonly slot: readonly number[];
  readonly floats: readonly number[];
}

const SLOTS = new WeakMap<SimGraph, ValueSlots>();

export function valueSlots(g: SimGraph): ValueSlots {
  const known = SLOTS.get(g);
  if (known) return known;
  const n = g.shapes.length;
  const def = new Array<number>(n).fill(-1);
  const last = new Array<number>(n).fill(-1);
  g.ops.forEach((op, i) => {
    def[op.output] = i;
    for (const v of 'inputs' in op ? op.inputs : [op.input]) last[v] = Math.max(last[v], i);
  });
  last[g.input] = Infinity;
  last[g.output] = Infinity;
  const slot = new Array<number>(n).fill(-1);
  const floats: number[] = [];
  const holder: number[] = []; // the value each slot holds now (-1: free)
  const order = [...Array(n).keys()].sort((a, b) => def[a] - def[b] || a - b);
  for (const v of order) {
    // free the slots whose value is no longer read by the time v is written
    holder.forEach((h, s) => h >= 0 && last[h] < def[v] && (holder[s] = -1));
    const need = size(g.shapes[v]);
    let best = -1;
    holder.forEach((h, s) => {
      if (h !== -1) return;
      const fits = floats[s] >= need;
      const bestFits = best >= 0 && floats[best] >= need;
      // the smallest free slot that fits, else the largest free one (it grows)
      if (
        best < 0 ||
        (fits && (!bestFits || floats[s] < floats[best])) ||
        (!fits && !bestFits && floats[s] > floats[best])
      )
        best = s;
    });
    if (best < 0) {
      best = floats.length;
      floats.push(0);
      holder.push(-1);
    }
    floats[best] = Math.max(floats[best], need);
    holder[best] = v;
    slot[v] = best;
  }
  const r = { slot, floats };
  SLOTS.set(g, r);
  return r;
}

/** Floats of all slots for one sample (the activations one sample of a batch takes). */
export function slotFloats(g: SimGraph): number {
  return valueSlots(g).floats.reduce((a, b) => a + b, 0);
}
