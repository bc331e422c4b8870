import { Worker } from 'node:worker_threads';
import type {
  ModelRequest,
  ModelRequestType,
  ModelResponses,
  RequestOf,
  WorkerInbound,
  WorkerOutbound,
} from './protocol';

/** A request's answer: its value (and the worker's time on it), or why there is none. */
export type Answer<T extends ModelRequestType> =
  | { readonly ok: true; readonly value: ModelResponses[T]; readonly ms: number }
  | { readonly ok: false; readonly error: string };

export interface ModelClientOptions {
  /** dist/model-worker.js. */
  readonly workerPath: string;
  /** The worker's log lines (an analysis bug, a parser failure). */
  readonly log: (message: string) => void;
  /** The worker died and a new one started: every model must be put again. */
  readonly onRestart: (reason: string) => void;
}

/** Restarts allowed per minute before the worker is left stopped (a model that kills it every time). */
const MAX_RESTARTS = 5;

/**
 * A text longer than this crosses to the worker in parts, with the host's event loop free between them:
 * posting a string costs the host ~6-15 ms per MB (a 16 MB spec at once held it for 100-250 ms here).
 */
export const PART_CHARS = 2 ** 19;

/**
 * The host side of the model worker (no vscode: unit-tested with the real worker). Requests are posted
 * with ids, in order, and answered in order; nothing big crosses the thread boundary except the text the
 * host posts (in parts when long) and the strings it asks for; bytes are moved, not copied. A dead worker
 * answers its pending requests with an error and is restarted with the last analysis inputs; the owner then
 * puts its models again.
 */
export class ModelClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (a: Answer<ModelRequestType>) => void>();
  private inputs: RequestOf<'setInputs'> | undefined;
  private restarts: number[] = [];
  private stopped: string | undefined;
  private disposed = false;
  /** Requests waiting for a long text before them to be posted (order is kept). */
  private readonly outbox: { readonly id: number; readonly req: ModelRequest }[] = [];
  private posting = false;

  constructor(private readonly options: ModelClientOptions) {
    this.start();
  }

  request<T extends ModelRequestType>(req: RequestOf<T>): Promise<Answer<T>> {
    if (req.type === 'setInputs') this.inputs = req as RequestOf<'setInputs'>;
    if (this.stopped || !this.worker)
      return Promise.resolve({ ok: false, error: this.stopped ?? 'the model worker is closed' });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (a: Answer<ModelRequestType>) => void);
      this.outbox.push({ id, req });
      if (!this.posting) void this.post();
    });
  }

  /** Posts the outbox in order: a short request at once, a long text in parts between event-loop turns. */
  private async post(): Promise<void> {
    this.posting = true;
    try {
      for (let next = this.outbox.shift(); next; next = this.outbox.shift()) {
        const { id, req } = next;
        const w = this.worker;
        if (!w) continue; // its answer was an error when the worker died
        const text = 'text' in req && typeof req.text === 'string' ? req.text : '';
        if (text.length <= PART_CHARS) {
          w.postMessage({ id, request: req } satisfies WorkerInbound, transferable(req));
          continue;
        }
        for (let at = 0; at < text.length && this.worker === w; at += PART_CHARS) {
          w.postMessage({ id, part: text.slice(at, at + PART_CHARS) } satisfies WorkerInbound);
          await new Promise((r) => setImmediate(r));
        }
        if (this.worker === w)
          w.postMessage({ id, request: { ...req, text: '' } as ModelRequest, parts: true } satisfies WorkerInbound);
      }
    } finally {
      this.posting = false;
    }
  }

  /** Requests not answered yet. */
  get busy(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.disposed = true;
    void this.worker?.terminate();
    this.worker = undefined;
    this.fail('the model worker is closed');
  }

  private start(): void {
    const w = new Worker(this.options.workerPath);
    this.worker = w;
    w.on('message', (m: WorkerOutbound) => {
      if (m.id === -1) {
        if (!m.ok) this.options.log(m.error);
        return;
      }
      const resolve = this.pending.get(m.id);
      this.pending.delete(m.id);
      resolve?.(m.ok ? { ok: true, value: m.value as never, ms: m.ms } : { ok: false, error: m.error });
    });
    w.on('error', (e) => this.died(w, `the model worker failed: ${e.message}`));
    w.on('exit', (code) => this.died(w, `the model worker stopped (exit code ${code})`));
  }

  private died(w: Worker, reason: string): void {
    if (this.worker !== w || this.disposed) return;
    this.worker = undefined;
    this.options.log(reason);
    this.fail(`${reason}; it was restarted`);
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < 60_000), now];
    if (this.restarts.length > MAX_RESTARTS) {
      this.stopped = `${reason} ${MAX_RESTARTS} times within a minute: no analysis until the window reloads`;
      this.options.log(this.stopped);
      return;
    }
    this.start();
    if (this.inputs) void this.request(this.inputs);
    this.options.onRestart(reason);
  }

  private fail(error: string): void {
    this.outbox.length = 0;
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of all) resolve({ ok: false, error });
  }
}

/** A request's bytes (an ONNX file's, a file read for parsing), moved to the worker when they own their buffer. */
function transferable(req: ModelRequest): ArrayBuffer[] {
  return Object.values(req)
    .filter((v): v is Uint8Array => v instanceof Uint8Array)
    .filter((v) => v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer)
    .map((v) => v.buffer as ArrayBuffer);
}
