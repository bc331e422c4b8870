/** a / b, with 0/0 = 1 and x/0 = ∞ (an SNN/QNN ratio of energies). */
export function ratio(a: number, b: number): number {
  return b === 0 ? (a === 0 ? 1 : Infinity) : a / b;
}

/**
 * Which twin is cheaper: the SNN when it costs no more than its QNN twin. The one verdict rule; the
 * analysis stores it (`cheaperAs`) on every layer and architecture, and every output reads that.
 */
export function cheaperTwin(snnJ: number, qnnJ: number): 'snn' | 'qnn' {
  return snnJ <= qnnJ ? 'snn' : 'qnn';
}
