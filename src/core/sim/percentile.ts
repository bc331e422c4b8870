/**
 * The p-th percentile with linear interpolation between the closest ranks: NumPy's default
 * (`method='linear'`): position h = (n − 1)·p/100, value v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋]).
 * Example: percentile([1, 2, 3, 4], 50) = 2.5. Sorts `values` in place.
 */
export function percentile(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0) return 0;
  values.sort();
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return values[lo] + (h - lo) * (values[hi] - values[lo]);
}
