import type { TrainingParams } from '../model/params.js';
import type { WindowSet } from '../windows.js';
import type { KernelChoice } from './kernelChoice.js';
import type { DropoutDraw } from './network.js';
import type { CompiledModule } from './wasmKernels.js';

/** What the shard worker is started with: enough to build the same network as the main thread. */
export interface ShardWorkerData {
  params: TrainingParams;
  kernels: KernelChoice;
  /** The main thread's compiled kernels: the worker then starts on code V8 has already optimised. */
  compiledKernels?: CompiledModule;
}

export type ShardRequest =
  | { type: 'windows'; windows: WindowSet }
  | { type: 'train'; id: number; parameters: Float32Array; indices: Uint32Array; dropout: DropoutDraw }
  | { type: 'predict'; id: number; parameters: Float32Array; windows: WindowSet };

export type ShardReply =
  | { type: 'ready'; kernelName: string }
  | { type: 'trained'; id: number; loss: number; gradients: Float32Array; probabilities: Float32Array }
  | { type: 'predicted'; id: number; probabilities: Float32Array }
  | { type: 'failed'; id: number; message: string };
