import { describe, expect, it } from 'vitest';
import { ContinuousTrainingStore } from '../../../src/domain/continuous/continuousTrainingStore.js';
import { continuousTrainingSettingsSchema } from '../../../src/domain/continuous/continuousTrainingSettings.js';
import { HttpProblem } from '../../../src/platform/http/httpProblem.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';

const on = continuousTrainingSettingsSchema.parse({ enabled: true, params: { epochs: 2 } });
const off = continuousTrainingSettingsSchema.parse({ enabled: false });

describe('continuous-training settings in Table Storage', () => {
  it('has the default experiment on until its settings turn it off, and others off until turned on', async () => {
    const store = new ContinuousTrainingStore(await storageClientsFor('ctsettings'), 'default');
    expect(await store.enabledExperiments()).toEqual(['default']);
    expect(await store.settings('other')).toMatchObject({
      source: 'default',
      settings: { enabled: false },
      etag: null,
    });

    await store.saveSettings('other', on, 'researcher-1', undefined);
    await store.saveSettings('default', off, 'researcher-1', undefined);
    expect(await store.enabledExperiments()).toEqual(['other']);
    expect(await store.settings('other')).toMatchObject({
      source: 'stored',
      updatedBy: 'researcher-1',
      settings: { enabled: true, params: { epochs: 2 }, comparison: { metric: 'test_auc', margin: 0.01 } },
    });
  });

  it('turns an edit over a stale ETag into a conflict', async () => {
    const store = new ContinuousTrainingStore(await storageClientsFor('ctetag'), undefined);
    const first = await store.saveSettings('e1', on, 'researcher-1', undefined);
    await store.saveSettings('e1', off, 'researcher-2', first.etag ?? undefined);
    await expect(store.saveSettings('e1', on, 'researcher-1', first.etag ?? undefined)).rejects.toBeInstanceOf(
      HttpProblem,
    );
    expect((await store.settings('e1')).settings.enabled).toBe(false);
  });

  it('remembers the snapshot each automatic run trained on', async () => {
    const store = new ContinuousTrainingStore(await storageClientsFor('ctstate'), undefined);
    expect(await store.state('e1')).toEqual({ lastSnapshotHash: null, lastRunId: null, lastRunAt: null });
    const state = { lastSnapshotHash: 'abc', lastRunId: 'r1', lastRunAt: '2026-11-26T10:00:00.000Z' };
    await store.recordRun('e1', state);
    await store.recordRun('e1', state);
    expect(await store.state('e1')).toEqual(state);
  });
});
