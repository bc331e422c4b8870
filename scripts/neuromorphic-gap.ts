// Prints how far the neuromorphic preset's break-even spike rates land from the paper's published ones.
// Run: npm run gap
import { BUILTIN_ARCHITECTURES, findBuiltin } from '../src/core/energy/builtins';
import { neuromorphicGap } from '../src/core/analysis/neuromorphic-gap';
import { perSynapse } from '../src/core/analysis/per-synapse';

const arch = findBuiltin('neuromorphic')!;
const rows = neuromorphicGap(arch);
console.log('Neuromorphic (typical) break-even spike rate at fan-in 4096, ours against arXiv 2409.08290 v4:');
console.log('T  weight bits  paper    ours     gap      relative  source');
for (const r of rows)
  console.log(
    `${String(r.T).padEnd(2)} ${String(r.weightBits).padEnd(12)} ${(r.rate * 100).toFixed(2).padStart(5)}%  ${(r.ours * 100).toFixed(2).padStart(5)}%  ${(r.gap * 100 >= 0 ? '+' : '') + (r.gap * 100).toFixed(2)} pp  ${(r.relative * 100).toFixed(0).padStart(5)}%    ${r.source}`,
  );
const rms = Math.sqrt(rows.reduce((s, r) => s + r.gap ** 2, 0) / rows.length);
console.log(`RMS gap ${(rms * 100).toFixed(2)} percentage points`);
const v23 = Array.from({ length: 6 }, (_, i) => i + 5).map((T) => {
  const b = perSynapse(arch, { timesteps: T, reuse: 1, fanIn: 4096, weightBits: 4 }).breakEven();
  return `${T}: ${b.kind === 'rate' ? (b.rate * 100).toFixed(2) + '%' : b.kind}`;
});
console.log(`v2/v3 claim "< 6.4% for T in [5, 10]" (4-bit weights): ${v23.join(', ')}`);
for (const id of ['neuromorphic:theoretical-minimum', 'neuromorphic:worst-case-sparse']) {
  const a = BUILTIN_ARCHITECTURES.find((x) => x.id === id)!;
  console.log(
    `${id}: ${neuromorphicGap(a)
      .map((r) => `T=${r.T}/${r.weightBits}b ${(r.ours * 100).toFixed(2)}%`)
      .join(', ')}`,
  );
}
