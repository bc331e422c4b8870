import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOnnx } from '../../../src/core/model/onnx/to-network';
import { renderOnnxText } from '../../../src/core/model/onnx/text';
import { bufferSource } from '../../../src/core/model/onnx/wire';
import { analyze } from '../../../src/core/analysis/analyze';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';
import { bytes, FIXTURES, ROOT } from './samples';

describe('the ONNX text view', () => {
  const { model, network } = parseOnnx(bufferSource(bytes(FIXTURES + 'resnet_tiny.onnx'))).value!;
  const t = renderOnnxText(model, network);

  it('starts with the header and the graph signature', () => {
    const lines = t.text.split('\n');
    expect(lines[0]).toBe('<');
    expect(lines[1]).toBe('   ir_version: 7,');
    expect(lines[2]).toBe('   opset_import: ["" : 13],');
    expect(t.text).toContain('(float[1,3,8,8] input) => (float[1,10] output)');
  });

  it('puts every node on its own line, with its layer name, and maps the layer to that line', () => {
    for (const l of network.layers.filter((x) => x.nodeIndex !== undefined)) {
      const r = t.nodeRanges.get(l.name)!;
      const line = t.text.slice(r.start, r.end);
      expect(line).not.toContain('\n');
      expect(line).toContain(`= ${l.op}`);
      expect(line.endsWith(`# ${l.name}`)).toBe(true);
    }
  });

  it('places every layer, and the findings about it, on its node line (after the indent)', () => {
    const parsed = parseOnnx(bufferSource(bytes(FIXTURES + 'resnet_tiny.onnx'))).value!;
    expect(parsed.text.text).toBe(t.text);
    const lineOf = (r: { start: number; end: number }) => parsed.text.text.slice(r.start, r.end);
    for (const l of parsed.network.layers.filter((x) => x.nodeIndex !== undefined)) {
      expect(lineOf(l.nameRange!)).toMatch(new RegExp(`^\\S.*= ${l.op}.*# ${l.name.replace(/[.]/g, '\\.')}$`));
      expect(parsed.text.text[l.nameRange!.start - 1]).toBe(' ');
    }
    const a = analyze(parsed.network, BUILTIN_ARCHITECTURES, {
      defaultSpikeRate: 0.1,
      view: 'per-layer',
      nearMargin: 0.1,
    });
    const placed = a.findings.filter((f) => f.layer !== undefined);
    expect(placed.length).toBeGreaterThan(0);
    for (const f of placed) expect(lineOf(f.range!)).toMatch(/ # \S+$/);
  });

  it('summarizes initializers by type and shape, never their values', () => {
    const conv = model.graph.initializers.find((x) => x.dims.length === 4)!;
    const r = t.initializerRanges.get(conv.name)!;
    expect(t.text.slice(r.start, r.end)).toMatch(
      new RegExp(`^\\s+float\\[${conv.dims.join(',')}\\] ${conv.name.replace(/[.]/g, '\\.')},?  # \\d+ bytes$`),
    );
  });

  it('has a grammar that is valid JSON with the scope the extension registers', () => {
    const g = JSON.parse(readFileSync(`${ROOT}syntaxes/onnx-text.tmLanguage.json`, 'utf8'));
    expect(g.scopeName).toBe('source.onnx-text');
    for (const rule of Object.values(g.repository) as { match?: string; begin?: string }[]) {
      if (rule.match) expect(() => new RegExp(rule.match!.replace(/\(\?<[=!]/g, '(?:'))).not.toThrow();
    }
  });
});
