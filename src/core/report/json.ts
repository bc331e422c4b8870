import type { Analysis, ArchitectureResult, Finding, LayerResult } from '../analysis/types';
import type { ReportContext } from './context';
import { TOOL_NAME } from './context';
import { locate } from './line-index';
import { findingData } from '../analysis/findings';

/** Version of the JSON report's shape (schemas/report.schema.json). Bump the major on breaking changes. */
export const REPORT_VERSION = '1.2.0';

/** The documented, versioned JSON report (`--format json`). */
export function jsonReport(a: Analysis, ctx: ReportContext) {
  return {
    $schema: 'https://snn-energy-lint.dev/schemas/report.schema.json',
    reportVersion: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: ctx.toolVersion },
    model: {
      name: a.model.name,
      source: ctx.source,
      format: a.model.format,
      layerCount: a.model.layerCount,
      weightedLayerCount: a.model.weightedLayerCount,
      totals: { synapses: a.model.synapses, weights: a.model.weights, neurons: a.model.neurons },
      meanReuse: a.model.meanReuse,
      meanFanIn: a.model.meanFanIn,
      meanSpikeRate: a.model.meanSpikeRate,
    },
    settings: a.settings,
    verdict: a.verdictWithheld ? 'withheld' : a.coverage.complete ? 'given' : 'partial',
    coverage: coverage(a),
    // no verdict for an incomplete model: no energies, ratios or break-even rates at all
    architectures: a.verdictWithheld ? [] : a.architectures.map(architecture),
    findings: a.findings.map((f) => finding(f, ctx)),
  };
}

function coverage(a: Analysis) {
  const c = a.coverage;
  const l = c.firstLoss;
  return {
    accountedMacs: c.accountedMacs,
    knownMacs: c.knownMacs,
    notCostedNodes: c.notCosted,
    complete: c.complete,
    firstLoss: l
      ? { layer: l.layer ?? null, ...(l.nodeIndex !== undefined ? { nodeIndex: l.nodeIndex } : {}), reason: l.reason }
      : null,
    text: c.text,
    ...(c.batchRule ? { batchRule: c.batchRule } : {}),
  };
}

function architecture(r: ArchitectureResult) {
  return {
    id: r.id,
    name: r.name,
    provenance: r.provenance ?? null,
    qnnEnergyJ: r.qnnEnergyJ,
    snnEnergyJ: r.snnEnergyJ,
    ratio: finite(r.ratio),
    elementwise: r.elementwise,
    breakEvenSpikeRate: r.breakEvenSpikeRate,
    breakEven: r.breakEven.kind,
    largestBreakEvenT: r.largestBreakEvenT,
    computeOnly: { ...r.computeOnly, ratio: finite(r.computeOnly.ratio) },
    hybrid: r.hybrid,
    sweep: r.sweep.map((p) => ({ ...p, ratio: finite(p.ratio) })),
    layers: r.layers.map(layer),
  };
}

function layer(l: LayerResult) {
  return {
    name: l.name,
    type: l.type,
    synapses: l.synapses,
    weights: l.weights,
    neurons: l.neurons,
    fanIn: l.fanIn,
    reuse: l.reuse,
    spikeRate: l.spikeRate,
    spikeRateOrigin: l.spikeRateOrigin,
    inputSpikeRate: l.inputSpikeRate ?? null,
    inputSpikeRateOrigin: l.inputSpikeRateOrigin,
    producer: l.producer ?? null,
    annDensity: l.annDensity,
    qnnEnergyJ: l.qnnEnergyJ,
    snnEnergyJ: l.snnEnergyJ,
    ratio: finite(l.ratio),
    computeOnly: { qnnEnergyJ: l.qnnComputeJ, snnEnergyJ: l.snnComputeJ },
    breakEvenSpikeRate: l.breakEvenSpikeRate,
    breakEven: l.breakEven.kind,
    largestBreakEvenT: l.largestBreakEvenT,
    verdict: l.verdict,
    execution: l.execution,
    cheaperAs: l.cheaperAs,
    breakdown: l.breakdown,
    ...(l.approximation ? { approximation: l.approximation } : {}),
  };
}

function finding(f: Finding, ctx: ReportContext) {
  return {
    code: f.code,
    severity: f.severity,
    layer: f.layer ?? null,
    architecture: f.architecture ?? null,
    message: f.message,
    ...(f.range && ctx.position ? { range: locate(f.range, ctx.position) } : {}),
    ...(f.nodeIndex !== undefined ? { nodeIndex: f.nodeIndex } : {}),
    ...(f.data ? { data: findingData(f) } : {}),
  };
}

/** JSON has no Infinity: a ratio over a zero energy is null. */
function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
