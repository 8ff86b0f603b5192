import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/headlessChromium.js';
import type { HostProcess } from '../support/hostProcess.js';
import { projectRoot } from '../support/projectPaths.js';
import { startProductHost } from '../support/productHost.js';
import { testStorage, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { finishedRun } from '../support/runFixtures.js';
import { RunStore } from '../../src/domain/runs/runStore.js';
import { runPaths, writeModelsBlob } from '../../src/domain/runs/checkpointStore.js';
import { classificationMetrics } from '../../src/domain/training/index.js';
import type { RunEvaluation } from '../../src/domain/runExecution/trainingWork.js';
import type { EpochMetrics } from '../../src/domain/runs/runRecords.js';
import { chartGeometry, type Box, type ChartGeometry } from '../support/reportGeometry.js';
import { colourPixels } from '../support/screenshotPixels.js';

/**
 * The run report as Chromium draws it, for a run with known figures seeded in Azurite and served
 * by the local host: where the legend, the ticks, the axis titles and the curves land on the page
 * (measured with getBoundingClientRect/getBBox), and which colours the screenshot holds inside
 * each plot area. The screenshot stays in test-artifacts/ (git-ignored) for a person to look at.
 */
const artifacts = path.join(projectRoot, 'test-artifacts');
const epochCount = 7;
// Train loss starts above 1 and validation loss peaks at 1.37 (epoch 2): the y axis must reach past it.
const trainLoss = [1.12, 0.94, 0.71, 0.58, 0.49, 0.43, 0.4];
const validationLoss = [1.2, 1.37, 0.88, 0.7, 0.66, 0.63, 0.64];
const trainAccuracy = [0.52, 0.61, 0.7, 0.76, 0.8, 0.83, 0.85];
const validationAccuracy = [0.5, 0.55, 0.66, 0.71, 0.73, 0.74, 0.74];
const validationAuc = [0.55, 0.62, 0.74, 0.8, 0.82, 0.83, 0.84];
// Twelve held-out windows: 7 of 8 stress windows and 2 of 4 non-stress windows at ≥ 0.5; of the
// 32 stress/non-stress pairs, 28 are ranked right (5 + 7 + 8 + 8 per non-stress window): AUC 0.875.
const labels = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0];
const probabilities = [0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.55, 0.3, 0.65, 0.52, 0.2, 0.1];
const colours = { blue: [9, 105, 218], red: [207, 34, 46], green: [26, 127, 55] } as const;

let host: HostProcess;
let browser: Browser;
let page: Page;
let charts: ChartGeometry[];
const consoleProblems: string[] = [];
const requested: string[] = [];
let reportUrl: string;

beforeAll(async () => {
  host = await startProductHost('report');
  const storage = testStorage();
  const runs = new RunStore(storage);
  const run = finishedRun({
    experiment: uniqueName('report-'),
    params: {
      epochs: epochCount,
      learning_rate: 0.001,
      signals: ['EDA', 'BVP', 'TEMP', 'ACC'],
      input_shapes: {},
      kernel_regularizer: null,
      notes: [],
    },
    metrics: { test_accuracy: 0.75, test_auc: 0.875 },
    trainSubjects: ['S2', 'S3'],
    validationSubjects: ['S4'],
    testSubjects: ['S5'],
    gitCommit: '0123456789abcdef0123456789abcdef01234567',
    modelVersion: '1.0.0',
  });
  await runs.create(run);
  for (let index = 0; index < epochCount; index++) {
    const epoch: EpochMetrics = {
      epoch: index + 1,
      train: { loss: trainLoss[index] ?? 0, accuracy: trainAccuracy[index] ?? 0 },
      validation: {
        loss: validationLoss[index] ?? 0,
        accuracy: validationAccuracy[index] ?? 0,
        auc: validationAuc[index] ?? 0,
      },
      durationSeconds: 1,
    };
    await runs.recordEpoch(run.runId, epoch);
  }
  const test = classificationMetrics(labels, probabilities);
  const { roc: _roc, ...perSubject } = test;
  const evaluation: RunEvaluation = {
    test,
    perSubject: [{ subject: 'S5', windows: labels.length, metrics: perSubject }],
    artifactPath: runPaths.artifact(run.runId),
    artifactSha256: '0'.repeat(64),
  };
  await writeModelsBlob(
    storage,
    runPaths.evaluation(run.runId),
    Buffer.from(JSON.stringify(evaluation)),
    'application/json',
  );

  browser = await launchChromium();
  page = await browser.newPage({
    extraHTTPHeaders: bearer(devTokens.researcher),
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
  });
  page.on('pageerror', (error) => consoleProblems.push(error.message));
  page.on('requestfailed', (request) => consoleProblems.push(`failed: ${request.url()}`));
  page.on('request', (request) => requested.push(request.url()));
  reportUrl = `${host.origin}/api/runs/${run.runId}/report`;
  const response = await page.goto(reportUrl);
  expect(response?.status()).toBe(200);
  await mkdir(artifacts, { recursive: true });
  await writeFile(path.join(artifacts, 'run-report.png'), await page.screenshot({ fullPage: true }));
  charts = await chartGeometry(page);
});

