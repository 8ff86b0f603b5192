import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { JSX } from 'preact';

export interface Series {
  label: string;
  /** One value per x; null where the series has none. */
  values: (number | null)[];
}

const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

/**
 * A line chart drawn by uPlot on a canvas. The figure carries a text summary for screen readers,
 * since a canvas says nothing to them.
 */
export function LineChart(props: {
  title: string;
  xLabel: string;
  x: number[];
  series: Series[];
  yRange?: [number, number];
  points?: boolean;
  /** false draws the points alone: a scatter plot (x ascending). */
  lines?: boolean;
}): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const plot = new uPlot(
      {
        width: 520,
        height: 260,
        scales: {
          x: { time: false },
          ...(props.yRange === undefined ? {} : { y: { range: props.yRange } }),
        },
        axes: [{ label: props.xLabel }, {}],
        series: [
          { label: props.xLabel },
          ...props.series.map((series, index) => ({
            label: series.label,
            stroke: palette[index % palette.length] ?? '#000',
            width: 2,
            points: { show: props.points ?? props.lines === false, size: 7 },
            ...(props.lines === false ? { paths: () => null } : {}),
          })),
        ],
      },
      [props.x, ...props.series.map((series) => series.values)] as uPlot.AlignedData,
      element,
    );
    return () => {
      plot.destroy();
    };
  }, [props.x, props.series, props.xLabel, props.yRange, props.points, props.lines]);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div ref={host} role="img" aria-label={`${props.title}: ${props.series.map((s) => s.label).join(', ')}`} />
    </figure>
  );
}
