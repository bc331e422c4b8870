// The host-thread side of the model worker on issue 13's large inputs: every host-side step timed with
// performance.now(), and the longest the host's event loop was blocked while the worker did the work.
// Used by the unit test (which asserts the 50 ms budget) and by `npm run bench -- host` (which prints it).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_ARCHITECTURES } from '../src/core/energy/builtins';
import { ModelClient, type Answer } from '../src/extension/worker/client';
import type { ModelRequestType, RequestOf } from '../src/extension/worker/protocol';
import { model, spec } from './host-inputs';

export interface HostStepsResult extends HostBlocks {
  /** Host-side steps, ms. */
  readonly host: Record<string, number>;
  /** The worker's own time on each request, ms (off the host thread). */
  readonly worker: Record<string, number>;
  readonly diagnostics: number;
  readonly diagnosticsTotal: number;
  readonly panelBytes: number;
  readonly onnxViewBytes: number;
}

const VIEW = { selected: 'spatial-dataflow', dropSyntax: false };
const OPTIONS = { defaultSpikeRate: 0.1, view: 'per-layer', nearMargin: 0.1 } as const;

/**
 * What VS Code's webview.postMessage does with a message on the extension host (1.100: JSON.stringify with
 * ArrayBuffers and typed arrays set aside and sent as they are), done here so its cost on the host is measured.
 */
function handOff(message: { type: string; bytes: Uint8Array }): void {
  const buffers: Uint8Array[] = [];
  JSON.stringify(message, (_k, v: unknown) =>
    v instanceof Uint8Array ? { $$vscode_array_buffer_reference$$: buffers.push(v) - 1 } : v,
  );
}

export interface HostBlocks {
  /**
   * The most CPU time the host thread used between two ticks of a 1 ms interval (Linux: the thread's own
   * utime + stime, 10 ms ticks), ms: how long the host's event loop was blocked by its own work, whatever
   * the machine's load. Undefined where /proc is not there.
   */
  readonly maxBusyMs: number | undefined;
  /** The same interval's largest lateness (wall clock: the host's work plus the OS not scheduling it), ms. */
  readonly maxDriftMs: number;
  /** perf_hooks' event-loop delay histogram maximum (wall clock, like the drift), ms. */
  readonly maxDelayMs: number;
}

/** Watch this thread's event loop until stop(): its CPU time between 1 ms ticks, their lateness, the histogram. */
export function hostProbe(): { stop(): HostBlocks } {
  let last = performance.now();
  let lastCpu = threadCpuMs();
  let maxDrift = 0;
  let maxBusy = lastCpu === undefined ? undefined : 0;
  const tick = () => {
    const now = performance.now();
    maxDrift = Math.max(maxDrift, now - last - 1);
    last = now;
    const cpu = threadCpuMs();
    if (cpu !== undefined && lastCpu !== undefined) maxBusy = Math.max(maxBusy ?? 0, cpu - lastCpu);
    lastCpu = cpu;
  };
  const timer = setInterval(tick, 1);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  return {
    stop() {
      tick(); // the stretch since the last tick counts too
      clearInterval(timer);
      delay.disable();
      return { maxBusyMs: maxBusy, maxDriftMs: maxDrift, maxDelayMs: delay.max / 1e6 };
    },
  };
}

/** This (the host's) thread's CPU time so far, ms, from /proc (Linux); undefined elsewhere. */
export function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100;

