import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { sharedDirectory } from '../support/projectPaths.js';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { embeddedBackend } from '../../src/domain/training/backends/embeddedBackend.js';
import { tfjsBackend } from '../../src/domain/training/backends/tfjsBackend.js';
import type { TrainingBackend } from '../../src/domain/training/backends/types.js';
import { modelLayout } from '../../src/domain/training/model/architecture.js';
import { parseTrainingParams, type TrainingParams } from '../../src/domain/training/model/params.js';
import { SeededRandom } from '../../src/domain/training/random.js';
import { selectWindows, type WindowSet } from '../../src/domain/training/windows.js';

const run = promisify(execFile);

/** Windows per measurement: enough for a stable rate from the fast backends, small enough to stay well under a minute. */
const FAST_WINDOWS = 2048;
const ROUNDS = 3;
const SLOW_WINDOWS = 32;
/** torch_reference.py's default; the 1-thread run shows what one core gives each side. */
const TORCH_THREADS = 2;

interface Rates {
  train: number;
  infer: number;
}

/**
 * Training and inference samples/s of every available backend for the design's model (batch 32, inputs EDA 32,
 * BVP 256, TEMP 32, ACC 256, random data), next to PyTorch running torch_reference.py's identical model on the
 * same machine in the same run, so the ratios compare like with like.
 */
export async function runTrainingBench(): Promise<void> {
  const params = parseTrainingParams({ epochs: 1, batch_size: 32, shuffle_buffer_size: 1 });
  const fast = randomWindows(params, FAST_WINDOWS);
  const contenders: { name: string; note: string; run: () => Promise<Rates | string> }[] = [
    {
      name: 'torch-reference',
      note: `${TORCH_THREADS} threads`,
      run: () => torchReference(FAST_WINDOWS, TORCH_THREADS),
    },
    { name: 'torch-reference', note: '1 thread', run: () => torchReference(FAST_WINDOWS, 1) },
    {
      name: 'embedded-wasm',
      note: '2 threads',
      run: () => measure(embeddedBackend({ kernels: 'wasm', threads: 2 }), params, fast),
    },
    {
      name: 'embedded-wasm',
      note: '1 thread',
      run: () => measure(embeddedBackend({ kernels: 'wasm', threads: 1 }), params, fast),
    },
  ];
  // Interleaved rounds, best of each: on a shared machine the best round is the one least disturbed by others.
  const best: (Rates | undefined)[] = contenders.map(() => undefined);
  const failures: (string | undefined)[] = contenders.map(() => undefined);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, contender] of contenders.entries()) {
      const rates = await contender.run();
      const previous = best[i];
      if (typeof rates === 'string') failures[i] = rates;
      else if (!previous) best[i] = rates;
      else best[i] = { train: Math.max(rates.train, previous.train), infer: Math.max(rates.infer, previous.infer) };
    }
  }
  const [torch, torchOneThread] = best;
  // Each embedded row is compared with PyTorch on as many threads; the slow rows with the 2-thread reference.
  const references = [undefined, undefined, torch, torchOneThread];
  contenders.forEach((contender, i) => {
    const note = best[i] ? `${contender.note}, best of ${ROUNDS} rounds` : `${contender.note}: ${failures[i] ?? ''}`;
    print(contender.name, best[i], note, references[i]);
  });
  const slow = randomWindows(params, SLOW_WINDOWS);
  const js = await measure(embeddedBackend({ kernels: 'js', threads: 1 }), params, slow);
  print('embedded-js', js, `JavaScript fallback kernels, 1 thread, ${SLOW_WINDOWS} windows`, torch);
  // Production mode silences tfjs' "install the node backend" banner, which would interrupt the table.
  tf.enableProdMode();
  await tf.setBackend('cpu');
  print('tfjs-cpu', await measure(tfjsBackend('tfjs-cpu'), params, slow), `${SLOW_WINDOWS} windows`, torch);
}

async function measure(backend: TrainingBackend, params: TrainingParams, windows: WindowSet): Promise<Rates> {
  // One untimed batch first, so compilation and allocation do not count against the rate.
  const warmup = await backend.train(params, selectWindows(windows, [0, 1]));
  await warmup.model.dispose();
  let started = performance.now();
  const { model } = await backend.train(params, windows);
  const train = windows.count / ((performance.now() - started) / 1000);
  started = performance.now();
  await model.predict(windows);
  const infer = windows.count / ((performance.now() - started) / 1000);
  await model.dispose();
  return { train, infer };
}

/** PyTorch's rates, or why it could not run. */
async function torchReference(windows: number, threads: number): Promise<Rates | string> {
  const source = join(sharedDirectory, 'bench', 'torch_reference.py');
  try {
    const { stdout } = await run('/usr/bin/python3', [source, String(windows), String(threads)], { timeout: 180_000 });
    const train = /train_samples_per_s=(\d+)/.exec(stdout)?.[1];
    const infer = /infer_samples_per_s=(\d+)/.exec(stdout)?.[1];
    if (train === undefined || infer === undefined) return `unexpected output: ${stdout.trim()}`;
    return { train: Number(train), infer: Number(infer) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `unavailable (apt-get install python3-torch): ${reason ?? ''}`;
  }
}

function print(name: string, rates: Rates | undefined, note: string, reference?: Rates): void {
  const cells = rates
    ? [`train_samples_per_s=${rates.train.toFixed(0)}`, `infer_samples_per_s=${rates.infer.toFixed(0)}`]
    : ['train_samples_per_s=- infer_samples_per_s=-'];
  if (rates && reference) {
    cells.push(`train_vs_torch=${(rates.train / reference.train).toFixed(2)}`);
    cells.push(`infer_vs_torch=${(rates.infer / reference.infer).toFixed(2)}`);
  }
  console.log(`training-bench ${name.padEnd(16)} ${cells.join(' ')}${note ? ` (${note})` : ''}`);
}

/** Standard-normal windows (as torch.randn) with random 0/1 labels, in the shapes the params give. */
function randomWindows(params: TrainingParams, count: number): WindowSet {
  const random = new SeededRandom(0);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const signals: WindowSet['signals'] = {};
  for (const b of modelLayout(params).branches) {
    signals[b.signal] = Float32Array.from({ length: count * b.length * b.channels }, normal);
  }
  return { count, signals, labels: Float32Array.from({ length: count }, () => (random.next() < 0.5 ? 0 : 1)) };
}
