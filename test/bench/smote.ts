import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { applySmotePlan, planSmote, type WindowSet } from '../../src/domain/training/index.js';
import { SeededRandom } from '../../src/domain/training/random.js';
import { projectRoot } from '../support/projectPaths.js';
import { figure, median } from './benchFigures.js';

/**
 * SMOTE for a run's training windows at full size: twelve subjects of 2268 windows each (a full
 * 6079 s recording at wesad-wrist-v1's defaults), a third of them stress, every signal. A run plans
 * once (the exhaustive neighbour search) and applies the plan in every epoch; the reference is the
 * same search in numpy, as imbalanced-learn's brute-force SMOTE does it, on the same machine.
 */

const run = promisify(execFile);
const PYTHON = process.env.WESAD_PYTHON ?? '/usr/bin/python3';
const SUBJECTS = 12;
const WINDOWS_PER_SUBJECT = 2268;
const WIDTHS = { EDA: 32, BVP: 256, TEMP: 32, ACC: 256 } as const;
const NEIGHBOURS = 5;
const APPLY_ROUNDS = 3;

function trainingWindows(): WindowSet {
  const count = SUBJECTS * WINDOWS_PER_SUBJECT;
  const random = new SeededRandom(0);
  const signals: WindowSet['signals'] = {};
  for (const [signal, width] of Object.entries(WIDTHS)) {
    signals[signal as keyof typeof WIDTHS] = Float32Array.from({ length: count * width }, () => random.next() - 0.5);
  }
  return { count, signals, labels: Uint8Array.from({ length: count }, (_, i) => (i % 3 === 0 ? 1 : 0)) };
}

export async function runSmoteBench(): Promise<void> {
  const windows = trainingWindows();
  const minority = Math.ceil(windows.count / 3);
  const dimension = Object.values(WIDTHS).reduce((a, b) => a + b, 0);
  console.log(
    `smote bench: ${SUBJECTS} subjects × ${WINDOWS_PER_SUBJECT} windows, ${minority} stress windows of ` +
      `${dimension} values, k = ${NEIGHBOURS}`,
  );
  let started = performance.now();
  const plan = planSmote(windows, { seed: 1, neighbours: NEIGHBOURS });
  const planSeconds = (performance.now() - started) / 1000;
  const applySeconds: number[] = [];
  for (let round = 0; round < APPLY_ROUNDS; round++) {
    started = performance.now();
    applySmotePlan(windows, plan);
    applySeconds.push((performance.now() - started) / 1000);
  }
  const apply = median(applySeconds);
  console.log(`  plan (neighbour search, once per run)   ${planSeconds.toFixed(1).padStart(6)} s, 1 thread`);
  console.log(
    `  apply the plan (every epoch)             ${apply.toFixed(2).padStart(6)} s (median of ${APPLY_ROUNDS})`,
  );
  try {
    const { stdout } = await run(
      PYTHON,
      [join(projectRoot, 'test/bench/knn_reference.py'), String(minority), String(dimension), String(NEIGHBOURS)],
      { timeout: 900_000 },
    );
    const reference = figure(stdout, 'seconds');
    console.log(
      `  numpy brute-force search (reference)     ${reference.toFixed(1).padStart(6)} s; ` +
        `the plan's search takes ${(planSeconds / reference).toFixed(2)}× its time`,
    );
  } catch (error: unknown) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    console.log(`  numpy reference unavailable (apt-get install python3-numpy): ${reason}`);
  }
  console.log(
    `  per epoch: ${(planSeconds + apply).toFixed(1)} s when every epoch searched, ${apply.toFixed(2)} s with the ` +
      `run's stored plan`,
  );
}
