// The model worker's side (WorkerModels: what dist/model-worker.js runs) and the host's proxy (ModelClient)
// when the worker dies: digests, capped diagnostics, code actions and bytes as data; errors as values.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';
import type { Finding } from '../../../src/core/analysis/types';
import { ModelClient, PART_CHARS } from '../../../src/extension/worker/client';
import { ensureBuilt, ROOT } from '../cli/run-cli';
import { plainDiagnostics } from '../../../src/extension/worker/digest';
import { WorkerModels } from '../../../src/extension/worker/models';
import type { PutResult } from '../../../src/extension/worker/protocol';

const VIEW = { selected: 'spatial-dataflow', dropSyntax: false };
const OPTIONS = { defaultSpikeRate: 0.1, view: 'per-layer', nearMargin: 0.1 } as const;
const TINY = `{ "input": { "shape": [100] }, "layers": [
  { "name": "a", "type": "linear", "outFeatures": 50, "spikeRate": 0.3 },
  { "name": "b", "type": "linear", "outFeatures": 10 } ] }`;

function models(): WorkerModels {
  const w = new WorkerModels(() => {});
  w.handle({ type: 'setInputs', architectures: BUILTIN_ARCHITECTURES, options: OPTIONS, view: VIEW });
  return w;
}
const put = (w: WorkerModels, text: string, docVersion = 1) =>
  w.handle({
    type: 'putSpec',
    key: 'file:///w/tiny.layers.json',
    path: '/w/tiny.layers.json',
    text,
    docVersion,
    maxBytes: 2 ** 20,
    raiseWith: 'the setting',
    view: VIEW,
  });

const diagnosticsOf = (r: PutResult) => (r.digest ? r.digest.diagnostics : r.diagnostics);

describe('the model worker', () => {
  it('answers a put with a digest: the model, every architecture, the text version it analyzed', () => {
    const r = put(models(), TINY, 7);
    expect(r.digest?.name).toBe('tiny');
    expect(r.digest?.docVersion).toBe(7);
    expect(r.digest?.layers).toBe(3); // the input and two layers
    expect(r.digest?.architectures.map((a) => a.id)).toEqual(BUILTIN_ARCHITECTURES.map((a) => a.id));
    expect(r.digest?.diagnosticsFor).toBe('spatial-dataflow');
  });

  it("sends a spec's fix-all with its diagnostics, for the text version it parsed (Fix All needs no round trip)", () => {
    const w = models();
    // two safe fixes: a did-you-mean type ("linar" → "linear") and a rate written as a percentage (30 → 0.3)
    const typos = TINY.replace(
      '"type": "linear", "outFeatures": 50, "spikeRate": 0.3',
      '"type": "linar", "outFeatures": 50, "spikeRate": 30',
    );
    const r = put(w, typos, 4);
    expect(r.fixAllFor).toBe(4);
    expect(r.fixAll?.kind).toBe('fixAll');
    expect(r.fixAll?.title).toMatch(/^Fix all 2 auto-fixable problems/);
    // applied, the edits give the clean spec back
    let fixed = typos;
    for (const e of [...(r.fixAll!.edits ?? [])].sort((a, b) => b.offset - a.offset))
      fixed = fixed.slice(0, e.offset) + e.content + fixed.slice(e.offset + e.length);
    expect(fixed.replace(/\s+/g, '')).toBe(TINY.replace(/\s+/g, ''));
    // a clean spec has none
    expect(put(w, TINY, 5).fixAll).toBeUndefined();
  });

  it('keeps no model for a spec it cannot parse, and says where', () => {
    const r = put(models(), '[1, 2');
    expect(r.digest).toBeUndefined();
    expect(diagnosticsOf(r).map((d) => d.code)).toContain('json-syntax');
  });

  it('refuses a spec over the size limit, naming the setting', () => {
    const w = models();
    const r = w.handle({
      type: 'putSpec',
      key: 'k',
      path: '/w/x.layers.json',
      text: TINY,
      docVersion: 1,
      maxBytes: 10,
      raiseWith: 'snnEnergy.limits.maxTextFileMB',
      view: VIEW,
    });
    expect(diagnosticsOf(r)[0].message).toMatch(/over the 0\.0 MB limit.*snnEnergy\.limits\.maxTextFileMB/);
  });

  it('reads an ONNX file itself and refuses what is not a regular file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-worker-'));
    const r = models().handle({
      type: 'putOnnx',
      key: `file://${dir}`,
      path: dir,
      maxBytes: 2 ** 20,
      raiseWith: 'x',
      view: VIEW,
    });
    expect(r.digest).toBeUndefined();
    expect(diagnosticsOf(r).map((d) => d.code)).toEqual(['onnx-unreadable']);
  });

  it('proposes the fix of a misspelt type, with its edit, for the text it was given', () => {
    const w = models();
    const text = '{ "input": { "shape": [100] }, "layers": [ { "name": "a", "type": "linaer", "outFeatures": 5 } ] }';
    const r = put(w, text);
    const d = diagnosticsOf(r).find((x) => x.code === 'unknown-layer-type');
    expect(d).toBeDefined();
    const actions = w.handle({
      type: 'codeActions',
      key: 'file:///w/tiny.layers.json',
      docVersion: 1,
      editable: true,
      isSpec: true,
      onlyFixAll: false,
      diagnostics: [{ code: d!.code, message: d!.message, start: d!.range!.start }],
    });
    const fix = actions.find((a) => a.edits?.some((e) => e.content.includes('linear')));
    expect(fix?.diagnostics).toEqual([0]);
    expect(fix?.kind).toBe('quickfix');
  });

  it('hands the panel its message as UTF-8 JSON, and a report as bytes', () => {
    const w = models();
    put(w, TINY);
    const bytes = w.handle({
      type: 'panel',
      key: 'file:///w/tiny.layers.json',
      file: 'tiny.layers.json',
      selected: 'memory-hierarchy',
    });
    const msg = JSON.parse(new TextDecoder().decode(bytes));
    expect(msg.type).toBe('update');
    expect(msg.data.selected).toBe('memory-hierarchy');
    expect(msg.data.layers.map((l: { name: string }) => l.name)).toEqual(['a', 'b']);
    const report = w.handle({
      type: 'export',
      key: 'file:///w/tiny.layers.json',
      format: 'json',
      source: 'tiny.layers.json',
      toolVersion: '0',
    });
    expect(JSON.parse(new TextDecoder().decode(report!.data)).model.name).toBe('tiny');
  });
});

