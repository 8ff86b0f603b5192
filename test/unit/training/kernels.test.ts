import { describe, expect, it } from 'vitest';
import {
  jsKernels,
  type ConvGeometry,
  type EngineKernels,
  type StepGeometry,
} from '../../../src/domain/training/engine/kernels.js';
import { loadWasmKernels } from '../../../src/domain/training/engine/wasmKernels.js';
import { SeededRandom } from '../../../src/domain/training/random.js';

// A convolution whose rows overlap (stride 3 < 7 inputs per row), an odd row count and outputs that are not a
// multiple of 16, so the kernels' paired-row, SIMD and scalar-remainder paths all run.
const conv: ConvGeometry = { samples: 3, sampleStride: 40, rowsPerSample: 11, rowStride: 3, k: 7, n: 37 };
const steps: StepGeometry = { samples: 3, steps: 9, channels: 8 };
const REGION = 4096;

interface Pair {
  js: EngineKernels;
  wasm: EngineKernels;
  jsMemory: Float32Array;
  wasmMemory: Float32Array;
  /** Float offset of the i-th test region, the same in both memories. */
  at: (region: number) => number;
}

async function both(): Promise<Pair> {
  const wasm = await loadWasmKernels(8 * REGION);
  if (!wasm) throw new Error('the WebAssembly kernels are not built (npm run build:kernels)');
  const base = wasm.firstFreeFloat;
  const js = new Float32Array(base + 8 * REGION);
  const random = new SeededRandom(1);
  for (let i = base; i < js.length; i++) js[i] = random.next() * 2 - 1;
  wasm.memory.set(js.subarray(base), base);
  return {
    js: jsKernels(js),
    wasm: wasm.kernels,
    jsMemory: js,
    wasmMemory: wasm.memory,
    at: (region) => base + region * REGION,
  };
}

function expectSameRegion(a: Float32Array, b: Float32Array, from: number, size: number): void {
  for (let i = from; i < from + size; i++) expect(b[i] ?? Number.NaN).toBeCloseTo(a[i] ?? Number.NaN, 4);
}

describe('the WebAssembly kernels agree with the JavaScript kernels', () => {
  it.each([false, true])('forward (relu %s)', async (relu) => {
    const { js, wasm, jsMemory, wasmMemory, at } = await both();
    for (const kernels of [js, wasm]) kernels.forward(at(0), at(1), at(2), at(3), conv, relu);
    expectSameRegion(jsMemory, wasmMemory, at(3), conv.samples * conv.rowsPerSample * conv.n);
  });

  it('gradWeights and gradInput', async () => {
    const { js, wasm, jsMemory, wasmMemory, at } = await both();
    for (const kernels of [js, wasm]) {
      kernels.gradWeights(at(0), at(1), at(2), at(3), conv);
      kernels.gradInput(at(1), at(4), at(5), conv);
    }
    expectSameRegion(jsMemory, wasmMemory, at(2), conv.k * conv.n);
    expectSameRegion(jsMemory, wasmMemory, at(3), conv.n);
    expectSameRegion(jsMemory, wasmMemory, at(5), conv.samples * conv.sampleStride);
  });

  it.each([false, true])('pooling and averaging over steps (relu %s)', async (relu) => {
    const { js, wasm, jsMemory, wasmMemory, at } = await both();
    for (const kernels of [js, wasm]) {
      kernels.maxPool(at(0), at(1), steps);
      kernels.maxPoolGrad(at(0), at(2), at(3), steps, relu);
      kernels.meanSteps(at(0), at(4), steps, 20);
      kernels.meanStepsGrad(at(5), at(0), at(6), steps, 20, relu);
    }
    const size = steps.samples * steps.steps * steps.channels;
    expectSameRegion(jsMemory, wasmMemory, at(1), size / 2);
    expectSameRegion(jsMemory, wasmMemory, at(3), size);
    expectSameRegion(jsMemory, wasmMemory, at(4), 20 * steps.samples);
    expectSameRegion(jsMemory, wasmMemory, at(6), size);
  });
});
