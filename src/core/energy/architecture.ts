/**
 * Architecture documents (data/architectures/*.arch.json, user *.arch.json): the energy of each
 * action, built from components that each name their source (energy-model.md §2–3).
 */

/** What a component's energy is spent on: the compute-only view keeps only `compute`. */
export type ComponentKind = 'compute' | 'memory' | 'movement';

/** Which bit width a per-bit energy scales with. */
export type BitWidthRef = 'weight' | 'activation' | 'membrane' | 'event';

export interface EnergyComponent {
  readonly label: string;
  readonly kind: ComponentKind;
  /** Energy per occurrence, pJ. */
  readonly pJ?: number;
  /** Energy per bit, pJ; multiplied by `bits`. */
  readonly pJPerBit?: number;
  /** Bit width for pJPerBit: a named width, a number, or a list whose product is used (a w×b-bit multiplier). */
  readonly bits?: BitWidthRef | number | readonly (BitWidthRef | number)[];
  /** Occurrences per action (default 1). */
  readonly count?: number;
  /** Multiplied by the architecture's average hops per event. */
  readonly perHop?: boolean;
  /** Key into the document's `sources`. */
  readonly source: string;
  readonly note?: string;
}

/** How many times each weight is fetched per inference. `yan-v1` is the paper's 2T/(T+1). */
export type FetchRule = 'once' | 'per-timestep' | 'yan-v1';

export interface ActionSpec {
  readonly components: readonly EnergyComponent[];
  readonly fetches?: FetchRule;
  readonly note?: string;
}

export const QNN_ACTIONS = [
  'synapticOp',
  'activationDelivery',
  'weightFetch',
  'neuronUpdate',
  'activationMove',
  'elementwise',
] as const;
export const SNN_ACTIONS = [
  'inputOp',
  'synapticOp',
  'spikeDelivery',
  'denseDelivery',
  'weightFetch',
  'neuronUpdate',
  'outputSpike',
  'spikeMove',
  'elementwise',
] as const;
export type QnnAction = (typeof QNN_ACTIONS)[number];
export type SnnAction = (typeof SNN_ACTIONS)[number];

export interface Parameter {
  readonly value: number;
  readonly source: string;
  readonly assumption?: string;
}

export interface ArchitectureParameters {
  /** ρ: ANN activation density when nothing was measured; absent → Theorem 2's average case. */
  readonly annDensity?: Parameter;
  /** Average network-on-chip hops per event / activation. */
  readonly hops?: Parameter;
  /** Bits of a membrane potential. */
  readonly membraneBits?: Parameter;
  /** Bits of a spike event on the network (ℓ). */
  readonly eventBits?: Parameter;
}

/**
 * The SNN's dataflow: `sparse` delivers a synapse's operands per input spike (event-driven); `sparse-or-dense`
 * lets each layer take the cheaper of that and the dense dataflow (`denseDelivery` every synapse every timestep).
 */
export type SnnDataflow = 'sparse' | 'sparse-or-dense';

export interface ArchitectureVariant {
  readonly name: string;
  readonly description?: string;
  readonly provenance?: string;
  readonly snnDataflow?: SnnDataflow;
  readonly parameters?: ArchitectureParameters;
  readonly qnn?: Partial<Record<QnnAction, ActionSpec>>;
  readonly snn?: Partial<Record<SnnAction, ActionSpec>>;
}

export interface ArchitectureDocument {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  readonly description: string;
  readonly technology?: string;
  /** One line on where the numbers come from and how close they are to it, shown in hovers and the panel. */
  readonly provenance?: string;
  /** Default `sparse`. */
  readonly snnDataflow?: SnnDataflow;
  readonly sources: Readonly<Record<string, string>>;
  readonly assumptions?: readonly string[];
  readonly parameters: ArchitectureParameters;
  readonly qnn: Partial<Record<QnnAction, ActionSpec>>;
  readonly snn: Partial<Record<SnnAction, ActionSpec>>;
  readonly variants?: Readonly<Record<string, ArchitectureVariant>>;
}

/** One selectable architecture: a document, or a document with one variant applied. */
export interface Architecture {
  /** `memory-hierarchy`, or `neuromorphic:theoretical-minimum` for a variant. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly document: ArchitectureDocument;
  /** The document's (or the variant's) provenance line, if it has one. */
  readonly provenance?: string;
  readonly snnDataflow: SnnDataflow;
  readonly parameters: ArchitectureParameters;
  readonly qnn: Partial<Record<QnnAction, ActionSpec>>;
  readonly snn: Partial<Record<SnnAction, ActionSpec>>;
}

/** Every selectable architecture of a document: itself, then each variant as `<id>:<variant>`. */
export function architecturesOf(doc: ArchitectureDocument): Architecture[] {
  const base: Architecture = {
    id: doc.id,
    name: doc.name,
    description: doc.description,
    document: doc,
    provenance: doc.provenance,
    snnDataflow: doc.snnDataflow ?? 'sparse',
    parameters: doc.parameters,
    qnn: doc.qnn,
    snn: doc.snn,
  };
  const variants = Object.entries(doc.variants ?? {}).map(([key, v]): Architecture => ({
    id: `${doc.id}:${key}`,
    name: v.name,
    description: v.description ?? doc.description,
    document: doc,
    provenance: v.provenance ?? doc.provenance,
    snnDataflow: v.snnDataflow ?? doc.snnDataflow ?? 'sparse',
    parameters: { ...doc.parameters, ...v.parameters },
    qnn: { ...doc.qnn, ...v.qnn },
    snn: { ...doc.snn, ...v.snn },
  }));
  return [base, ...variants];
}
