// Runs one input through the whole pipeline the CLI runs (parse, analyse, guard, every report format)
// and classifies the outcome for the fuzzers.
import { analyze } from '../../src/core/analysis/analyze';
import { resultFault } from '../../src/core/analysis/guard';
import type { Analysis } from '../../src/core/analysis/types';
import { BUILTIN_ARCHITECTURES } from '../../src/core/energy/builtins';
import type { Network, Problem } from '../../src/core/model/ir';
import { parseOnnx } from '../../src/core/model/onnx/to-network';
import { bufferSource } from '../../src/core/model/onnx/wire';
import { parseLayerSpec } from '../../src/core/model/layer-spec/parse';
import { formatReport, REPORT_FORMATS } from '../../src/core/report/format';
import { jsonReport } from '../../src/core/report/json';
import { lineIndex } from '../../src/core/report/line-index';

export interface Outcome {
  /** 'rejected': at least one error problem, no result; 'accepted': a result was produced. */
  readonly kind: 'rejected' | 'accepted' | 'crashed';
  readonly error?: string;
  /** A non-finite or negative number that reached a result. */
  readonly badNumber?: string;
  /** A rejection whose problems carry no location (no range and no layer). */
  readonly unlocated?: boolean;
  /** Control characters or live Markdown links from the input that reached a text report. */
  readonly injected?: string;
  readonly ms: number;
}

export function checkOnnx(bytes: Uint8Array): Outcome {
  return run(() => {
    const r = parseOnnx(bufferSource(bytes), { name: 'fuzz' });
    return { network: r.value?.network, problems: r.problems, text: undefined };
  });
}

export function checkSpec(text: string): Outcome {
  return run(() => {
    const r = parseLayerSpec(text, 'fuzz');
    return { network: r.value, problems: r.problems, text };
  });
}

function run(parse: () => { network?: Network; problems: readonly Problem[]; text?: string }): Outcome {
  const t0 = performance.now();
  try {
    const { network, problems, text } = parse();
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length || !network) {
      const located = (errors.length ? errors : problems).every((p) => p.range !== undefined || p.layer !== undefined);
      return { kind: 'rejected', unlocated: !located || !problems.length, ms: performance.now() - t0 };
    }
    const a = analyze(network, BUILTIN_ARCHITECTURES, { defaultSpikeRate: 0.1, view: 'per-layer', nearMargin: 0.1 });
    if (resultFault(a)) return { kind: 'rejected', ms: performance.now() - t0 };
    const badNumber = firstBadNumber(jsonReport(a, { source: 'fuzz', toolVersion: '0' }), '');
    const injected = injection(a, network, text);
    return { kind: 'accepted', badNumber, injected, ms: performance.now() - t0 };
  } catch (e) {
    return { kind: 'crashed', error: (e as Error)?.stack ?? String(e), ms: performance.now() - t0 };
  }
}

/** Every report format rendered; the text ones must carry no ESC and no live link from a name. */
function injection(a: Analysis, net: Network, text: string | undefined): string | undefined {
  const ctx = { source: 'fuzz', toolVersion: '0', position: text === undefined ? undefined : lineIndex(text) };
  for (const f of REPORT_FORMATS) {
    const out = formatReport(a, net, f, ctx);
    if ((f === 'table' || f === 'markdown') && out.includes('\u001b')) return `ESC in ${f}`;
    if (f === 'markdown' && /(^|[^\\])\[[^\]\n]*[^\\]\]\(/.test(out)) return 'live Markdown link';
    if (f === 'csv' && /(^|,)[=+@]/m.test(out)) return 'CSV formula';
  }
  return undefined;
}

/** The first NaN, ±Infinity, or negative energy/count in a report object, as a JSON path. */
export function firstBadNumber(v: unknown, path: string): string | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return `${path} = ${v}`;
    if (v < 0 && /energy|synapses|weights|neurons|ratio|J$/i.test(path)) return `${path} = ${v}`;
    return undefined;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const b = firstBadNumber(v[i], `${path}[${i}]`);
      if (b) return b;
    }
  } else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      const b = firstBadNumber(x, `${path}.${k}`);
      if (b) return b;
    }
  return undefined;
}
