/**
 * The p-th percentile with linear interpolation between the closest ranks: NumPy's default
 * (`method='linear'`): position h = (n − 1)·p/100, value v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋]).
 * Example: percentile([1, 2, 3, 4], 50) = 2.5. Sorts `values` in place.
 */
export function percentile(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0) return 0;
  values.sort();
  return fromTop(n, p, (k) => values[n - 1 - k]);
}

/** The percentile of n values given the k-th largest (k = 0 is the maximum) for the few k it needs. */
function fromTop(n: number, p: number, kthLargest: (k: number) => number): number {
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const vLo = kthLargest(n - 1 - lo);
  return vLo + (h - lo) * (kthLargest(n - 1 - hi) - vLo);
}

/**
 * The same percentile over a stream of values in bounded memory: when at most `maxCount` values will
 * arrive, the percentile only ever needs the largest ⌈maxCount·(1 − p/100)⌉ + 2 of them, kept in a
 * min-heap. For p = 99.9 over a layer's positions × samples that is 0.1% of them, so threshold
 * balancing holds one batch of activations, not every activation of the calibration set.
 */
/** A shard's kept values and how many it saw. */
export interface TopSnapshot {
  readonly count: number;
  readonly values: Float64Array;
}

export class TopPercentile {
  private readonly heap: Float64Array;
  private size = 0;
  /** Values seen. */
  count = 0;

  /** How many values it keeps at most (its memory, in values). */
  get capacity(): number {
    return this.heap.length;
  }

  constructor(
    maxCount: number,
    private readonly p: number,
  ) {
    const keep = Math.min(maxCount, Math.ceil(maxCount * (1 - p / 100)) + 2);
    this.heap = new Float64Array(Math.max(1, keep));
  }

  push(v: number): void {
    this.count++;
    const h = this.heap;
    if (this.size < h.length) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (h[parent] <= v) break;
        h[i] = h[parent];
        i = parent;
      }
      h[i] = v;
    } else if (v > h[0]) this.replaceMin(v);
  }

  private replaceMin(v: number): void {
    const h = this.heap;
    const n = this.size;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && h[c + 1] < h[c]) c++;
      if (h[c] >= v) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = v;
  }

  /** What this heap holds, to merge with other shards' (postMessage-able). */
  snapshot(): TopSnapshot {
    return { count: this.count, values: this.heap.slice(0, this.size) };
  }

  /**
   * The heap over the union of disjoint shards, each built with the same maxCount (the total): the
   * largest values of a union are among the largest of its parts, so the percentile is exactly the
   * one a single heap over every value would give, whatever the split.
   */
  static merged(maxCount: number, p: number, parts: readonly TopSnapshot[]): TopPercentile {
    const t = new TopPercentile(maxCount, p);
    for (const part of parts) for (const v of part.values) t.push(v);
    t.count = parts.reduce((a, part) => a + part.count, 0);
    return t;
  }

  /** The p-th percentile of every value pushed; 0 when none was. */
  value(): number {
    if (this.count === 0) return 0;
    const top = this.heap.slice(0, this.size).sort().reverse();
    return fromTop(this.count, this.p, (k) => top[k]);
  }
}