export async function hostSteps(workerPath: string, layers = 20_000, nodes = 1_000): Promise<HostStepsResult> {
  const text = spec(layers);
  const dir = mkdtempSync(join(tmpdir(), 'snn-host-'));
  const onnxPath = join(dir, 'big.onnx');
  writeFileSync(onnxPath, model(nodes));
  const host: Record<string, number> = {};
  const worker: Record<string, number> = {};
  const archText = readFileSync(join(__dirname, '../data/architectures/spatial-dataflow.arch.json'), 'utf8')
    .replace('"spatial-dataflow"', '"my-sda"')
    .replace('{', `{${' '.repeat(8 * 2 ** 20)}`);
  const archBytes = new TextEncoder().encode(archText);
  const layersOf = Array.from({ length: layers }, (_, i) => ({ name: `c${i}`, spikeRate: 0.05 }));
  const recordBytes = new TextEncoder().encode(JSON.stringify({ sha256: '0', layers: layersOf }, null, 2));
  const client = new ModelClient({ workerPath, log: () => {}, onRestart: () => {} });
  // the probes run through every step, waits included
  const probe = hostProbe();
  /**
   * One request: its post timed on the host; its answer's receipt (the message's deserialization, then the
   * resolution) is what the drift probe and the histogram see while the host waits, with nothing else to do.
   */
  const step = async <T extends ModelRequestType>(label: string, req: RequestOf<T>) => {
    const t0 = performance.now();
    const pending = client.request(req);
    host[`${label}: post`] = performance.now() - t0;
    const a: Answer<T> = await pending;
    if (!a.ok) throw new Error(`${label}: ${a.error}`);
    worker[label] = a.ms;
    return a.value;
  };
  try {
    await step('inputs', { type: 'setInputs', architectures: BUILTIN_ARCHITECTURES, options: OPTIONS, view: VIEW });
    const key = 'file:///w/big.layers.json';
    const put = await step('spec', {
      type: 'putSpec',
      key,
      path: '/w/big.layers.json',
      text,
      docVersion: 1,
      maxBytes: 50 * 2 ** 20,
      raiseWith: 'a setting',
      view: VIEW,
    });
    if (!put.digest) throw new Error(`the spec did not analyze: ${put.diagnostics[0]?.message}`);
    const other = { ...VIEW, selected: 'memory-hierarchy' };
    await step('pick: diagnostics', { type: 'diagnostics', view: other });
    const panel = await step('panel', { type: 'panel', key, file: 'big.layers.json', selected: VIEW.selected });
    const t2 = performance.now();
    handOff({ type: 'encoded', bytes: panel! });
    host['panel: hand-off to the webview'] = performance.now() - t2;
    await step('hover', { type: 'hover', key, offset: text.indexOf('"c19998"') + 2, selected: VIEW.selected });
    await step('code actions (text posted)', {
      type: 'codeActions',
      key,
      docVersion: 2,
      text,
      editable: true,
      isSpec: true,
      onlyFixAll: false,
      diagnostics: put.digest.diagnostics
        .slice(0, 20)
        .map((d) => ({ code: d.code, message: d.message, start: d.range?.start ?? 0 })),
    });
    const onnxKey = `file://${onnxPath}`;
    await step('onnx', {
      type: 'putOnnx',
      key: onnxKey,
      path: onnxPath,
      maxBytes: 2 ** 30,
      raiseWith: 'a setting',
      view: VIEW,
    });
    const view = await step('onnx view', { type: 'onnxView', key: onnxKey, file: onnxPath, selected: VIEW.selected });
    const t3 = performance.now();
    handOff({ type: 'encoded', bytes: view! });
    host['onnx view: hand-off to the webview'] = performance.now() - t3;
    await step('onnx text view', { type: 'onnxText', key: onnxKey });
    await step('export (json, written by the worker)', {
      type: 'export',
      key,
      format: 'json',
      source: 'big.layers.json',
      toolVersion: '0',
      target: join(dir, 'big.energy.json'),
    });
    // an 8 MB custom architecture: a file's bytes (moved), and an open document's text (posted in parts)
    const archFile = await step('architecture file', {
      type: 'parseArchitecture',
      text: archBytes,
      taken: ['spatial-dataflow'],
    });
    const archDoc = await step('architecture document', { type: 'parseArchitecture', text: archText, taken: [] });
    for (const r of [archFile, archDoc])
      if (!r.value) throw new Error(`the architecture did not parse: ${r.problems[0]?.message}`);
    const record = await step('measurements file', { type: 'parseRecord', text: recordBytes });
    if (record.rates !== layers) throw new Error(`the measurements file gave ${record.rates} rates`);
    await new Promise((r) => setTimeout(r, 20)); // one more probe tick after the last answer
    return {
      host,
      worker,
      ...probe.stop(),
      diagnostics: put.digest.diagnostics.length,
      diagnosticsTotal: put.digest.diagnosticsTotal,
      panelBytes: panel?.length ?? 0,
      onnxViewBytes: view?.length ?? 0,
    };
  } finally {
    probe.stop();
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
