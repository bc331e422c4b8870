// Issue 12: an incomplete model gets no verdict from the CLI: one incomplete-model error, exit 2, unless
// --allow-incomplete; the JSON and SARIF reports carry the coverage.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { layerHover } from '../../../src/core/report/hover';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import reportSchema from '../../../schemas/report.schema.json';
import { cli, ensureBuilt, ROOT } from './run-cli';

const CUSTOM = 'test/fixtures/onnx/transformers/custom_op.onnx';
const VIT = 'test/fixtures/onnx/transformers/vit2.onnx';

beforeAll(ensureBuilt, 120_000);

describe('incomplete models', () => {
  it('lint: a custom-domain op between two convolutions → one incomplete-model error and exit 2', () => {
    const r = cli(['lint', CUSTOM]);
    expect(r.code).toBe(2);
    const lines = r.stdout.split('\n').filter((l) => l.includes('incomplete-model'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('error incomplete-model: no verdict: MyOp my_op');
    expect(r.stdout).not.toContain('below-break-even');
  });

  it('report: "NO VERDICT" and no ratios; --allow-incomplete gives the verdict with the share shown', () => {
    const r = cli(['report', CUSTOM, '--arch', 'spatial-dataflow']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('accounted compute: 129.02 k of 129.02 k known MACs; 1 node not costed');
    expect(r.stdout).toContain('NO VERDICT: incomplete: MyOp my_op');
    expect(r.stdout).not.toMatch(/SNN\/QNN/);
    const ok = cli(['report', CUSTOM, '--arch', 'spatial-dataflow', '--allow-incomplete']);
    expect(ok.code).not.toBe(2);
    expect(ok.stdout).toContain('1 node not costed (verdict on the accounted part only)');
    expect(ok.stdout).toContain('SNN/QNN');
  });

  it('JSON: verdict "withheld", no architectures, the coverage and the first loss; valid against the schema', () => {
    const r = cli(['report', CUSTOM, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const validate = new Ajv({ strict: false, allErrors: true }).compile(reportSchema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(report.verdict).toBe('withheld');
    expect(report.architectures).toEqual([]);
    expect(report.coverage).toMatchObject({ complete: false, notCostedNodes: 1, firstLoss: { layer: 'my_op' } });
    const vit = JSON.parse(cli(['report', VIT, '--format', 'json']).stdout);
    expect(validate(vit), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(vit.verdict).toBe('given');
    const attention = vit.architectures[0].layers.filter((l: { approximation?: string }) => l.approximation);
    expect(attention).toHaveLength(4);
  });

  it('SARIF: the incomplete-model result and the coverage in the run properties, valid SARIF 2.1.0', () => {
    const r = cli(['lint', CUSTOM, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json'), 'utf8'),
    );
    const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.runs[0].properties).toMatchObject({ verdict: 'withheld', notCostedNodes: 1 });
    expect(log.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === 'incomplete-model')).toHaveLength(1);
  });

  it('a layer spec with errors gets no verdict: the core analysis withholds it and points at the first error', () => {
    // the closing quote of a type deleted (issue 16, point 1): never "1.00×" from a partial network
    const text = readFileSync(join(ROOT, 'examples/vgg16-cifar10.layers.json'), 'utf8').replace(
      '"conv2d",',
      '"conv2d,',
    );
    const parsed = parseLayerSpec(text, 'vgg');
    const a = analyze(parsed.value!, BUILTIN_ARCHITECTURES, {
      defaultSpikeRate: 0.1,
      view: 'per-layer',
      nearMargin: 0.1,
    });
    expect(a.verdictWithheld).toBe(true);
    expect(a.coverage.firstLoss?.reason).toMatch(/^the spec has errors; the first: /);
    expect(a.coverage.firstLoss?.range).toEqual(parsed.problems.find((p) => p.severity === 'error')!.range);
    expect(a.findings.some((f) => f.code === 'below-break-even')).toBe(false);
    // a wrong type on the last layer leaves the others parsed: their hovers give no verdict either
    const typo = readFileSync(join(ROOT, 'examples/vgg16-cifar10.layers.json'), 'utf8').replace('"linear"', '"lineer"');
    const partial = analyze(parseLayerSpec(typo, 'vgg').value!, BUILTIN_ARCHITECTURES, {
      defaultSpikeRate: 0.1,
      view: 'per-layer',
      nearMargin: 0.1,
    });
    expect(partial.verdictWithheld).toBe(true);
    const first = partial.architectures[0].layers[0];
    expect(layerHover(partial, first.name, partial.architectures[0].id)).toContain(
      '**No verdict**: incomplete: the spec has errors',
    );
    const dir = mkdtempSync(join(tmpdir(), 'snn-inc-'));
    writeFileSync(join(dir, 'bad.layers.json'), text);
    const r = cli(['report', join(dir, 'bad.layers.json'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('"ratio"');
  });
});
