// `npm run bench -- fuzz [onnx-count spec-count seed]`: 10,000 ONNX and 1,000 spec mutants by default.
import { campaign } from './campaign';

const [onnx = 10_000, spec = 1_000, seed = 13] = process.argv.slice(2).map(Number);
const t0 = performance.now();
const s = campaign({ onnx, spec, seed, root: `${__dirname}/../../../` });
const rss = process.resourceUsage().maxRSS / 1024;
console.log(
  `fuzz: ${s.mutants.onnx} ONNX + ${s.mutants.spec} spec mutants (seed ${seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
console.log(`  rejected ${s.rejected}, accepted ${s.accepted}`);
console.log(`  crashes ${s.crashes}, hangs (> 10 s) ${s.hangs}, non-finite/negative results ${s.nonFinite}`);
console.log(`  unlocated rejections ${s.unlocated}, injections ${s.injections}`);
console.log(
  `  slowest mutant ${s.slowestMs.toFixed(0)} ms (${s.over2s} over 2 s), peak RSS ${Math.max(rss, s.peakRssMB).toFixed(0)} MB`,
);
for (const f of s.failures) console.log(`  ${f.kind} #${f.index}: ${f.what.split('\n').slice(0, 4).join(' | ')}`);
process.exitCode = s.crashes + s.hangs + s.nonFinite + s.unlocated + s.injections ? 1 : 0;
