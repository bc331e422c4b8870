import type { BreakEven, LayerResult } from '../analysis/types';
import { percent } from '../units';

/** s* as text: "7.40%", "never", "always". */
export function breakEvenText(b: BreakEven, digits = 2): string {
  switch (b.kind) {
    case 'rate':
      return percent(b.rate, digits);
    case 'never':
      return 'never';
    case 'always':
      return 'always';
  }
}

/** The rate a layer consumes as text: "9.00%", or "analog" for the first layer. */
export function inputRateText(l: LayerResult): string {
  return l.inputSpikeRate === undefined ? 'analog' : percent(l.inputSpikeRate, 2);
}
