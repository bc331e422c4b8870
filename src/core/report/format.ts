import type { Analysis } from '../analysis/types';
import type { Network } from '../model/ir';
import type { ReportContext } from './context';
import { csvReport } from './csv';
import { jsonReport } from './json';
import { markdownReport } from './markdown';
import { netronAttachment } from './netron';
import { sarifReport } from './sarif';
import { tableReport } from './table';
import { stripControl } from './sanitize';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'markdown', 'sarif', 'netron'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Every report format, as text. The CLI and the editor's "Export report" both call this. */
export function formatReport(a: Analysis, net: Network, format: ReportFormat, ctx: ReportContext): string {
  switch (format) {
    case 'table':
      // names and messages may hold ESC sequences or bidi overrides: none reaches a terminal
      return stripControl(tableReport(a, ctx));
    case 'json':
      return JSON.stringify(jsonReport(a, ctx), null, 2) + '\n';
    case 'csv':
      return csvReport(a);
    case 'markdown':
      return stripControl(markdownReport(a, ctx));
    case 'sarif':
      return JSON.stringify(sarifReport(a, ctx), null, 2) + '\n';
    case 'netron':
      return JSON.stringify(netronAttachment(a, net), null, 2) + '\n';
  }
}
