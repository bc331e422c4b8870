import type {
  ActionSpec,
  Architecture,
  BitWidthRef,
  ComponentKind,
  EnergyComponent,
  FetchRule,
  QnnAction,
  SnnAction,
} from './architecture';
import { QNN_ACTIONS, SNN_ACTIONS } from './architecture';
import { activationBits, theorem2Factor } from './theorems';

/** Energy of one occurrence of an action, in pJ, split by component kind. */
export interface ActionEnergy {
  readonly total: number;
  readonly compute: number;
  readonly memory: number;
  readonly movement: number;
}

export interface ActionTable {
  readonly qnn: Readonly<Record<QnnAction, ActionEnergy>>;
  readonly snn: Readonly<Record<SnnAction, ActionEnergy>>;
  /** Weight fetches per inference, per weight. */
  readonly qnnFetches: number;
  readonly snnFetches: number;
  /** The bit widths and hops this table was built with. */
  readonly bits: Readonly<Record<BitWidthRef, number>>;
  readonly hops: number;
  /**
   * Energy of one dense delivery (`denseDelivery`, per synapse per timestep) when the architecture lets the
   * SNN take the dense dataflow; Infinity when it does not (snnDataflow `sparse`), so the sparse one is kept.
   */
  readonly denseDelivery: number;
}

export interface EnergyContext {
  readonly timesteps: number;
  readonly weightBits: number;
}

const ZERO: ActionEnergy = { total: 0, compute: 0, memory: 0, movement: 0 };

/** ASSUMPTION defaults when an architecture does not give them (documented in docs/energy-model.md). */
export const DEFAULT_MEMBRANE_BITS = 16;
export const DEFAULT_EVENT_BITS = 1;

/** Per-action energies of an architecture for T timesteps and w-bit weights. */
export function actionTable(arch: Architecture, ctx: EnergyContext): ActionTable {
  const p = arch.parameters;
  const bits: Record<BitWidthRef, number> = {
    weight: ctx.weightBits,
    activation: activationBits(ctx.timesteps),
    membrane: p.membraneBits?.value ?? DEFAULT_MEMBRANE_BITS,
    event: p.eventBits?.value ?? DEFAULT_EVENT_BITS,
  };
  const hops = p.hops?.value ?? 1;
  const one = (spec: ActionSpec | undefined) => actionEnergy(spec, bits, hops);
  const qnn = Object.fromEntries(QNN_ACTIONS.map((a) => [a, one(arch.qnn[a])])) as Record<QnnAction, ActionEnergy>;
  const snn = Object.fromEntries(SNN_ACTIONS.map((a) => [a, one(arch.snn[a])])) as Record<SnnAction, ActionEnergy>;
  // The analog first layer of an SNN does the QNN's dense synaptic work (its MACs and their operand
  // delivery at density 1) unless the architecture says otherwise.
  if (!arch.snn.inputOp) snn.inputOp = sum(qnn.synapticOp, qnn.activationDelivery);
  return {
    qnn,
    snn,
    qnnFetches: fetchesPerInference(arch.qnn.weightFetch?.fetches ?? 'once', ctx.timesteps),
    snnFetches: fetchesPerInference(arch.snn.weightFetch?.fetches ?? 'once', ctx.timesteps),
    bits,
    hops,
    denseDelivery: arch.snnDataflow === 'sparse-or-dense' ? snn.denseDelivery.total : Infinity,
  };
}

function sum(a: ActionEnergy, b: ActionEnergy): ActionEnergy {
  return {
    total: a.total + b.total,
    compute: a.compute + b.compute,
    memory: a.memory + b.memory,
    movement: a.movement + b.movement,
  };
}

export function fetchesPerInference(rule: FetchRule, T: number): number {
  switch (rule) {
    case 'once':
      return 1;
    case 'per-timestep':
      return T;
    case 'yan-v1':
      return theorem2Factor(T);
  }
}

function actionEnergy(spec: ActionSpec | undefined, bits: Record<BitWidthRef, number>, hops: number): ActionEnergy {
  if (!spec) return ZERO;
  const e = { total: 0, compute: 0, memory: 0, movement: 0 };
  for (const c of spec.components) {
    const pj = componentEnergy(c, bits, hops);
    e.total += pj;
    e[c.kind satisfies ComponentKind] += pj;
  }
  return e;
}

/** One component's energy per action occurrence, pJ. */
export function componentEnergy(c: EnergyComponent, bits: Record<BitWidthRef, number>, hops: number): number {
  const one = (b: BitWidthRef | number) => (typeof b === 'number' ? b : bits[b]);
  const width =
    c.bits === undefined
      ? 0
      : Array.isArray(c.bits)
        ? c.bits.reduce((p: number, b) => p * one(b), 1)
        : one(c.bits as BitWidthRef | number);
  const perOccurrence = (c.pJ ?? 0) + (c.pJPerBit ?? 0) * width;
  return (c.count ?? 1) * perOccurrence * (c.perHop ? hops : 1);
}
