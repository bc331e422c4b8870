import type { ConvParams } from '../../../src/core/sim/types';

/**
 * A convolution's parameters for kernel tests: the given geometry over 3×3, stride 1, pad 1 defaults, its
 * output size from the usual formula, and random weights then biases from `r` (weights in [-0.5, 0.5)).
 * Our layout indexes weights by global input channel: size inC·kh·kw·(outC/groups).
 */
export function convParams(
  r: () => number,
  o: Partial<ConvParams> & Pick<ConvParams, 'inH' | 'inW' | 'inC' | 'outC'>,
): ConvParams {
  const base = { kh: 3, kw: 3, sh: 1, sw: 1, ph: 1, pw: 1, dh: 1, dw: 1, groups: 1, ...o };
  const outH = Math.floor((base.inH + 2 * base.ph - base.dh * (base.kh - 1) - 1) / base.sh) + 1;
  const outW = Math.floor((base.inW + 2 * base.pw - base.dw * (base.kw - 1) - 1) / base.sw) + 1;
  const w = Float32Array.from({ length: base.inC * base.kh * base.kw * (base.outC / base.groups) }, () => r() - 0.5);
  return { ...base, outH, outW, w, b: Float32Array.from({ length: base.outC }, () => r()) };
}
