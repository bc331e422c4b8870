// The model worker's side (WorkerModels: what dist/model-worker.js runs) and the host's proxy (ModelClient)
// when the worker dies: digests, capped diagnostics, code actions and bytes as data; errors as values.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';
import type { Finding } from '../../../src/core/analysis/types';
import { ModelClient } from '../../../src/extension/worker/client';
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
