import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WindowSet } from '../windows.js';
import type { DropoutDraw } from './network.js';
import type { ShardReply, ShardRequest, ShardWorkerData } from './shardProtocol.js';

/** The worker runs compiled JavaScript: beside this module when built, else in the build output (under vitest). */
const BUILT_WORKER = join('dist', 'src', 'domain', 'training', 'engine', 'shardWorker.js');

export interface ShardGradients {
  loss: number;
  gradients: Float32Array;
  probabilities: Float32Array;
}

interface Pending {
  resolve: (reply: ShardReply) => void;
  reject: (error: Error) => void;
}

/** The main thread's handle on the shard worker: request/reply over messages, one request id per call. */
export class RemoteShard {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ShardReply) => {
      if (reply.type === 'ready') return;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.type === 'failed') waiting.reject(new Error(`shard worker: ${reply.message}`));
      else waiting.resolve(reply);
    });
    const fail = (error: Error): void => {
      this.failure = error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      fail(new Error(`shard worker exited with code ${code}`));
    });
  }

  /**
   * Starts a worker whose network matches the caller's (same kernels), or returns undefined when no compiled
   * worker script exists (then the caller computes both shards itself, with identical results).
   */
  static async start(data: ShardWorkerData, expectedKernels: string): Promise<RemoteShard | undefined> {
    const script = findWorkerScript();
    if (script === undefined) return undefined;
    const worker = new Worker(script, { workerData: data });
    const ready = await new Promise<ShardReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const shard = new RemoteShard(worker);
    // An idle worker must not keep a finished process (a test run, a script) alive; a busy one must.
    worker.unref();
    if (ready.type !== 'ready' || ready.kernelName !== expectedKernels) {
      await shard.close();
      return undefined;
    }
    return shard;
  }

  setWindows(windows: WindowSet): void {
    this.worker.postMessage({ type: 'windows', windows } satisfies ShardRequest);
  }

  async train(parameters: Float32Array, indices: Uint32Array, dropout: DropoutDraw): Promise<ShardGradients> {
    const reply = await this.request({ type: 'train', id: this.nextId++, parameters, indices, dropout });
    if (reply.type !== 'trained') throw new Error(`shard worker answered ${reply.type} to train`);
    return reply;
  }

  async predict(parameters: Float32Array, windows: WindowSet): Promise<Float32Array> {
    const reply = await this.request({ type: 'predict', id: this.nextId++, parameters, windows });
    if (reply.type !== 'predicted') throw new Error(`shard worker answered ${reply.type} to predict`);
    return reply.probabilities;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private request(message: Extract<ShardRequest, { id: number }>): Promise<ShardReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage(message);
    });
  }
}

function findWorkerScript(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), 'shardWorker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  for (let dir = dirname(here); ; dir = dirname(dir)) {
    const candidate = join(dir, BUILT_WORKER);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
