import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/headlessChromium.js';
import type { HostProcess } from '../../support/hostProcess.js';
import { startProductHost } from '../../support/productHost.js';
import { bearer, devTokens } from '../../support/devTokens.js';
import { projectRoot } from '../../support/projectPaths.js';
import { testStorage } from '../../support/testStorage.js';
import { seedStudio, type StudioFixture } from '../../support/studioSeed.js';
import { seedEvaluation } from '../../support/studioEvaluationSeed.js';

/**
 * The studio in Debian's Chromium (playwright-core) against the local host with seeded runs and a
 * model: each user signs in through the picker as in a browser, CSP enforced, and every view is
 * checked with axe-core and kept as a screenshot in test-artifacts/studio (gitignored).
 */
const artifacts = path.join(projectRoot, 'test-artifacts', 'studio');
const axeSource = readFile(path.join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

let host: HostProcess;
let browser: Browser;
let fixture: StudioFixture;
/** Console errors and uncaught exceptions of every page, but the HTTP statuses a test provoked. */
const consoleErrors: string[] = [];
const provoked: { status: number; url: RegExp }[] = [];

const identities = {
  researcher: 'researcher@example.org',
  approver: 'approver@example.org',
  compliance: 'compliance@example.org',
  admin: 'admin@example.org',
} as const;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  host = await startProductHost('studio-browser');
  fixture = await seedStudio(testStorage());
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser.close();
  await host.kill('SIGTERM');
});

