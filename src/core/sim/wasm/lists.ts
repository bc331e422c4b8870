import type { ConvParams } from '../types';
import { fillBias, type EventLists } from '../events';
import { buffer, instance, layout, weights } from './heap';
import { geometry } from './kernel';

// The WebAssembly kernels on plain JavaScript arrays, copied in and out (tests compare them with the JavaScript versions).

/** The kernel on lists that already exist (tests). */
export function convEventsWasm(p: ConvParams, ev: EventLists, out: Float32Array): number | undefined {
  const e = instance();
  const n = ev.pos.length;
  if (!e) return undefined;
  const w = weights(p.w);
  if (w === undefined) return undefined;
  const at = layout(n, p.inC, ev.stride, 0, out.length);
  if (!at) return undefined;
  const mem = buffer();
  new Int32Array(mem, at.count, p.inC).set(ev.count);
  new Int32Array(mem, at.pos, n).set(ev.pos);
  new Float32Array(mem, at.val, n).set(ev.val);
  new Int32Array(mem, at.smp, n).set(ev.smp);
  const o = new Float32Array(mem, at.out, out.length);
  fillBias(p, o);
  const ops = e.conv_events(at.pos, at.val, at.smp, at.count, ev.stride, at.tgt, at.tv, w, at.out, ...geometry(p));
  out.set(o);
  return ops;
}

/** The WebAssembly event scan into fresh JavaScript arrays, as eventLists builds them (tests). */
export function eventListsWasm(
  x: Float32Array,
  inW: number,
  inC: number,
  samples = 1,
  outPlane = 0,
): EventLists | undefined {
  const e = instance();
  if (!e) return undefined;
  const n = x.length;
  const stride = n / inC;
  const at = layout(n, inC, stride, n, 0);
  if (!at) return undefined;
  const mem = buffer();
  new Float32Array(mem, at.x, n).set(x);
  new Int32Array(mem, at.count, inC).fill(0);
  e.event_lists(at.x, stride / samples, inW, inC, samples, 4 * outPlane, at.pos, at.val, at.smp, at.count, stride);
  const into = { pos: new Int32Array(n), val: new Float32Array(n), smp: new Int32Array(n), count: new Int32Array(inC) };
  into.count.set(new Int32Array(mem, at.count, inC));
  let maxPerChannel = 0;
  let events = 0;
  for (let c = 0; c < inC; c++) {
    const s = c * stride;
    const k = into.count[c];
    into.pos.set(new Int32Array(mem, at.pos + 4 * s, k), s);
    into.val.set(new Float32Array(mem, at.val + 4 * s, k), s);
    into.smp.set(new Int32Array(mem, at.smp + 4 * s, k), s);
    maxPerChannel = Math.max(maxPerChannel, k);
    events += k;
  }
  return { ...into, stride, maxPerChannel, events };
}
