import { writeFileSync } from 'node:fs';
import pkg from '../../package.json';
import { analyze } from '../core/analysis/analyze';
import { resultFault } from '../core/analysis/guard';
import { stripControl } from '../core/report/sanitize';
import type { Analysis } from '../core/analysis/types';
import type { Severity } from '../core/model/ir';
import { formatReport } from '../core/report/format';
import { sarifReport } from '../core/report/sarif';
import { jsonReport } from '../core/report/json';
import type { ReportContext } from '../core/report/context';
import { parseCommandLine, UsageError, type CommonOptions } from './args';
import { InputError, loadArchitectures, loadMeasurements, loadModel, textLimit, type LoadedModel } from './load';
import { USAGE } from './usage';
import { runSimulateCommand, simulateForReport } from './simulate';

/** Errors printed per file; a broken file with 200,000 layers does not need 200,000 lines. */
const MAX_PRINTED = 50;

/**
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad usage, unreadable input or an incomplete
 * model (no verdict; --allow-incomplete gives the verdict on the accounted part).
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  if (command !== 'report' && command !== 'lint' && command !== 'simulate')
    throw new UsageError(`unknown command "${command}": use report, lint or simulate (snn-energy --help)`);
  const opts = parseCommandLine(rest, command);
  if (opts.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!opts.files.length)
    throw new UsageError(`${command} needs a file: snn-energy ${command} model.onnx (or spec.layers.json)`);
  if (command === 'simulate') return runSimulateCommand(opts);
  return runReport(command, opts);
}

async function runReport(command: 'report' | 'lint', opts: CommonOptions): Promise<number> {
  if (opts.files.length > 1 && (opts.format === 'netron' || opts.format === 'json'))
    throw new UsageError(`--format ${opts.format} takes one model at a time`);
  const archs = await loadArchitectures(opts.archs, textLimit(opts));
  const fileMeasured = await loadMeasurements(opts.measurements, textLimit(opts));
  const results: { model: LoadedModel; analysis: Analysis; ctx: ReportContext }[] = [];
  let invalid = false;
  for (const file of opts.files) {
    const model = await loadModel(file, opts);
    const errors = model.problems.filter((p) => p.severity === 'error');
    if (errors.length || !model.network) {
      invalid = true;
      const shown = errors.length ? errors : model.problems;
      for (const p of shown.slice(0, MAX_PRINTED)) process.stderr.write(located(model, p) + '\n');
      if (shown.length > MAX_PRINTED)
        process.stderr.write(`${model.path}: … and ${shown.length - MAX_PRINTED} more errors\n`);
      continue;
    }
    const measured = opts.simulate ? await simulateForReport(file, opts, fileMeasured) : fileMeasured;
    const analysis = analyze(model.network, archs, {
      timesteps: opts.timesteps,
      weightBits: opts.weightBits,
      defaultSpikeRate: opts.spikeRate,
      view: opts.view,
      nearMargin: opts.margin,
      measured,
      allowIncomplete: opts.allowIncomplete,
      // compiler-style lint output and SARIF need no T sweep
      detail: command === 'lint' && opts.format !== 'json' ? 'lint' : 'full',
    });
    const fault = resultFault(analysis);
    if (fault) {
      invalid = true;
      process.stderr.write(located(model, fault) + '\n');
      continue;
    }
    results.push({ model, analysis, ctx: { source: file, position: model.position, toolVersion: pkg.version } });
  }
  if (invalid) return 2;
  const text = render(command, opts, results);
  if (opts.output) writeFileSync(opts.output, text);
  else process.stdout.write(text);
  if (results.some((r) => r.analysis.verdictWithheld)) return 2;
  const worst = results.flatMap((r) => r.analysis.findings).reduce((w, f) => Math.max(w, rank(f.severity)), 0);
  return opts.failOn !== 'never' && worst >= rank(opts.failOn) ? 1 : 0;
}

function render(
  command: 'report' | 'lint',
  opts: CommonOptions,
  results: { model: LoadedModel; analysis: Analysis; ctx: ReportContext }[],
): string {
  if (opts.format === 'sarif' && results.length > 1) {
    const logs = results.map((r) => sarifReport(r.analysis, r.ctx));
    return JSON.stringify({ ...logs[0], runs: logs.flatMap((l) => l.runs) }, null, 2) + '\n';
  }
  if (opts.format === 'json') return JSON.stringify(jsonReport(results[0].analysis, results[0].ctx), null, 2) + '\n';
  if (command === 'lint' && opts.format === 'table') return stripControl(results.map((r) => lintText(r)).join(''));
  // table and Markdown strip control characters, CSV neutralises each cell, JSON/SARIF/Netron escape them
  return results.map((r) => formatReport(r.analysis, r.model.network!, opts.format, r.ctx)).join('\n');
}

/** `lint` in a terminal: one compiler-style line per finding, then a count. */
function lintText(r: { model: LoadedModel; analysis: Analysis }): string {
  const lines = r.analysis.findings.map((f) => located(r.model, f, f.architecture));
  const n = r.analysis.findings.length;
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${r.model.path}: ${n} finding${n === 1 ? '' : 's'}\n`;
}

function located(
  model: LoadedModel,
  p: { severity: Severity; code: string; message: string; range?: { start: number }; layer?: string },
  arch?: string,
): string {
  const at = p.range && model.position ? model.position(p.range.start) : undefined;
  const where = at ? `${model.path}:${at.line}:${at.column}` : `${model.path}${p.layer ? ` (${p.layer})` : ''}`;
  return stripControl(`${where}: ${p.severity} ${p.code}${arch ? ` [${arch}]` : ''}: ${p.message}`);
}

function rank(s: Severity | 'never'): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : s === 'information' ? 1 : 99;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof InputError) {
      process.stderr.write(`snn-energy: ${stripControl(e.message)}\n`);
      if (e instanceof UsageError) process.stderr.write('Try: snn-energy --help\n');
    } else process.stderr.write(`snn-energy: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