describe('plain diagnostics', () => {
  const f = (severity: Finding['severity'], i: number): Finding =>
    ({
      code: severity === 'error' ? 'shape-mismatch' : 'below-break-even',
      severity,
      message: `${severity} ${i}`,
    }) as Finding;

  it('puts errors first, in their order, and keeps 1,000 like VS Code', () => {
    const findings = [
      ...Array.from({ length: 600 }, (_, i) => f('warning', i)),
      ...Array.from({ length: 600 }, (_, i) => f('error', i)),
    ];
    const { diagnostics, total } = plainDiagnostics(findings, VIEW);
    expect(total).toBe(1200);
    expect(diagnostics).toHaveLength(1000);
    expect(diagnostics.slice(0, 600).every((d) => d.severity === 'error')).toBe(true);
    expect(diagnostics[0].message).toBe('error 0');
    expect(diagnostics[600].message).toBe('warning 0');
    expect(diagnostics[999].message).toBe('warning 399');
  });

  it('leaves JSON syntax errors to the JSON language service when it reports them', () => {
    const syntax = { code: 'json-syntax', severity: 'error', message: 'JSON syntax error: x' } as const;
    expect(plainDiagnostics([syntax], { ...VIEW, dropSyntax: true }).diagnostics).toEqual([]);
    expect(plainDiagnostics([syntax], VIEW).diagnostics).toHaveLength(1);
  });
});

describe('the host proxy', () => {
  it('answers with an error when the worker dies, restarts it, and gives up after five deaths a minute', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-worker-'));
    const path = join(dir, 'dies.js');
    writeFileSync(path, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));");
    const restarts: string[] = [];
    const client = new ModelClient({ workerPath: path, log: () => {}, onRestart: (r) => restarts.push(r) });
    try {
      const first = await client.request({ type: 'onnxText', key: 'k' });
      expect(first).toEqual({ ok: false, error: 'the model worker stopped (exit code 3); it was restarted' });
      expect(restarts).toEqual(['the model worker stopped (exit code 3)']);
      for (let i = 0; i < 5; i++) await client.request({ type: 'onnxText', key: 'k' });
      expect(restarts).toHaveLength(5);
      const last = await client.request({ type: 'onnxText', key: 'k' });
      expect(last.ok ? '' : last.error).toMatch(/5 times within a minute: no analysis until the window reloads/);
    } finally {
      client.dispose();
    }
  });
});

