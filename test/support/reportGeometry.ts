import type { Page } from 'playwright-core';

/** A rectangle on the page, in CSS pixels from the top left of the document. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

export interface Label {
  text: string;
  box: Box;
  /** The vertical middle of the label, where its tick is. */
  centreY: number;
}

/** What one chart of the run report occupies on the page, as the browser laid it out. */
export interface ChartGeometry {
  title: string;
  svg: Box;
  plotArea: Box;
  legend: Box;
  legendTexts: string[];
  xTicks: Label[];
  yTicks: Label[];
  xTitle: Label;
  yTitle: Label;
  /** The drawn extent of each curve (its points, without the stroke width). */
  series: { name: string; box: Box }[];
  /** The ROC chart's chance diagonal; null elsewhere. */
  chance: Box | null;
}

/**
 * Measures every `svg.chart` of the page with getBoundingClientRect, which gives the rendered
 * extent after layout, transforms (the rotated y title) and text shaping: where the browser drew
 * things, not where the markup says they should be. The function runs in the page, so it is
 * written as source text (no helper of this file's compiler may leak into it).
 */
export async function chartGeometry(page: Page): Promise<ChartGeometry[]> {
  return page.evaluate<ChartGeometry[]>(measureSource);
}

const measureSource = `(() => {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return { left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY, width: r.width, height: r.height };
  };
  const label = (element) => {
    const b = box(element);
    return { text: (element.textContent || '').trim(), box: b, centreY: (b.top + b.bottom) / 2 };
  };
  const one = (svg, selector) => {
    const found = svg.querySelector(selector);
    if (found === null) throw new Error('no ' + selector + ' in ' + svg.getAttribute('aria-label'));
    return found;
  };
  return [...document.querySelectorAll('svg.chart')].map((svg) => ({
    title: one(svg, 'text.chart-title').textContent,
    svg: box(svg),
    plotArea: box(one(svg, 'rect.plot-area')),
    legend: box(one(svg, 'g.legend')),
    legendTexts: [...svg.querySelectorAll('g.legend text')].map((text) => text.textContent),
    xTicks: [...svg.querySelectorAll('g.x-ticks text')].map(label),
    yTicks: [...svg.querySelectorAll('g.y-ticks text')].map(label),
    xTitle: label(one(svg, 'text.x-title')),
    yTitle: label(one(svg, 'text.y-title')),
    series: [...svg.querySelectorAll('polyline.series, polyline.roc')].map((line) => ({
      name: line.getAttribute('data-series') || 'roc',
      box: box(line),
    })),
    chance: svg.querySelector('line.chance') === null ? null : box(svg.querySelector('line.chance')),
  }));
})()`;
