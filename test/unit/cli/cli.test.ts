import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import reportSchema from '../../../schemas/report.schema.json';
import { cli, ensureBuilt, ROOT } from './run-cli';

const VGG = 'examples/vgg16-cifar10.layers.json';
const tmp = mkdtempSync(join(tmpdir(), 'snn-cli-'));
const write = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(ensureBuilt, 120_000);

describe('snn-energy report', () => {
  it('prints the per-layer table for the bundled VGG-16 and exits 0 without --fail-on findings at error level', () => {
    const r = cli(['report', VGG, '--arch', 'spatial-dataflow']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('=== spatial-dataflow: Improved spatial dataflow ===');
    expect(r.stdout).toMatch(/conv1_2\s+conv2d\s+37\.75 M/);
    expect(r.stdout).toContain('Energy by action, pJ per synapse');
  });

  it('writes a JSON report that validates against schemas/report.schema.json', () => {
    const r = cli(['report', VGG, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const validate = new Ajv({ strict: false, allErrors: true }).compile(reportSchema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(report.architectures.map((a: { id: string }) => a.id)).toEqual([
      'memory-hierarchy',
      'spatial-dataflow',
      'neuromorphic',
      'neuromorphic:theoretical-minimum',
      'neuromorphic:worst-case-sparse',
    ]);
    const conv12 = report.architectures[0].layers.find((l: { name: string }) => l.name === 'conv1_2');
    expect(conv12.synapses).toBe(37_748_736);
    const f = report.findings.find((x: { code: string; range?: unknown }) => x.code === 'below-break-even' && x.range);
    const lines = readFileSync(join(ROOT, VGG), 'utf8').split('\n');
    expect(lines[f.range.start.line - 1].slice(f.range.start.column - 1)).toMatch(new RegExp(`^"${f.layer}"`));
  });

  it('writes SARIF 2.1.0 that the official schema and the SARIF Multitool accept', () => {
    const out = join(tmp, 'vgg.sarif');
    const r = cli(['lint', VGG, '--format', 'sarif', '--output', out, '--fail-on', 'never']);
    expect(r.code).toBe(0);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json'), 'utf8'),
    );
    const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const rules = log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    expect(new Set(rules).size).toBe(rules.length);
    expect(
      log.runs[0].results.some(
        (x: { locations: { physicalLocation: { region?: unknown } }[] }) => x.locations[0].physicalLocation.region,
      ),
    ).toBe(true);
    const tool = join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
    const v = spawnSync(tool, ['validate', out, '--output', join(tmp, 'validation.sarif'), '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const validation = JSON.parse(readFileSync(join(tmp, 'validation.sarif'), 'utf8'));
    const problems = validation.runs[0].results.filter(
      (x: { level?: string }) => x.level === 'error' || x.level === 'warning',
    );
    expect(problems, JSON.stringify(problems.slice(0, 2))).toEqual([]);
  }, 150_000);

  it('writes CSV with one row per architecture and weighted layer', () => {
    const r = cli(['report', VGG, '--format', 'csv', '--arch', 'memory-hierarchy', '--arch', 'spatial-dataflow']);
    const rows = r.stdout.trim().split('\r\n');
    expect(rows).toHaveLength(1 + 2 * 14);
    expect(rows[0].split(',').slice(0, 3)).toEqual(['architecture', 'layer', 'type']);
  });

  it('writes Markdown and a Netron attachment', () => {
    expect(cli(['report', VGG, '--format', 'markdown']).stdout).toContain(
      '## Improved spatial dataflow (`spatial-dataflow`)',
    );
    const netron = JSON.parse(cli(['report', VGG, '--format', 'netron']).stdout);
    expect(netron.signature).toBe('netron:attachment');
    expect(
      netron.metrics.some((m: { kind: string; target: string }) => m.kind === 'node' && m.target === 'conv1_2'),
    ).toBe(true);
  });

  it('takes --timesteps, --spike-rate and --view', () => {
    const j = (args: string[]) =>
      JSON.parse(cli(['report', VGG, '--format', 'json', '--arch', 'spatial-dataflow', ...args]).stdout);
    expect(j(['--timesteps', '4']).settings).toMatchObject({ timesteps: 4, activationBits: 3 });
    expect(j(['--view', 'network-mean']).settings.view).toBe('network-mean');
  });
});

describe('snn-energy lint', () => {
  it('exits 1 on warnings by default and prints compiler-style lines', () => {
    const r = cli(['lint', VGG, '--arch', 'spatial-dataflow']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /examples\/vgg16-cifar10\.layers\.json:\d+:\d+: warning below-break-even \[spatial-dataflow\]: spike rate/,
    );
  });

  it('exits 0 with --fail-on error when there are only warnings', () => {
    expect(cli(['lint', VGG, '--arch', 'spatial-dataflow', '--fail-on', 'error']).code).toBe(0);
  });

  it('exits 0 on a clean spec', () => {
    const clean = write(
      'clean.layers.json',
      '{ "input": { "shape": [100] }, "timesteps": 2, "layers": [ { "name": "a", "type": "linear", "outFeatures": 100, "spikeRate": 0.01 }, { "name": "b", "type": "linear", "outFeatures": 10 } ] }',
    );
    const r = cli(['lint', clean, '--arch', 'spatial-dataflow']);
    // the analog first layer is structurally never cheaper as an SNN: an information, not a warning
    expect(r.stdout).not.toContain('warning');
    expect(r.stdout).toContain('information below-break-even [spatial-dataflow]: direct-encoded first layer');
    expect(r.code).toBe(0);
  });
});

describe('bad input exits 2 with a one-line located error and no stack trace', () => {
  it('for a bad spec', () => {
    const bad = write(
      'bad.layers.json',
      '{\n  "input": { "shape": [3, 32, 32] },\n  "layers": [\n    { "name": "c", "type": "conv", "outChannels": 8, "kernel": 3 }\n  ]\n}\n',
    );
    const r = cli(['lint', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `${bad}:4:28: error unknown-layer-type: unknown layer type "conv": did you mean "conv2d"? use one of conv2d, linear, maxpool2d, avgpool2d, globalavgpool2d, flatten, batchnorm2d, relu, dropout, add, concat`,
    );
  });

  it('for a missing file', () => {
    const r = cli(['report', 'nope.layers.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('snn-energy: nope.layers.json: cannot read (ENOENT)\n');
  });

  it('for an unknown architecture and a bad option', () => {
    const a = cli(['report', VGG, '--arch', 'tpu']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('unknown architecture "tpu": use one of memory-hierarchy, spatial-dataflow');
    const b = cli(['report', VGG, '--spike-rate', '8']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--spike-rate must be a number from 0 to 1, not "8"');
    expect(b.stderr).not.toMatch(/\n\s+at /);
  });

  it('for an architecture file with a located schema error', () => {
    const arch = write(
      'bad.arch.json',
      JSON.stringify(
        {
          id: 'x',
          version: '1.0.0',
          name: 'x',
          description: '',
          sources: {},
          parameters: {},
          qnn: {},
          snn: { synapticOp: { components: [{ label: 'a', kind: 'magic', pJ: 1, source: 's' }] } },
        },
        null,
        2,
      ),
    );
    const r = cli(['report', VGG, '--arch', arch]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /bad\.arch\.json:\d+:\d+: error invalid-architecture: \/snn\/synapticOp\/components\/0\/kind must be equal to one of the allowed values: one of compute, memory, movement/,
    );
  });
});
