import type { RocPoint } from '../training/index.js';
import { fixedAxis, integerAxis, valueAxis, type Axis } from './chartScales.js';
import { escape } from './htmlParts.js';

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

export interface LineChartOptions {
  title: string;
  /** Axis titles, with the quantity and its unit, e.g. "epoch", "loss (binary cross-entropy)". */
  xTitle: string;
  yTitle: string;
  /** Whole-number x ticks (epochs). */
  integerX?: boolean;
  /** A fixed y range (rates: [0, 1]); otherwise from 0 to a round value above the largest point. */
  yRange?: [number, number];
}

const width = 520;
/** Left: tick labels and the rotated y-axis title; bottom: tick labels and the x-axis title, then the legend. */
const margin = { left: 68, right: 20, top: 30, bottom: 48 };
const plotHeight = 220;
const legendRow = 18;
const colours = ['#0969da', '#cf222e', '#1a7f37', '#8250df'];
const colourOf = (index: number): string => colours[index % colours.length] ?? '#000';

interface LegendEntry {
  name: string;
  colour: string;
  dashed?: boolean;
}

/** The plot area and how values map into it. */
interface Plot {
  left: number;
  top: number;
  right: number;
  bottom: number;
  x: (value: number) => number;
  y: (value: number) => number;
}

function plotFor(xAxis: Axis, yAxis: Axis): Plot {
  const left = margin.left;
  const right = width - margin.right;
  const top = margin.top;
  const bottom = margin.top + plotHeight;
  return {
    left,
    top,
    right,
    bottom,
    x: (value) => left + ((value - xAxis.min) / (xAxis.max - xAxis.min)) * (right - left),
    y: (value) => bottom - ((value - yAxis.min) / (yAxis.max - yAxis.min)) * (bottom - top),
  };
}

/** A line chart as inline SVG, with labelled axes and a legend below the plot; series without points are left out. */
export function lineChart(options: LineChartOptions, series: readonly Series[]): string {
  const drawn = series.filter((line) => line.points.length > 0);
  const xs = drawn.flatMap((line) => line.points.map((point) => point.x));
  const ys = drawn.flatMap((line) => line.points.map((point) => point.y));
  const xAxis = options.integerX === true ? integerAxis(xs) : valueAxis(xs, Math.min(...xs, 0));
  const yAxis = options.yRange === undefined ? valueAxis(ys) : fixedAxis(...options.yRange);
  const plot = plotFor(xAxis, yAxis);
  const lines = drawn
    .map((line, index) => {
      const coordinates = line.points.map((point) => [plot.x(point.x).toFixed(1), plot.y(point.y).toFixed(1)] as const);
      const path = coordinates.map(([x, y]) => `${x},${y}`).join(' ');
      // Markers too: a run of one epoch is a single point, which a polyline alone does not draw.
      const markers = coordinates.map(([x, y]) => `<circle cx="${x}" cy="${y}" r="2.5"/>`).join('');
      return `<g class="series-group" fill="${colourOf(index)}"><polyline class="series" data-series="${escape(line.name)}" fill="none" stroke="${colourOf(index)}" stroke-width="2" points="${path}"/>${markers}</g>`;
    })
    .join('');
  const legend = drawn.map((line, index) => ({ name: line.name, colour: colourOf(index) }));
  return frame(options.title, plot, xAxis, yAxis, options.xTitle, options.yTitle, lines, legend);
}

