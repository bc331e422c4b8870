/** Chart.js set-up for the panel: the registered parts, the theme's colours, shared options and tick labels. */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartOptions,
  type Scale,
} from 'chart.js';
import { percent } from '../../../src/core/units';
import { energyTick } from './derive';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
);

const cssVar = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/** The theme's colours, read when a chart is drawn (the panel redraws on a theme change). */
export function theme() {
  const fg = cssVar('--vscode-foreground', '#cccccc');
  Chart.defaults.color = fg;
  Chart.defaults.borderColor = cssVar('--vscode-charts-lines', 'rgba(128,128,128,0.35)');
  Chart.defaults.font.family = cssVar('--vscode-font-family', 'sans-serif');
  Chart.defaults.font.size = 12;
  return {
    fg,
    qnn: cssVar('--vscode-charts-orange', '#d18616'),
    snn: cssVar('--vscode-charts-blue', '#3794ff'),
    even: cssVar('--vscode-charts-red', '#f14c4c'),
    win: cssVar('--vscode-charts-green', '#89d185'),
    focus: cssVar('--vscode-focusBorder', '#0078d4'),
    series: ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple']
      .map((v, i) => cssVar(v, ['#3794ff', '#d18616', '#89d185', '#b180d7'][i]))
      .concat([cssVar('--vscode-charts-yellow', '#cca700'), cssVar('--vscode-charts-red', '#f14c4c')]),
  };
}

/** `#rrggbb` / `#rgb` with an alpha; other colour syntaxes unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export function base(): ChartOptions {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } } },
  };
}

/** Ticks in the unit of the axis's largest value ("200 µJ"), never "2.0e+2 µJ". */
export function energyTicks(this: Scale, v: number | string): string {
  return energyTick(Number(v), Math.max(Math.abs(this.max), Math.abs(this.min)));
}
export const rateTick = (v: number | string) => percent(Number(v), 0);
