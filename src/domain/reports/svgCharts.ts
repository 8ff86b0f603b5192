import type { RocPoint } from '../training/index.js';

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

const width = 480;
const height = 300;
const margin = { left: 48, right: 16, top: 28, bottom: 36 };
const colours = ['#0969da', '#cf222e', '#1a7f37', '#8250df'];

/** A line chart as inline SVG, with axes, ticks and a legend; series without points are left out. */
export function lineChart(title: string, series: readonly Series[], xLabel: string): string {
  const drawn = series.filter((line) => line.points.length > 0);
  const xs = drawn.flatMap((line) => line.points.map((point) => point.x));
  const ys = drawn.flatMap((line) => line.points.map((point) => point.y));
  const xMin = Math.min(...xs, 1);
  const xMax = Math.max(...xs, xMin + 1);
  const yMin = Math.min(0, ...ys);
  const yMax = Math.max(...ys, yMin + 1e-9);
  const scaleX = (x: number): number =>
    margin.left + ((x - xMin) / (xMax - xMin)) * (width - margin.left - margin.right);
  const scaleY = (y: number): number =>
    height - margin.bottom - ((y - yMin) / (yMax - yMin)) * (height - margin.top - margin.bottom);
  const lines = drawn
    .map((line, index) => {
      const path = line.points.map((point) => `${scaleX(point.x).toFixed(1)},${scaleY(point.y).toFixed(1)}`).join(' ');
      return `<polyline class="series" data-series="${line.name}" fill="none" stroke="${colours[index % colours.length] ?? '#000'}" stroke-width="2" points="${path}"/>`;
    })
    .join('');
  const legend = drawn
    .map(
      (line, index) =>
        `<text x="${width - margin.right - 140}" y="${margin.top + 16 + index * 14}" fill="${colours[index % colours.length] ?? '#000'}">${line.name}</text>`,
    )
    .join('');
  return frame(title, axes(scaleX, scaleY, [xMin, xMax], [yMin, yMax], xLabel) + lines + legend);
}

/** The ROC curve with the chance diagonal, labelled with its AUC. */
export function rocChart(points: readonly RocPoint[], auc: number | null): string {
  const scaleX = (x: number): number => margin.left + x * (width - margin.left - margin.right);
  const scaleY = (y: number): number => height - margin.bottom - y * (height - margin.top - margin.bottom);
  const path = points
    .map((point) => `${scaleX(point.falsePositiveRate).toFixed(1)},${scaleY(point.truePositiveRate).toFixed(1)}`)
    .join(' ');
  const chance = `<line x1="${scaleX(0)}" y1="${scaleY(0)}" x2="${scaleX(1)}" y2="${scaleY(1)}" stroke="#8c959f" stroke-dasharray="4 4"/>`;
  const curve = `<polyline class="roc" fill="none" stroke="${colours[0] ?? '#000'}" stroke-width="2" points="${path}"/>`;
  const label = `<text x="${scaleX(0.55)}" y="${scaleY(0.1)}">AUC ${auc === null ? '—' : auc.toFixed(4)}</text>`;
  return frame(
    'ROC curve (test subjects)',
    axes(scaleX, scaleY, [0, 1], [0, 1], 'false positive rate') + chance + curve + label,
  );
}

function frame(title: string, content: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${title}</title><text x="${margin.left}" y="14" font-weight="600">${title}</text>${content}</svg>`;
}

function axes(
  scaleX: (x: number) => number,
  scaleY: (y: number) => number,
  [xMin, xMax]: [number, number],
  [yMin, yMax]: [number, number],
  xLabel: string,
): string {
  const ticks = (from: number, to: number): number[] =>
    Array.from({ length: 5 }, (_, index) => from + ((to - from) * index) / 4);
  const x = ticks(xMin, xMax)
    .map(
      (value) =>
        `<text x="${scaleX(value).toFixed(1)}" y="${height - margin.bottom + 14}" text-anchor="middle">${round(value)}</text>`,
    )
    .join('');
  const y = ticks(yMin, yMax)
    .map(
      (value) =>
        `<text x="${margin.left - 6}" y="${(scaleY(value) + 4).toFixed(1)}" text-anchor="end">${round(value)}</text>`,
    )
    .join('');
  const box = `<rect x="${margin.left}" y="${margin.top}" width="${width - margin.left - margin.right}" height="${height - margin.top - margin.bottom}" fill="none" stroke="#d0d7de"/>`;
  return `${box}${x}${y}<text x="${width / 2}" y="${height - 6}" text-anchor="middle">${xLabel}</text>`;
}

function round(value: number): string {
  return Math.abs(value) >= 10 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(2);
}