/** The ROC curve against the chance diagonal, both axes as rates from 0 to 1, the AUC in the legend. */
export function rocChart(points: readonly RocPoint[], auc: number | null): string {
  const axis = fixedAxis(0, 1);
  const plot = plotFor(axis, axis);
  const path = points
    .map((point) => `${plot.x(point.falsePositiveRate).toFixed(1)},${plot.y(point.truePositiveRate).toFixed(1)}`)
    .join(' ');
  const chance = `<line class="chance" x1="${plot.x(0)}" y1="${plot.y(0)}" x2="${plot.x(1)}" y2="${plot.y(1)}" stroke="#8c959f" stroke-width="1.5" stroke-dasharray="4 4"/>`;
  const curve = `<polyline class="roc" fill="none" stroke="${colourOf(0)}" stroke-width="2" points="${path}"/>`;
  return frame(
    'ROC curve (test subjects)',
    plot,
    axis,
    axis,
    'false positive rate (FPR)',
    'true positive rate (TPR)',
    chance + curve,
    [
      { name: `ROC curve, AUC ${auc === null ? '— (one class only)' : auc.toFixed(4)}`, colour: colourOf(0) },
      { name: 'chance (AUC 0.5)', colour: '#8c959f', dashed: true },
    ],
  );
}

function frame(
  title: string,
  plot: Plot,
  xAxis: Axis,
  yAxis: Axis,
  xTitle: string,
  yTitle: string,
  content: string,
  legend: readonly LegendEntry[],
): string {
  const height = plot.bottom + margin.bottom + legend.length * legendRow + 4;
  const label = escape(title);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${label}</title><text class="chart-title" x="${margin.left}" y="18" font-weight="600">${label}</text>${axes(plot, xAxis, yAxis, xTitle, yTitle)}${content}${legendBelow(plot, legend)}</svg>`;
}

function axes(plot: Plot, xAxis: Axis, yAxis: Axis, xTitle: string, yTitle: string): string {
  const area = `<rect class="plot-area" x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#d0d7de"/>`;
  const grid = yAxis.ticks
    .map((tick) => {
      const y = plot.y(tick).toFixed(1);
      return `<line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" stroke="#eaeef2"/>`;
    })
    .join('');
  const axisLines = `<line class="axis" x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="#57606a"/><line class="axis" x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="#57606a"/>`;
  const xTicks = xAxis.ticks
    .map((tick) => {
      const x = plot.x(tick).toFixed(1);
      return `<line x1="${x}" y1="${plot.bottom}" x2="${x}" y2="${plot.bottom + 4}" stroke="#57606a"/><text x="${x}" y="${plot.bottom + 16}" text-anchor="middle">${tick.toFixed(xAxis.decimals)}</text>`;
    })
    .join('');
  const yTicks = yAxis.ticks
    .map((tick) => {
      const y = plot.y(tick);
      return `<line x1="${plot.left - 4}" y1="${y.toFixed(1)}" x2="${plot.left}" y2="${y.toFixed(1)}" stroke="#57606a"/><text x="${plot.left - 7}" y="${(y + 4).toFixed(1)}" text-anchor="end">${tick.toFixed(yAxis.decimals)}</text>`;
    })
    .join('');
  const middleY = (plot.top + plot.bottom) / 2;
  const titles =
    `<text class="axis-title x-title" x="${(plot.left + plot.right) / 2}" y="${plot.bottom + 34}" text-anchor="middle">${escape(xTitle)}</text>` +
    `<text class="axis-title y-title" x="16" y="${middleY}" text-anchor="middle" transform="rotate(-90 16 ${middleY})">${escape(yTitle)}</text>`;
  return `${grid}${area}${axisLines}<g class="x-ticks">${xTicks}</g><g class="y-ticks">${yTicks}</g>${titles}`;
}

/** The legend in rows under the x-axis title, outside the plot area, so it never hides a curve. */
function legendBelow(plot: Plot, entries: readonly LegendEntry[]): string {
  const rows = entries
    .map((entry, index) => {
      const y = plot.bottom + margin.bottom + index * legendRow + 8;
      const dash = entry.dashed === true ? ' stroke-dasharray="4 4"' : '';
      return `<line x1="${plot.left}" y1="${y}" x2="${plot.left + 24}" y2="${y}" stroke="${entry.colour}" stroke-width="${entry.dashed === true ? 1.5 : 2}"${dash}/><text x="${plot.left + 30}" y="${y + 4}">${escape(entry.name)}</text>`;
    })
    .join('');
  return `<g class="legend">${rows}</g>`;
}
