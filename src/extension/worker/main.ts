// The model worker (dist/model-worker.js): parses, reads ONNX files, analyzes and keeps every model, off the
// extension host's thread. It answers the host's requests in order (protocol.ts); an error is a value.
import { parentPort } from 'node:worker_threads';
import { WorkerModels } from './models';
import type { WorkerInbound, WorkerOutbound } from './protocol';

const port = parentPort;
if (!port) throw new Error('model-worker.js runs as a worker thread');
const models = new WorkerModels((message) =>
  port.postMessage({ id: -1, ok: false, error: message } satisfies WorkerOutbound),
);

/** The parts of long texts, by request id, until their request comes. */
const parts = new Map<number, string[]>();

port.on('message', (m: WorkerInbound) => {
  const { id } = m;
  if ('part' in m) return void (parts.get(id) ?? parts.set(id, []).get(id)!).push(m.part);
  const request = m.parts ? ({ ...m.request, text: (parts.get(id) ?? []).join('') } as typeof m.request) : m.request;
  parts.delete(id);
  const t0 = performance.now();
  let out: WorkerOutbound;
  try {
    out = { id, ok: true, value: models.handle(request), ms: performance.now() - t0 };
  } catch (e) {
    out = { id, ok: false, error: (e as Error).stack ?? String(e) };
  }
  // big answers are bytes: moved to the host, never copied
  const value = out.ok ? (out.value as { data?: unknown } | undefined) : undefined;
  const bytes = value instanceof Uint8Array ? value : value?.data instanceof Uint8Array ? value.data : undefined;
  port.postMessage(out, bytes ? [bytes.buffer as ArrayBuffer] : []);
});
