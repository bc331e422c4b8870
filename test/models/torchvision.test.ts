// torchvision vit_b_16 and swin_t (random weights, exported on demand by make_torchvision.py into the
// gitignored test/.generated): MACs within 1% of torchvision's published figures (17.56 and 4.49 GFLOPS
// in the model docs, counted as multiply-adds, attention included), no unmodelled-op, no unknown shape.
// Run: npm run test:models (exports first when the files are missing; needs /usr/bin/python3 with torch).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { BUILTIN_ARCHITECTURES } from '../../src/core/energy/builtins';
import { parseOnnx } from '../../src/core/model/onnx/to-network';
import { bufferSource } from '../../src/core/model/onnx/wire';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PUBLISHED = { vit_b_16: 17.56e9, swin_t: 4.49e9 } as const;

function model(key: string): Uint8Array {
  const path = `${ROOT}test/.generated/${key}.onnx`;
  if (!existsSync(path))
    execFileSync('/usr/bin/python3', [`${ROOT}test/models/make_torchvision.py`, key], { stdio: 'inherit' });
  return readFileSync(path);
}

describe('torchvision transformers count like the published figures', () => {
  for (const opset of [14, 17])
    for (const name of ['vit_b_16', 'swin_t'] as const)
      it(`${name} (opset ${opset})`, { timeout: 600_000 }, () => {
        const r = parseOnnx(bufferSource(model(`${name}_op${opset}`)));
        const net = r.value!.network;
        const a = analyze(net, BUILTIN_ARCHITECTURES, {
          defaultSpikeRate: 0.1,
          view: 'per-layer',
          nearMargin: 0.1,
          detail: 'lint',
        });
        expect(a.coverage.complete, a.coverage.firstLoss?.reason).toBe(true);
        expect(a.coverage.notCosted).toBe(0);
        expect(Math.abs(a.coverage.accountedMacs / PUBLISHED[name] - 1)).toBeLessThan(0.01);
        expect(
          a.findings.filter((f) => ['unmodelled-op', 'incomplete-model', 'shape-mismatch'].includes(f.code)),
        ).toEqual([]);
        // attention is costed: activation × activation products carry MACs and say their approximation
        expect(net.layers.some((l) => l.approximation && (l.counts?.synapses ?? 0) > 0)).toBe(true);
        // no unknown shape anywhere
        expect(net.layers.filter((l) => l.kind !== 'input' && !l.outputShape).map((l) => l.name)).toEqual([]);
      });
});