async function signedIn(who: keyof typeof identities, view: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => consoleErrors.push(`${who}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const status = /status of (\d{3})/.exec(message.text())?.[1];
    const url = message.location().url;
    if (provoked.some((expected) => String(expected.status) === status && expected.url.test(url))) return;
    consoleErrors.push(`${who}: ${message.text()} (${url})`);
  });
  await page.goto(
    `${host.origin}/.auth/login/dev?post_login_redirect_uri=${encodeURIComponent(`/api/studio/${view}`)}`,
  );
  await page.getByRole('button', { name: identities[who] }).click();
  await page.getByText(`${identities[who]} (`).waitFor();
  return page;
}

/** axe-core run in the page (evaluated through the DevTools protocol, so the page's CSP stays on). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource);
  const violations = await page.evaluate<{ id: string; impact: string | null; nodes: number }[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length })))`,
  );
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact ?? ''}, ${violation.nodes} nodes)`);
}

async function checkView(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  expect(await seriousViolations(page), name).toEqual([]);
}

/** Polls until the page shows what is expected; the shared machine can be slow to render. */
function poll<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 20_000, interval: 100 });
}

/** The element's text once it is there, '' before (polled by the assertions). */
async function textOf(locator: Locator): Promise<string> {
  return (await locator.count()) === 0 ? '' : ((await locator.first().textContent()) ?? '');
}

async function shownRunIds(page: Page): Promise<string[]> {
  const rows = await page.locator('tbody tr[data-run-id]').all();
  return Promise.all(rows.map(async (row) => (await row.getAttribute('data-run-id')) ?? ''));
}

describe('the studio in a browser', () => {
  it('filters the runs table with the API grammar, sorts on a metric, and explains a filter it cannot read', async () => {
    const page = await signedIn('researcher', '#/runs');
    await page.getByLabel('Experiment').fill(fixture.experiment);
    await page.getByLabel('Filter').fill('metrics.test_auc>0.9');
    await page.getByRole('button', { name: 'Search' }).click();
    await poll(async () => (await shownRunIds(page)).sort()).toEqual([...fixture.aboveNinety].sort());
    await expect(page.getByRole('columnheader', { name: 'params.learning_rate' }).count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'metrics.test_auc' }).click();
    const byAuc = [...fixture.runs]
      .filter((run) => fixture.aboveNinety.includes(run.runId))
      .sort((a, b) => (b.metrics.test_auc ?? 0) - (a.metrics.test_auc ?? 0))
      .map((run) => run.runId);
    await poll(() => shownRunIds(page)).toEqual(byAuc);
    // The page's runs as points: the learning rate varies, so it is what the scatter plots across.
    await poll(() => textOf(page.locator('#scatter-heading + .toolbar + figure figcaption'))).toBe(
      'metrics.test_accuracy by params.learning_rate',
    );
    await checkView(page, 'runs');

    provoked.push({ status: 400, url: /\/api\/runs\?/ });
    await page.getByLabel('Filter').fill('metrics.test_auc>2 or true');
    await page.getByRole('button', { name: 'Search' }).click();
    await poll(() => textOf(page.getByRole('alert'))).toContain('at position 19');
    await page.context().close();
  });

  it('compares two runs chosen in the table: overlaid curves and the params that differ', async () => {
    const page = await signedIn('researcher', '#/runs');
    const [first, second] = fixture.runs;
    await page.getByLabel('Experiment').fill(fixture.experiment);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel(`Select run ${first?.runId ?? ''}`).check();
    await page.getByLabel(`Select run ${second?.runId ?? ''}`).check();
    await page.getByRole('link', { name: 'Compare 2 selected' }).click();
    await page.getByRole('heading', { name: 'Compare 2 runs' }).waitFor();
    await expect(page.locator('table.compare thead th').allTextContents()).resolves.toEqual([
      first?.runId,
      second?.runId,
    ]);
    await expect(page.locator('tr.differs th').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['params.learning_rate', 'params.activation', 'metrics.test_auc']),
    );
    await expect(page.locator('figure.chart canvas').count()).resolves.toBe(2);
    await checkView(page, 'compare');
    await page.context().close();
  });

  it('shows a run with its learning curves, ROC, confusion matrix, per-subject results and lineage', async () => {
    const page = await signedIn('researcher', `#/runs/${fixture.evaluatedRunId}`);
    await page.getByRole('heading', { name: `Run ${fixture.evaluatedRunId}` }).waitFor();
    const confusion = page.getByRole('table', { name: 'Confusion matrix (test windows)' });
    await expect(confusion.locator('td.number').allTextContents()).resolves.toEqual(['40', '5', '5', '50']);
    await expect(
      page.getByRole('table', { name: 'Per subject' }).getByRole('rowheader').allTextContents(),
    ).resolves.toEqual(['S5']);
    await expect(page.locator('figure.chart figcaption').allTextContents()).resolves.toEqual([
      'Loss per epoch',
      'Accuracy per epoch',
      'ROC curve (AUC 0.8000)',
    ]);
    await checkView(page, 'run-detail');
    await page.context().close();
  });

  it('shows a change someone made meanwhile as a conflict to reload, then promotes after the reload', async () => {
    const page = await signedIn('approver', `#/registry/${fixture.model}`);
    await page.getByRole('heading', { name: `Model ${fixture.model}` }).waitFor();
    const form = page.getByRole('form', { name: 'Put a version in a stage' });
    await form.getByLabel('Version').selectOption('1.0.0');
    await form.getByLabel('Stage').selectOption('staging');
    await form.getByLabel('Reason').fill('looks good on held-out S5');

    // Meanwhile a researcher changes the model through the API: the page's ETag is stale.
    const meanwhile = await fetch(`${host.origin}/api/models/${fixture.model}/stages/development`, {
      method: 'PUT',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
      body: JSON.stringify({ version: '1.1.0', reason: 'trying it' }),
    });
    expect(meanwhile.status).toBe(200);

    provoked.push({ status: 409, url: /\/stages\/staging$/ });
    await form.getByRole('button', { name: 'Put in stage' }).click();
    const conflict = page.getByRole('alert');
    await poll(() => textOf(conflict)).toContain(`Someone changed ${fixture.model}`);
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await poll(() => textOf(page.getByRole('row').filter({ hasText: 'development' }))).toContain('1.1.0');

    await form.getByRole('button', { name: 'Put in stage' }).click();
    await poll(() => textOf(page.getByRole('status'))).toBe('Put 1.0.0 in staging.');
    await form.getByLabel('Stage').selectOption('production');
    await form.getByLabel('Reason').fill('approved for production');
    await form.getByRole('button', { name: 'Put in stage' }).click();
    await poll(() => textOf(page.getByRole('status'))).toBe('Put 1.0.0 in production.');
    await expect
      .poll(() => page.locator('table.history tbody tr').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('approved for production')]));
    await checkView(page, 'registry-model');
    await page.context().close();
  });

  it('explains a refused gate: which check failed and why', async () => {
    const page = await signedIn('approver', `#/registry/${fixture.model}`);
    const form = page.getByRole('form', { name: 'Put a version in a stage' });
    await form.getByLabel('Version').selectOption('1.1.0');
    await form.getByLabel('Stage').selectOption('production');
    await form.getByLabel('Reason').fill('the newer one');
    provoked.push({ status: 422, url: /\/stages\/production$/ });
    await form.getByRole('button', { name: 'Put in stage' }).click();
    const refusal = page.getByRole('alert');
    await poll(() => textOf(refusal)).toContain('The gate refused');
    await expect(refusal.locator('li.failed').allTextContents()).resolves.toEqual([
      'failed: metric test_auc ≥ 0.85 (test_auc is 0.8)',
    ]);
    await page.screenshot({ path: path.join(artifacts, 'registry-gate-refused.png'), fullPage: true });
    await page.context().close();
  });

  it('lets a compliance officer filter the audit trail, verify the chain and export CSV', async () => {
    const page = await signedIn('compliance', '#/audit');
    await page.getByLabel('Action').selectOption('stage-assigned');
    await page.getByLabel('Target contains').fill(fixture.model);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect
      .poll(() => page.locator('tbody tr td:nth-child(5)').allTextContents())
      .toEqual(
        expect.arrayContaining([`models/${fixture.model}/stages/production`, `models/${fixture.model}/stages/staging`]),
      );
    await expect(page.locator('tbody tr td:nth-child(3)').allTextContents()).resolves.toContain('approver-1');

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await poll(() => textOf(page.locator('output.verification'))).toContain('"valid":true');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const csv = await readFile(file, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('sequence,at,actor,action,target,details,hash');
    expect(lines.filter((line) => line.includes(`models/${fixture.model}/stages/production`))).toHaveLength(1);
    await checkView(page, 'audit');
    await page.context().close();
  });

  it('offers each role only its actions', async () => {
    const offered: Record<string, { stages: string[]; audit: boolean; takeOut: string[] }> = {};
    for (const who of ['researcher', 'approver', 'compliance', 'admin'] as const) {
      const page = await signedIn(who, `#/registry/${fixture.model}`);
      await page.getByRole('heading', { name: 'History' }).waitFor();
      const form = page.getByRole('form', { name: 'Put a version in a stage' });
      offered[who] = {
        stages: (await form.count()) === 0 ? [] : await form.getByLabel('Stage').locator('option').allTextContents(),
        audit:
          (await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Audit' }).count()) === 1,
        takeOut: await page
          .getByRole('row')
          .filter({ has: page.getByRole('button', { name: 'Take out' }) })
          .getByRole('rowheader')
          .allTextContents(),
      };
      await page.screenshot({ path: path.join(artifacts, `registry-as-${who}.png`), fullPage: true });
      await page.context().close();
    }
    expect(offered).toEqual({
      researcher: { stages: ['development', 'staging'], audit: false, takeOut: ['development', 'staging'] },
      approver: {
        stages: ['development', 'staging', 'production'],
        audit: false,
        takeOut: ['development', 'staging', 'production'],
      },
      compliance: { stages: [], audit: true, takeOut: [] },
      admin: { stages: [], audit: false, takeOut: [] },
    });
  });

  it('walks the remaining views: models, uploads and window sets, drift', async () => {
    const page = await signedIn('researcher', '#/registry');
    await page.getByRole('link', { name: fixture.model }).waitFor();
    // From the keyboard: the first Tab reaches the skip link, Enter moves focus to the view.
    await page.keyboard.press('Tab');
    await poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate('document.activeElement?.id')).toBe('main');
    await checkView(page, 'registry');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data' }).click();
    await page.getByRole('heading', { name: 'Window sets', exact: true }).waitFor();
    await page.getByLabel('Status').selectOption('failed');
    await poll(() => textOf(page.getByRole('row').filter({ hasText: fixture.failedUpload }))).toContain(
      'NOT_A_PICKLE: The upload is not a pickle.',
    );
    await checkView(page, 'data');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Drift' }).click();
    await page.getByRole('heading', { name: 'Input drift' }).waitFor();
    await page.getByLabel('Model').selectOption(fixture.model);
    await page.getByLabel('Version').selectOption('1.0.0');
    // Newest first, as the API answers: the shifted EDA is flagged.
    await poll(() => page.locator('tbody tr td:nth-child(4)').allTextContents()).toEqual(['yes', 'no', 'no']);
    await expect(page.locator('figure.chart canvas').count()).resolves.toBe(1);
    await checkView(page, 'drift');
    await page.context().close();
  });

  it('shows an evaluation: each configuration over its folds beside the published baseline, and per subject', async () => {
    const evaluation = await seedEvaluation(testStorage());
    const page = await signedIn('researcher', '#/evaluations');
    await page.getByLabel('Evaluation id').fill(evaluation.evaluationId);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('heading', { name: `Evaluation ${evaluation.evaluationId}` }).waitFor();
    // Mean ± sample standard deviation over the two folds (0.9 and 0.7), and the paper's row beside it.
    await poll(() => textOf(page.getByRole('row').filter({ hasText: 'family' }))).toContain('80.00 % ± 14.14 %');
    const published = page.getByRole('row').filter({ hasText: 'WESAD paper' });
    await expect(textOf(published)).resolves.toContain('87.12 %');
    await expect(textOf(published)).resolves.toContain('84.11 %');
    await page.getByText('Same scheme as the published figures').waitFor();
    await expect(page.getByRole('row').filter({ hasText: 'S3' }).textContent()).resolves.toContain('70.00 %');
    await expect(page.locator('figure.chart canvas').count()).resolves.toBe(1);
    await checkView(page, 'evaluation');
    await page.context().close();
  });

  it('logged no console error and threw nothing in any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
