import { writeFileSync } from 'node:fs';
import type { MeasuredActivity } from '../core/analysis/types';
import {
  describeProgress,
  formatSimulationTable,
  measuredActivity,
  simulateFile,
  simulationJson,
  type SimulateOptions,
  type SimulationProgress,
} from '../node/simulate';
import type { CommonOptions } from './args';
import { InputError } from './load';
import { stripControl } from '../core/report/sanitize';

function options(o: CommonOptions): SimulateOptions {
  return {
    input: o.sim.input,
    randomInputs: o.sim.input ? undefined : (o.sim.randomInputs ?? 16),
    calibration: o.sim.calibration,
    timesteps: o.sim.timesteps,
    thresholdPercentile: o.sim.thresholdPercentile,
    vInit: o.sim.vInit,
    encoding: o.sim.encoding,
    seed: o.sim.seed,
    threads: o.sim.threads,
    memoryBudgetMB: o.sim.memoryBudgetMB,
    maxBinaryBytes: o.maxBinaryBytes,
    maxTextBytes: o.maxTextBytes,
  };
}

async function run(file: string, o: CommonOptions) {
  if (!file.toLowerCase().endsWith('.onnx'))
    throw new InputError(`${file}: the simulator needs an ONNX model with weights`);
  const progress = process.stderr.isTTY
    ? (p: SimulationProgress) =>
        process.stderr.write(`\r\x1b[K${describeProgress(p)}`.slice(0, process.stderr.columns + 4))
    : undefined;
  const r = await simulateFile(file, options(o), { onProgress: progress });
  if (progress) process.stderr.write('\r\x1b[K');
  if ('error' in r) throw new InputError(`${file}: ${r.error}`);
  return r;
}

/** `snn-energy simulate model.onnx …`: measured spike rates as a table or JSON. */
export async function runSimulateCommand(o: CommonOptions): Promise<number> {
  const r = await run(o.files[0], o);
  const text =
    o.format === 'json' ? JSON.stringify(simulationJson(r), null, 2) + '\n' : stripControl(formatSimulationTable(r));
  if (o.output) writeFileSync(o.output, text);
  else process.stdout.write(text);
  return 0;
}

/** `report --simulate`: measure first, then lint with the measured rates (declared rates still win). */
export async function simulateForReport(
  file: string,
  o: CommonOptions,
  fromFile?: Map<string, MeasuredActivity>,
): Promise<Map<string, MeasuredActivity>> {
  const r = await run(file, o);
  return new Map([...measuredActivity(r), ...(fromFile ?? [])]);
}
