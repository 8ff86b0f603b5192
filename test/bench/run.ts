import os from 'node:os';
import { runDurableBench } from './durable.js';
import { runPreprocessBench } from './preprocess.js';
import { runTrainingBench } from './training.js';
import { runSmoteBench } from './smote.js';
import { runHttpApiBench } from './httpApi.js';
import { runStudioBench } from './studio.js';
import { runEvaluationBench } from './evaluation.js';
import { runColdStartBench } from './coldStart.js';
import { runPredictionBench } from './prediction.js';

/**
 * `npm run bench [name …]`: the benchmarks, each printing its figures next to the reference it
 * is measured against in the same run. Long runs live here, never in the test suite.
 */
const benches: Record<string, () => Promise<void>> = {
  preprocess: runPreprocessBench,
  training: runTrainingBench,
  smote: runSmoteBench,
  durable: runDurableBench,
  http: runHttpApiBench,
  studio: runStudioBench,
  evaluation: runEvaluationBench,
  coldstart: runColdStartBench,
  prediction: runPredictionBench,
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !(name in benches));
  if (unknown.length > 0) {
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}.`);
  }
  const names = requested.length > 0 ? requested : Object.keys(benches);
  const cpus = os.cpus();
  console.log(
    `Benchmarks on ${new Date().toISOString().slice(0, 10)}: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  for (const name of names) {
    const run = benches[name];
    if (run === undefined) continue;
    console.log(`\n=== ${name}`);
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
