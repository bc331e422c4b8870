import type { Network } from '../model/ir';
import { isWeighted } from '../model/ir';
import { count } from '../units';
import type { Coverage, CoverageLoss, Finding } from './types';

/** The coverage of an analysis of `net`. */
export function coverageOf(net: Network): Coverage {
  let accounted = 0;
  let known = 0;
  let notCosted = 0;
  let firstLoss: CoverageLoss | undefined;
  for (const l of net.layers) {
    const syn = l.counts?.synapses;
    const finite = syn !== undefined && Number.isFinite(syn) && Number.isFinite(l.counts!.weights);
    if (isWeighted(l) && finite && !l.notCosted) {
      accounted += syn;
      continue;
    }
    const reason =
      l.notCosted ??
      (isWeighted(l) && l.counts && !finite
        ? `${l.op} ${l.name}: its counts are not finite numbers`
        : isWeighted(l)
          ? `${l.op} ${l.name}: not costed`
          : undefined);
    if (!reason) continue;
    if (finite) known += syn;
    notCosted++;
    firstLoss ??= { layer: l.name, nodeIndex: l.nodeIndex, range: l.nameRange ?? l.range, reason };
  }
  const error = net.problems.find((p) => p.severity === 'error');
  if (error) {
    const layer = error.layer ? net.layers.find((l) => l.name === error.layer) : undefined;
    firstLoss = {
      layer: error.layer,
      nodeIndex: layer?.nodeIndex,
      range: error.range,
      reason: `the ${net.format === 'layer-spec' ? 'spec' : 'model'} has errors; the first: ${error.message}`,
    };
  }
  const complete = !firstLoss;
  const text = `accounted compute: ${count(accounted)} of ${count(accounted + known)} known MACs; ${notCosted} node${notCosted === 1 ? '' : 's'} not costed`;
  return {
    accountedMacs: accounted,
    knownMacs: accounted + known,
    notCosted,
    complete,
    firstLoss,
    text,
    batchRule: net.batchRule,
  };
}

/** The one error-level `incomplete-model` finding (a warning when the user allows a partial verdict). */
export function incompleteFinding(c: Coverage, allowIncomplete: boolean): Finding | undefined {
  if (c.complete || !c.firstLoss) return undefined;
  const l = c.firstLoss;
  return {
    code: 'incomplete-model',
    severity: allowIncomplete ? 'warning' : 'error',
    layer: l.layer,
    message:
      `${allowIncomplete ? 'verdict on the accounted part only' : 'no verdict'}: ${l.reason} (${c.text})` +
      (allowIncomplete ? '' : '; fix the model or pass --allow-incomplete for a verdict on the accounted part'),
    ...(l.range ? { range: l.range } : {}),
    ...(l.nodeIndex !== undefined ? { nodeIndex: l.nodeIndex } : {}),
  };
}

/** Status text for a withheld verdict: "incomplete: <why>". */
export function withheldText(c: Coverage): string {
  return `incomplete: ${c.firstLoss?.reason ?? 'not every node is costed'}`;
}