describe('the host proxy and the real worker', () => {
  it('posts a long text in parts, reassembled exactly, in order with the requests after it', async () => {
    ensureBuilt();
    const client = new ModelClient({ workerPath: `${ROOT}dist/model-worker.js`, log: () => {}, onRestart: () => {} });
    try {
      await client.request({ type: 'setInputs', architectures: BUILTIN_ARCHITECTURES, options: OPTIONS, view: VIEW });
      const n = 10_000;
      const layers = Array.from({ length: n }, (_, i) => `{ "name": "l${i}", "type": "linear", "outFeatures": 10 }`);
      const text = `{ "input": { "shape": [100] }, "layers": [\n${layers.join(',\n' + ' '.repeat(60))}\n] }`;
      expect(text.length).toBeGreaterThan(2 * PART_CHARS);
      const req = {
        type: 'putSpec',
        key: 'k',
        path: '/w/k.layers.json',
        text,
        docVersion: 7,
        maxBytes: 2 ** 26,
        raiseWith: '',
        view: VIEW,
      } as const;
      const put = client.request(req);
      // asked before the put's last part is posted: answered on the new model, not before it exists
      const last = `l${n - 1}`;
      const hover = client.request({ type: 'hover', key: 'k', offset: text.indexOf(`"${last}"`) + 2, selected: 'x' });
      const [p, h] = await Promise.all([put, hover]);
      // the same digest as the text handed over whole, in this thread
      const whole = models().handle(req);
      expect(whole.digest?.layers).toBeGreaterThan(n - 1);
      expect(p.ok && p.value.digest).toEqual(whole.digest);
      expect(h.ok && h.value?.markdown).toContain(last);
      // the worker's copy is the text itself: an export quotes every layer name
      const report = await client.request({ type: 'export', key: 'k', format: 'csv', source: 'k', toolVersion: '0' });
      const csv = new TextDecoder().decode(report.ok ? report.value?.data : undefined);
      const names = new Set(csv.split('\n').map((row) => row.split(',')[1])); // architecture,layer,…
      expect(layers.every((_, i) => names.has(`l${i}`))).toBe(true);
    } finally {
      client.dispose();
    }
  }, 60_000);
});

describe('files the host reads and the worker parses', () => {
  const sda = readFileSync(`${__dirname}/../../../data/architectures/spatial-dataflow.arch.json`, 'utf8');
  const builtinIds = BUILTIN_ARCHITECTURES.map((a) => a.id);

  it('a custom architecture document: its architectures, or why not (an id taken by a built-in)', () => {
    const w = models();
    const mine = w.handle({
      type: 'parseArchitecture',
      text: sda.replace('"spatial-dataflow"', '"my-sda"'),
      taken: builtinIds,
    });
    expect(mine.problems).toEqual([]);
    expect(mine.value?.map((a) => a.id)).toEqual(['my-sda']);
    const taken = w.handle({ type: 'parseArchitecture', text: sda, taken: builtinIds });
    expect(taken.value).toBeUndefined();
    expect(taken.problems.map((p) => p.message).join(' ')).toMatch(/spatial-dataflow/);
    // the editor's diagnostics on the built-in's own file: nothing is taken there
    expect(w.handle({ type: 'parseArchitecture', text: sda, taken: [] }).problems).toEqual([]);
    const broken = w.handle({ type: 'parseArchitecture', text: sda.slice(0, 200), taken: [] });
    expect(broken.value).toBeUndefined();
    expect(broken.problems[0]?.range).toBeDefined();
  });

  it('a measurements file: its JSON, and how many layer rates the CLI would read from it', () => {
    const w = models();
    const text = JSON.stringify({
      sha256: 'ab12',
      layers: [
        { name: 'c1', spikeRate: 0.1 },
        { name: 'c2', spikeRate: 0.25 },
      ],
    });
    const r = w.handle({ type: 'parseRecord', text });
    expect(r.rates).toBe(2);
    expect((r.record as { sha256: string }).sha256).toBe('ab12');
    expect(w.handle({ type: 'parseRecord', text: text.slice(0, -3) })).toEqual({ record: undefined, rates: 0 });
    // a rate outside 0..1: the CLI's --measurements refuses the file, so it is no record
    expect(w.handle({ type: 'parseRecord', text: text.replace('0.25', '2.5') }).rates).toBe(0);
  });
});
