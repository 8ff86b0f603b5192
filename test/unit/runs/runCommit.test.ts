import { describe, expect, it } from 'vitest';
import { queuedRun } from '../../../src/domain/runs/startRun.js';
import { runRequestSchema } from '../../../src/domain/runs/runRequest.js';
import { buildCommit } from '../../../src/platform/appVersion.js';
import { projectRoot } from '../../support/projectPaths.js';
import type { Actor } from '../../../src/platform/identity/actor.js';

const actor: Actor = { id: 'researcher-1', name: 'Researcher', roles: ['Researcher'] };
const request = runRequestSchema.parse({});

describe('the commit a run records', () => {
  it('is the commit the build recorded, when no deployment setting names one', () => {
    const run = queuedRun(request, actor, undefined, new Date(), 'run-1');
    // The build (npm run build, before the unit tier) records HEAD of this checkout.
    expect(run.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(run.gitCommit).toBe(buildCommit(projectRoot));
  });

  it('is WESAD_GIT_COMMIT where a deployment sets it', () => {
    expect(queuedRun(request, actor, 'abc1234', new Date(), 'run-2').gitCommit).toBe('abc1234');
  });
});
