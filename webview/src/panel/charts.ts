/** The panel's charts (Chart.js, bundled; no eval, no injected styles), coloured from the VS Code theme. */
import { Chart, type ChartConfiguration, type ChartDataset } from 'chart.js';
import type { PanelArchitecture, PanelData } from '../../../src/shared/protocol';
import { joules, percent, times } from '../../../src/core/units';
import { base, energyTicks, rateTick, theme, withAlpha } from './chart-style';
import { barLayers, hybridSummary, isRoundLogTick, sweepSeries, type CurveView } from './derive';

export function drawBars(
  canvas: HTMLCanvasElement,
  data: PanelData,
  selected: string | undefined,
  onPick: (layer: string) => void,
): Chart {
  const t = theme();
  const { layers } = barLayers(data);
  const labels = layers.map((l) => l.name);
  const datasets: ChartDataset<'bar'>[] = data.actionLabels
    .flatMap((action, i) => [
      {
        label: `QNN ${action}`,
        data: layers.map((l) => l.qnnParts[i]),
        stack: 'QNN',
        backgroundColor: withAlpha(t.series[i], 0.35),
        borderColor: t.series[i],
        borderWidth: 1,
      },
      {
        label: `SNN ${action}`,
        data: layers.map((l) => l.snnParts[i]),
        stack: 'SNN',
        backgroundColor: t.series[i],
        borderColor: t.series[i],
        borderWidth: 1,
      },
    ])
    .filter((ds) => ds.data.some((v) => (v as number) > 0));
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      ...base(),
      indexAxis: 'y',
      scales: {
        x: {
          stacked: true,
          title: { display: true, text: 'energy per inference (upper bar: QNN twin, lower bar: SNN)' },
          ticks: { callback: energyTicks },
        },
        y: {
          stacked: true,
          ticks: {
            autoSkip: false,
            color: (c) => (labels[c.index] === selected ? t.focus : t.fg),
            font: (c) => ({ weight: labels[c.index] === selected ? 'bold' : 'normal' }),
          },
        },
      },
      plugins: {
        ...base().plugins,
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${joules(c.parsed.x ?? 0)}` } },
      },
      // a click or hover anywhere on a layer's row (not only on its bars) picks that layer
      interaction: { mode: 'y', intersect: false },
      onClick: (_e, els) => {
        const i = els[0]?.index;
        if (i !== undefined) onPick(labels[i]);
      },
    },
  } satisfies ChartConfiguration<'bar'>);
}

export function drawCurve(canvas: HTMLCanvasElement, v: CurveView, onPick: (layer: string) => void): Chart {
  const t = theme();
  const top = Math.max(
    ...v.qnn
      .concat(v.snn)
      .filter((p) => p.x <= v.xMax)
      .map((p) => p.y),
    0,
  );
  const datasets: ChartDataset<'line' | 'scatter'>[] = [
    {
      type: 'line',
      label: 'QNN twin',
      data: [...v.qnn],
      borderColor: t.qnn,
      backgroundColor: t.qnn,
      borderDash: [10, 4], // told apart from the SNN line by its dashes too
      borderWidth: 2,
      pointRadius: 0,
    },
    {
      type: 'line',
      label: 'SNN',
      data: [...v.snn],
      borderColor: t.snn,
      backgroundColor: t.snn,
      borderWidth: 2,
      pointRadius: 0,
    },
  ];
  if (v.breakEven !== null)
    datasets.push({
      type: 'line',
      label: `break-even s* = ${v.breakEvenText}`,
      data: [
        { x: v.breakEven, y: 0 },
        { x: v.breakEven, y: top },
      ],
      borderColor: t.even,
      backgroundColor: t.even,
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
    });
  const one = v.markers.length === 1 ? v.markers[0] : undefined;
  datasets.push({
    type: 'scatter',
    label: one ? `${one.name} now` : 'layers (the rate each consumes)',
    data: v.markers.map((m) => ({ x: m.x, y: m.y })),
    borderColor: t.fg,
    backgroundColor: t.snn,
    pointRadius: 5,
    pointHoverRadius: 7,
    borderWidth: 1.5,
  });
  if (one?.qnnY !== undefined)
    datasets.push({
      type: 'scatter',
      label: 'its QNN twin',
      data: [{ x: one.x, y: one.qnnY }],
      borderColor: t.fg,
      backgroundColor: t.qnn,
      pointRadius: 5,
      pointStyle: 'rectRot',
      borderWidth: 1.5,
    });
  const markerDataset = datasets.findIndex((d) => d.type === 'scatter');
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      ...base(),
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: v.xMax,
          title: { display: true, text: v.xLabel },
          ticks: { callback: rateTick },
        },
        y: { min: 0, title: { display: true, text: 'energy per inference' }, ticks: { callback: energyTicks } },
      },
      plugins: {
        ...base().plugins,
        tooltip: {
          callbacks: {
            label: (c) => {
              const who = c.datasetIndex === markerDataset ? v.markers[c.dataIndex]?.name : c.dataset.label;
              return `${who ?? ''}: ${percent(c.parsed.x ?? 0, 2)} → ${joules(c.parsed.y ?? 0)}`;
            },
          },
        },
      },
      onClick: (_e, els) => {
        const hit = els.find((e) => e.datasetIndex === markerDataset);
        const name = hit ? v.markers[hit.index]?.name : undefined;
        if (name !== undefined && v.markers.length > 1) onPick(name);
      },
    },
  } as ChartConfiguration<'scatter'>);
}

export function drawSweep(canvas: HTMLCanvasElement, data: PanelData): Chart {
  const t = theme();
  const series = sweepSeries(data);
  const maxT = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.x)));
  const styles = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'] as const;
  // a dash pattern and a marker per series as well as a colour: two theme colours may look alike
  const dashes = [[], [10, 4], [3, 3], [12, 3, 3, 3], [6, 6], [1, 3]];
  const datasets: ChartDataset<'line'>[] = series.map((s, i) => ({
    label: s.id,
    data: s.points,
    borderColor: t.series[i % t.series.length],
    backgroundColor: t.series[i % t.series.length],
    borderDash: dashes[i % dashes.length],
    borderWidth: s.selected ? 3 : 1.5,
    pointStyle: styles[i % styles.length],
    pointRadius: (c) => (s.points[c.dataIndex]?.x === data.model.timesteps ? 6 : s.selected ? 3 : 2),
  }));
  datasets.push({
    label: 'break-even (SNN = QNN)',
    data: [
      { x: 1, y: 1 },
      { x: maxT, y: 1 },
    ],
    borderColor: t.fg,
    backgroundColor: t.fg,
    borderDash: [2, 6],
    borderWidth: 1,
    pointRadius: 0,
    pointStyle: 'line',
  });
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      ...base(),
      scales: {
        x: { type: 'linear', min: 1, max: maxT, title: { display: true, text: 'timesteps T' }, ticks: { stepSize: 1 } },
        y: {
          type: 'logarithmic',
          title: { display: true, text: 'SNN / QNN energy (log)' },
          ticks: { callback: (v) => (isRoundLogTick(Number(v)) ? times(Number(v), Number(v) < 1 ? 1 : 0) : '') },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 10, boxHeight: 10 } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label} at T = ${c.parsed.x}: ${times(c.parsed.y ?? 0)}` } },
      },
    },
  } satisfies ChartConfiguration<'line'>);
}

export function drawHybrid(canvas: HTMLCanvasElement, a: PanelArchitecture): Chart {
  const t = theme();
  const { rows } = hybridSummary(a);
  const colour = (label: string) => (label === 'All QNN' ? t.qnn : label === 'Best mix' ? t.win : t.snn);
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        {
          label: `energy per inference on ${a.id}`,
          data: rows.map((r) => r.energyJ),
          backgroundColor: rows.map((r) => withAlpha(colour(r.label), 0.75)),
          borderColor: rows.map((r) => colour(r.label)),
          borderWidth: 1,
        },
      ],
    },
    options: {
      ...base(),
      indexAxis: 'y',
      scales: { x: { min: 0, ticks: { callback: energyTicks } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => joules(c.parsed.x ?? 0) } },
      },
    },
  } satisfies ChartConfiguration<'bar'>);
}
