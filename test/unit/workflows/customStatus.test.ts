import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundedCustomStatus, customStatusLimitBytes, utf16Bytes } from '../../../src/workflows/customStatus.js';
import {
  trainingActivityNames as names,
  trainingOrchestrator,
  type TrainingOrchestrationContext,
} from '../../../src/workflows/training/trainingOrchestrator.js';
import { projectRoot } from '../../support/projectPaths.js';

/**
 * "Custom orchestration status in Durable Functions" (durable-functions-custom-orchestration-status):
 * the custom status payload is limited to 16 KB of UTF-16 JSON text.
 */
const utf16JsonBytes = (value: unknown): number => utf16Bytes(JSON.stringify(value));

describe('a bounded custom status', () => {
  it('is the 16 KB of UTF-16 JSON the documentation states', () => {
    expect(customStatusLimitBytes).toBe(16 * 1024);
  });

  it('leaves a status that fits as it is', () => {
    const status = { runId: 'r1', phase: 'training', epoch: 3, epochs: 10 };
    expect(boundedCustomStatus(status)).toBe(status);
  });

  it('cuts a long message to fit, keeping its start and the short fields', () => {
    const error = `No labelled window set for S9. ${'x'.repeat(200_000)}`;
    const bounded = boundedCustomStatus({ runId: 'r1', phase: 'failed', error });
    expect(utf16JsonBytes(bounded)).toBeLessThanOrEqual(customStatusLimitBytes);
    expect(bounded).toMatchObject({ runId: 'r1', phase: 'failed', truncated: true });
    expect(bounded.error).toMatch(/^No labelled window set for S9\. x+… \[truncated\]$/);
  });

  it('measures in UTF-16: text outside the BMP counts two code units per character', () => {
    const bounded = boundedCustomStatus({ phase: 'failed', error: '😀'.repeat(5000) });
    expect(utf16JsonBytes(bounded)).toBeLessThanOrEqual(customStatusLimitBytes);
    // 5000 emoji are 10 000 code units, 20 000 bytes of UTF-16: over the limit although 5000 characters.
    expect(bounded.truncated).toBe(true);
  });

  it('summarises a status of many small parts that no cut of strings can bring under the limit', () => {
    const bounded = boundedCustomStatus({
      phase: 'judging',
      epoch: 4,
      subjects: Array.from({ length: 5000 }, () => 'S1'),
    });
    expect(utf16JsonBytes(bounded)).toBeLessThanOrEqual(customStatusLimitBytes);
    expect(bounded).toEqual({ truncated: true, phase: 'judging', epoch: 4 });
  });
});

describe('the workflows', () => {
  it('set a status within the limit when a run fails with a huge message', () => {
    const statuses: unknown[] = [];
    const context: TrainingOrchestrationContext<{ name: string }, string> = {
      callActivity: (name) => ({ name }),
      callActivityWithRetry: (name) => ({ name }),
      setCustomStatus: (status) => statuses.push(status),
    };
    const workflow = trainingOrchestrator(context, { runId: 'r1' }, 'retry');
    workflow.next();
    // One enormous line: the run's error is one sentence of it, and the status stays within the bound.
    const failRun = workflow.throw(new Error(`Activity failed: ${'x'.repeat(200_000)}`));
    expect(failRun.value).toEqual({ name: names.failRun });
    workflow.next(null);
    const last = statuses.at(-1);
    expect(last).toMatchObject({ runId: 'r1', phase: 'failed' });
    expect(utf16JsonBytes(last)).toBeLessThanOrEqual(customStatusLimitBytes);
  });

  it('never set a custom status except through the bound', async () => {
    const folder = path.join(projectRoot, 'src/workflows');
    const offenders: string[] = [];
    for (const entry of await readdir(folder, { recursive: true })) {
      if (!entry.endsWith('.ts') || entry === 'customStatus.ts') continue;
      if ((await readFile(path.join(folder, entry), 'utf8')).includes('.setCustomStatus(')) offenders.push(entry);
    }
    expect(offenders).toEqual([]);
  });
});
