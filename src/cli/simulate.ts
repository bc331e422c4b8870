// TEMPORARY until the simulator lands (same session): replaced by the real glue.
import type { MeasuredActivity } from '../core/analysis/types';
import type { CommonOptions } from './args';
import { InputError } from './load';
export async function runSimulateCommand(_opts: CommonOptions): Promise<number> {
  throw new InputError('simulate is not wired yet');
}
export async function simulateForReport(
  _f: string,
  _o: CommonOptions,
  m?: Map<string, MeasuredActivity>,
): Promise<Map<string, MeasuredActivity> | undefined> {
  return m;
}
