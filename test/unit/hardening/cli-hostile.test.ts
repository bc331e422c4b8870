// The special files and hostile documents through the real CLI: each one exit code 2 and one
// located message, quickly (a FIFO used to hang the reader; /dev/zero used to be read to 1.5 GB).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, ROOT } from '../cli/run-cli';

const tmp = mkdtempSync(join(tmpdir(), 'snn-hostile-'));
const at = (name: string) => join(tmp, name);
const write = (name: string, text: string) => (writeFileSync(at(name), text), at(name));
const fifo = (name: string) => {
  const r = spawnSync('mkfifo', [at(name)]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
  return at(name);
};
const VGG = 'examples/vgg16-cifar10.layers.json';
const CNN = `${ROOT}test/fixtures/onnx/cnn_bn.onnx`;

/** Exit 2 (not a timeout: status null), a message naming the file, and nothing on stdout. */
function refused(args: string[], ...expected: (string | RegExp)[]) {
  const t0 = performance.now();
  const r = cli(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  for (const e of expected) expect(r.stderr).toMatch(e);
  expect(performance.now() - t0).toBeLessThan(30_000);
  return r.stderr;
}

const arch = (over: Record<string, unknown>, component: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'mine',
    version: '1.0.0',
    name: 'Mine',
    description: 'test chip',
    sources: { a: 'A datasheet' },
    parameters: {},
    qnn: { synapticOp: { components: [{ label: 'mac', kind: 'compute', pJ: 0.2, source: 'a', ...component }] } },
    snn: { synapticOp: { components: [{ label: 'acc', kind: 'compute', pJ: 0.03, source: 'a' }] } },
    ...over,
  });

beforeAll(ensureBuilt, 120_000);

describe('special files are refused without blocking', () => {
  it('a FIFO named *.layers.json or *.onnx', () => {
    refused(['lint', fifo('m.layers.json')], 'm.layers.json: a FIFO (named pipe), not a regular file: refused');
    refused(['report', fifo('m.onnx')], 'm.onnx: a FIFO (named pipe), not a regular file: refused');
  });

  it('simulate on a FIFO model', () => {
    refused(['simulate', fifo('s.onnx')], /s\.onnx: .*a FIFO \(named pipe\), not a regular file/);
  });

  it('--arch, --measurements, --input and --calibration on a FIFO or /dev/zero', () => {
    refused(['report', VGG, '--arch', fifo('a.arch.json')], '--arch ', 'a FIFO (named pipe)');
    refused(['report', VGG, '--measurements', fifo('r.json')], '--measurements ', 'a FIFO');
    refused(['report', VGG, '--arch', '/dev/zero.json'], /dev\/zero\.json: cannot read \(ENOENT\)/);
    refused(['report', VGG, '--measurements', '/dev/zero'], '/dev/zero: a character device, not a regular file');
    refused(['simulate', CNN, '--input', fifo('x.npy'), '--random-inputs', '2'], 'x.npy: a FIFO');
    refused(['simulate', CNN, '--random-inputs', '2', '--calibration', '/dev/zero'], '/dev/zero: a character device');
  });

  it('/dev/zero as the model', () => {
    refused(['report', '/dev/zero'], '/dev/zero: a character device, not a regular file: refused');
  });

  it('external data that is a FIFO inside the model folder', () => {
    copyFileSync(`${ROOT}test/fixtures/onnx/cnn_external.onnx`, at('cnn_external.onnx'));
    fifo('cnn_external.weights');
    refused(['simulate', at('cnn_external.onnx'), '--random-inputs', '2'], /external data .*a FIFO/);
  });

  it('files over the size cap, with the flag that raises it', () => {
    refused(
      ['report', VGG, '--max-text-mb', '0.001'],
      /over the 0\.001 MB limit: refused \(raise it with --max-text-mb\)/,
    );
    refused(['report', CNN, '--max-binary-mb', '0.001'], /cnn_bn\.onnx: .* over the 0\.001 MB limit.*--max-binary-mb/);
  });
});

describe('architecture documents with nonsense', () => {
  it('1e308 pJ is above the maximum, 1e400 (Infinity) is not finite', () => {
    refused(
      ['report', VGG, '--arch', write('big.arch.json', arch({}, { pJ: 1e308 }))],
      /big\.arch\.json:\d+:\d+: error invalid-architecture: \/qnn\/synapticOp\/components\/0\/pJ is 1e\+308, above the maximum 1000000/,
    );
    const inf = arch({}).replace('"pJ":0.2', '"pJ":1e400');
    refused(
      ['report', VGG, '--arch', write('inf.arch.json', inf)],
      /inf\.arch\.json:\d+:\d+: .*pJ is Infinity: write a finite number/,
    );
  });

  it('an all-zero architecture is refused', () => {
    const zero = arch(
      { snn: { synapticOp: { components: [{ label: 'acc', kind: 'compute', pJ: 0, source: 'a' }] } } },
      { pJ: 0 },
    );
    refused(['report', VGG, '--arch', write('zero.arch.json', zero)], /every QNN energy of "mine" is 0/);
  });

  it('"source": "toString" fails the citation check', () => {
    refused(
      ['report', VGG, '--arch', write('proto.arch.json', arch({}, { source: 'toString' }))],
      'source "toString" is not listed in "sources"',
    );
  });

  it('a custom document may not take a built-in id', () => {
    refused(
      ['report', VGG, '--arch', write('taken.arch.json', arch({ id: 'spatial-dataflow' }))],
      'architecture id "spatial-dataflow" is a built-in',
    );
  });

  it('a valid custom document still works', () => {
    const r = cli(['report', VGG, '--arch', write('ok.arch.json', arch({}))]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('=== mine: Mine ===');
  });
});

describe('injection strings in names', () => {
  const spec = (name: string) =>
    write(
      'inj.layers.json',
      JSON.stringify({
        name: 'm\n# heading [x](command:evil)',
        input: { shape: [3, 8, 8] },
        layers: [
          { name, type: 'conv2d', outChannels: 4, kernel: 3, spikeRate: 0.5 },
          { name: 'f', type: 'flatten' },
          { name: '@fc', type: 'linear', outFeatures: 2 },
        ],
      }),
    );

  it('CSV cells that would be formulas get a leading quote (OWASP)', () => {
    const r = cli(['report', spec('=HYPERLINK("http://x")'), '-f', 'csv', '--arch', 'spatial-dataflow']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(r.stdout).toContain(",'@fc,");
    expect(r.stdout).not.toMatch(/(^|,)[=+@]/m);
  });

  it('the table carries no escape sequence, Markdown no heading or live link from a name', () => {
    const table = cli(['report', spec('\u001b[2J\u001b[31mred'), '--arch', 'spatial-dataflow']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).not.toContain('\u001b');
    expect(table.stdout).toContain('?[2J?[31mred');
    const md = cli([
      'report',
      spec('a|b [x](http://e) ![i](http://e/i.png)'),
      '-f',
      'markdown',
      '--arch',
      'spatial-dataflow',
    ]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).not.toMatch(/^# heading/m);
    expect(md.stdout).toContain('# SNN energy report: m # heading \\[x\\](command:evil)\n');
    expect(md.stdout).toContain('a\\|b \\[x\\](http://e) !\\[i\\](http://e/i.png)');
  });

  it('lint output strips control characters from names in messages', () => {
    const r = cli(['lint', spec('\u001b]0;title\u0007x'), '--arch', 'spatial-dataflow', '--fail-on', 'never']);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});