afterAll(async () => {
  await browser.close();
  await host.kill('SIGTERM');
});

const inside = (inner: Box, outer: Box): boolean =>
  inner.left >= outer.left - 0.5 &&
  inner.right <= outer.right + 0.5 &&
  inner.top >= outer.top - 0.5 &&
  inner.bottom <= outer.bottom + 0.5;
const overlap = (a: Box, b: Box): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function chart(title: string): ChartGeometry {
  const found = charts.find((entry) => entry.title === title);
  if (found === undefined)
    throw new Error(`no chart "${title}" among ${charts.map((entry) => entry.title).join(', ')}`);
  return found;
}

describe('the run report as Chromium draws it', () => {
  it('draws the three charts, each with its legend outside the plot area', () => {
    expect(charts.map((entry) => entry.title)).toEqual([
      'Loss',
      'Accuracy and validation AUC',
      'ROC curve (test subjects)',
    ]);
    for (const entry of charts) {
      expect(entry.legend.height, entry.title).toBeGreaterThan(0);
      expect(overlap(entry.legend, entry.plotArea), `${entry.title}: legend over the plot`).toBe(false);
      expect(inside(entry.legend, entry.svg), `${entry.title}: legend cut off`).toBe(true);
    }
    expect(chart('Loss').legendTexts).toEqual(['train loss', 'validation loss']);
    expect(chart('ROC curve (test subjects)').legendTexts).toEqual(['ROC curve, AUC 0.8750', 'chance (AUC 0.5)']);
  });

  it('labels the epoch axes with whole epochs only, from the first to the last', () => {
    for (const title of ['Loss', 'Accuracy and validation AUC']) {
      const ticks = chart(title).xTicks.map((tick) => tick.text);
      expect(
        ticks.every((text) => /^\d+$/.test(text)),
        `${title}: ${ticks.join(' ')}`,
      ).toBe(true);
      expect(ticks[0]).toBe('1');
      expect(ticks.at(-1)).toBe(String(epochCount));
    }
  });

  it('keeps every data point inside the plot area, the y axis reaching above the highest one', () => {
    for (const entry of charts) {
      expect(entry.series.length, entry.title).toBeGreaterThan(0);
      for (const line of entry.series) {
        expect(inside(line.box, entry.plotArea), `${entry.title}: ${line.name} leaves the plot area`).toBe(true);
      }
    }
    const loss = chart('Loss');
    const yValues = loss.yTicks.map((tick) => Number(tick.text));
    expect(Math.max(...yValues)).toBeGreaterThanOrEqual(Math.max(...validationLoss));
    // The highest point (1.37) lies below the top of the plot area and at the height its value gives.
    const top = Math.min(...loss.series.map((line) => line.box.top));
    expect(top).toBeGreaterThan(loss.plotArea.top);
    const [lowTick, highTick] = [loss.yTicks[0], loss.yTicks.at(-1)];
    if (lowTick === undefined || highTick === undefined) throw new Error('no y ticks');
    const valueAtTop =
      Number(lowTick.text) +
      ((lowTick.centreY - top) / (lowTick.centreY - highTick.centreY)) * (Number(highTick.text) - Number(lowTick.text));
    expect(valueAtTop).toBeCloseTo(Math.max(...validationLoss), 1);
  });

  it('shows every tick label and axis title whole, inside the chart and clear of each other', () => {
    const expectedTitles: Record<string, [string, string]> = {
      Loss: ['epoch', 'loss (binary cross-entropy)'],
      'Accuracy and validation AUC': ['epoch', 'accuracy, AUC (fraction)'],
      'ROC curve (test subjects)': ['false positive rate (FPR)', 'true positive rate (TPR)'],
    };
    for (const entry of charts) {
      expect([entry.xTitle.text, entry.yTitle.text], entry.title).toEqual(expectedTitles[entry.title]);
      for (const label of [...entry.xTicks, ...entry.yTicks, entry.xTitle, entry.yTitle]) {
        expect(label.box.width * label.box.height, `${entry.title}: "${label.text}" has no size`).toBeGreaterThan(0);
        expect(inside(label.box, entry.svg), `${entry.title}: "${label.text}" cut off`).toBe(true);
        expect(overlap(label.box, entry.plotArea), `${entry.title}: "${label.text}" inside the plot`).toBe(false);
      }
      for (const tick of entry.yTicks)
        expect(overlap(tick.box, entry.yTitle.box), `${entry.title}: y tick ${tick.text} over the y title`).toBe(false);
      for (const tick of entry.xTicks)
        expect(overlap(tick.box, entry.xTitle.box), `${entry.title}: x tick ${tick.text} over the x title`).toBe(false);
      expect(entry.yTitle.box.height, `${entry.title}: the y title runs along the axis`).toBeGreaterThan(
        entry.yTitle.box.width,
      );
    }
  });

  it('draws the ROC chance diagonal from corner to corner of the plot area', () => {
    const roc = chart('ROC curve (test subjects)');
    const diagonal = roc.chance;
    if (diagonal === null) throw new Error('no chance line');
    expect(diagonal.left).toBeCloseTo(roc.plotArea.left, 0);
    expect(diagonal.right).toBeCloseTo(roc.plotArea.right, 0);
    expect(diagonal.top).toBeCloseTo(roc.plotArea.top, 0);
    expect(diagonal.bottom).toBeCloseTo(roc.plotArea.bottom, 0);
  });

  it('states the decision threshold where accuracy and the confusion matrix depend on it', async () => {
    const note = page.locator('p.threshold');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toContain('Decision threshold 0.5');
    const caption = page.locator('table.confusion caption');
    expect(await caption.isVisible()).toBe(true);
    expect(await caption.textContent()).toBe('Confusion matrix at threshold 0.5');
    expect(await page.locator('table.confusion td').allTextContents()).toEqual(['7', '1', '2', '2']);
  });

  it('shows the commit and no empty field', async () => {
    const section = (title: string) =>
      page.locator('section').filter({ has: page.locator('h2', { hasText: new RegExp(`^${title}$`) }) });
    const summary = await section('Summary').locator('td').allTextContents();
    expect(summary).toContain('0.1.0, commit 0123456789abcdef0123456789abcdef01234567');
    const params = await section('Params').locator('tr').allTextContents();
    expect(params).toEqual(['ParamValue', 'epochs7', 'learning_rate0.001', 'signalsEDA, BVP, TEMP, ACC']);
    const cells = await page.locator('td').allTextContents();
    expect(cells.filter((text) => /^\s*$|^(\{\}|\[\]|null|—)$/.test(text))).toEqual([]);
  });

  it('paints each curve inside its plot area (pixels of the screenshot)', async () => {
    const expected: Record<string, (keyof typeof colours)[]> = {
      Loss: ['blue', 'red'],
      'Accuracy and validation AUC': ['blue', 'red', 'green'],
      'ROC curve (test subjects)': ['blue'],
    };
    for (const entry of charts) {
      const clip = entry.plotArea;
      const image = await page.screenshot({
        fullPage: true,
        clip: { x: clip.left, y: clip.top, width: clip.right - clip.left, height: clip.bottom - clip.top },
      });
      const counts = await colourPixels(browser, image, colours);
      for (const name of expected[entry.title] ?? []) {
        // Each 2-px curve across the 432-px plot paints 550-750 pixels of its colour here; the
        // point markers alone (a curve not drawn) about 100; legend swatches lie outside the clip.
        expect(counts[name], `${entry.title}: ${name} pixels in the plot area`).toBeGreaterThan(300);
      }
    }
  });

  it('loads nothing but itself and logs no error', () => {
    expect(requested).toEqual([reportUrl]);
    expect(consoleProblems).toEqual([]);
  });
});
