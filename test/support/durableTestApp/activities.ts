import { setTimeout as delay } from 'node:timers/promises';
import * as df from 'durable-functions';
import { leaveMarker, markerCount } from './markers.js';

/** Activities of the durable test app; each leaves markers named after the run (instance) and step. */

export interface StepInput {
  run: string;
  step: string;
  /** How long the step takes. */
  ms?: number;
  /** Attempts that fail before one succeeds. */
  failures?: number;
}

function stepInput(input: unknown): StepInput {
  if (typeof input !== 'object' || input === null || !('run' in input) || !('step' in input)) {
    throw new Error('expected a step input');
  }
  return input as StepInput;
}

df.app.activity('sayHello', {
  handler: (name: unknown) => `Hello ${String(name)}`,
});

df.app.activity('markStep', {
  handler: async (input: unknown) => {
    const { run, step, ms } = stepInput(input);
    await leaveMarker('started', run, step);
    if (ms !== undefined) await delay(ms);
    await leaveMarker('done', run, step);
    return `${step}-ok`;
  },
});

df.app.activity('flakyStep', {
  handler: async (input: unknown) => {
    const { run, step, failures } = stepInput(input);
    const attempt = (await markerCount('attempt', run, step)) + 1;
    await leaveMarker('attempt', run, step);
    if (attempt <= (failures ?? 0)) throw new Error(`flaky step ${step} failed on attempt ${attempt}`);
    return { step, attempt };
  },
});

df.app.activity('square', {
  handler: (value: unknown) => Number(value) * Number(value),
});
