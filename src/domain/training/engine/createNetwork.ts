import type { ModelLayout } from '../model/architecture.js';
import { Arena } from './arena.js';
import type { KernelChoice } from './kernelChoice.js';
import { jsKernels } from './kernels.js';
import { StressNetwork } from './network.js';
import { loadWasmKernels, type CompiledModule } from './wasmKernels.js';

/** Windows predicted per forward pass; large enough to amortise per-batch overhead, small enough for cache. */
const INFERENCE_BATCH = 64;

/** A network in a fresh arena, on the WebAssembly kernels when asked for and built, else the JavaScript ones. */
export async function createNetwork(
  layout: ModelLayout,
  batchSize: number,
  choice: KernelChoice,
  sharedKernels?: CompiledModule,
): Promise<{ network: StressNetwork; kernelName: string }> {
  const capacity = Math.max(batchSize, INFERENCE_BATCH);
  const floats = StressNetwork.arenaFloats(layout, capacity);
  if (choice === 'wasm') {
    const wasm = await loadWasmKernels(floats, sharedKernels);
    if (wasm) {
      const network = new StressNetwork(layout, capacity, new Arena(wasm.memory, wasm.firstFreeFloat), wasm.kernels);
      return { network, kernelName: wasm.kernels.name };
    }
  }
  const memory = new Float32Array(floats);
  const kernels = jsKernels(memory);
  return { network: new StressNetwork(layout, capacity, new Arena(memory), kernels), kernelName: kernels.name };
}
