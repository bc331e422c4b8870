import type { LineColumn } from './line-index';

/** What a formatter needs besides the analysis: where the model came from. */
export interface ReportContext {
  /** Path or URI of the model as the user named it (relative paths stay relative). */
  readonly source: string;
  /** Offsets → line/column in the model's text (layer specs); absent for binary models. */
  readonly position?: (offset: number) => LineColumn;
  readonly toolVersion: string;
}

export const TOOL_NAME = 'snn-energy-lint';
export const INFORMATION_URI = 'https://github.com/snn-energy-lint/snn-energy-lint';
export const RULES_BASE_URI = `${INFORMATION_URI}/blob/main/docs/rules/`;
