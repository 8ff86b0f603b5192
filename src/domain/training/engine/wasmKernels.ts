import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConvGeometry, EngineKernels } from './kernels.js';

/** Where `npm run build:kernels` writes the compiled kernels, relative to the package root. */
export const WASM_KERNELS_PATH = join('dist', 'kernels', 'linear-kernels.wasm');

const PAGE_BYTES = 65536;
/** The first page stays the module's own; a transposed weight matrix of up to 64 Ki floats follows it. */
const SCRATCH_FLOAT = PAGE_BYTES / 4;
const SCRATCH_FLOATS = 65536;
const FIRST_FREE_FLOAT = SCRATCH_FLOAT + SCRATCH_FLOATS;

interface KernelExports {
  gemmRows(
    x: number,
    w: number,
    bias: number,
    hasBias: number,
    y: number,
    samples: number,
    sampleStride: number,
    rows: number,
    rowStride: number,
    k: number,
    n: number,
    outSampleStride: number,
    outRowStride: number,
    accumulate: number,
    relu: number,
  ): void;
  gradWeights(
    x: number,
    dy: number,
    dw: number,
    dbias: number,
    samples: number,
    sampleStride: number,
    rows: number,
    rowStride: number,
    k: number,
    n: number,
  ): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
  maxPool(src: number, dst: number, samples: number, inSteps: number, outSteps: number, channels: number): void;
  maxPoolGrad(
    src: number,
    gradOut: number,
    gradIn: number,
    samples: number,
    inSteps: number,
    outSteps: number,
    channels: number,
    relu: number,
  ): void;
  meanSteps(src: number, dst: number, samples: number, steps: number, channels: number, dstStride: number): void;
  meanStepsGrad(
    gradDst: number,
    act: number,
    gradSrc: number,
    samples: number,
    steps: number,
    channels: number,
    dstStride: number,
    relu: number,
  ): void;
}

/**
 * The slice of the WebAssembly JS API used here: the project's lib settings (ES2023, no DOM) do not declare it,
 * although Node.js provides it globally.
 */
interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
  compile(bytes: Uint8Array): Promise<CompiledModule>;
  instantiate(module: CompiledModule, imports: Record<string, Record<string, unknown>>): Promise<{ exports: unknown }>;
}
/** A compiled WebAssembly.Module; posting one to a worker shares its machine code, optimised tiers included. */
export interface CompiledModule {
  readonly kind?: 'compiled WebAssembly module';
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

export interface WasmKernels {
  memory: Float32Array;
  firstFreeFloat: number;
  kernels: EngineKernels;
}

let compiled: Promise<CompiledModule | undefined> | undefined;

/**
 * WebAssembly SIMD kernels over a fresh memory with room for `arenaFloats` floats, or undefined when the
 * kernels have not been built (then the engine runs its JavaScript kernels, about 20× slower).
 */
export async function loadWasmKernels(arenaFloats: number, shared?: CompiledModule): Promise<WasmKernels | undefined> {
  const module = shared ?? (await compiledKernels());
  if (!module) return undefined;
  const pages = Math.ceil(((FIRST_FREE_FLOAT + arenaFloats) * 4) / PAGE_BYTES);
  const wasmMemory = new wasm.Memory({ initial: pages, maximum: pages });
  const instance = await wasm.instantiate(module, {
    env: {
      memory: wasmMemory,
      abort: () => {
        throw new Error('the WebAssembly kernels aborted');
      },
    },
  });
  const exports = instance.exports as KernelExports;
  const memory = new Float32Array(wasmMemory.buffer);
  return { memory, firstFreeFloat: FIRST_FREE_FLOAT, kernels: wasmEngineKernels(exports, memory) };
}

/** The kernels compiled once per thread, or undefined when they have not been built. */
export function compiledKernels(): Promise<CompiledModule | undefined> {
  compiled ??= compileKernels();
  return compiled;
}

async function compileKernels(): Promise<CompiledModule | undefined> {
  const path = findKernelFile(dirname(fileURLToPath(import.meta.url)));
  if (path === undefined) return undefined;
  return wasm.compile(await readFile(path));
}

/** Walks up from this module (src/… under vitest, dist/src/… when built) to the package root's build output. */
function findKernelFile(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, WASM_KERNELS_PATH);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function wasmEngineKernels(exports: KernelExports, m: Float32Array): EngineKernels {
  return {
    name: 'wasm',
    forward(x, w, bias, y, g: ConvGeometry, relu) {
      const rowsOut = g.rowsPerSample * g.n;
      exports.gemmRows(
        x * 4,
        w * 4,
        bias * 4,
        1,
        y * 4,
        g.samples,
        g.sampleStride,
        g.rowsPerSample,
        g.rowStride,
        g.k,
        g.n,
        rowsOut,
        g.n,
        0,
        relu ? 1 : 0,
      );
    },
    gradWeights(x, dy, dw, dbias, g) {
      exports.gradWeights(
        x * 4,
        dy * 4,
        dw * 4,
        dbias * 4,
        g.samples,
        g.sampleStride,
        g.rowsPerSample,
        g.rowStride,
        g.k,
        g.n,
      );
    },
    gradInput(dy, w, dx, g) {
      // dx = dy · Wᵀ with overlapping output rows: the same row kernel, reading a transposed W and accumulating.
      if (g.k * g.n > SCRATCH_FLOATS) throw new RangeError(`a ${g.k}×${g.n} weight exceeds the kernels' scratch`);
      exports.transpose(w * 4, SCRATCH_FLOAT * 4, g.k, g.n);
      m.fill(0, dx, dx + g.samples * g.sampleStride);
      exports.gemmRows(
        dy * 4,
        SCRATCH_FLOAT * 4,
        0,
        0,
        dx * 4,
        g.samples,
        g.rowsPerSample * g.n,
        g.rowsPerSample,
        g.n,
        g.n,
        g.k,
        g.sampleStride,
        g.rowStride,
        1,
        0,
      );
    },
    maxPool(input, pooled, g) {
      exports.maxPool(input * 4, pooled * 4, g.samples, g.steps, Math.floor(g.steps / 2), g.channels);
    },
    maxPoolGrad(input, gradPooled, gradInput, g, relu) {
      exports.maxPoolGrad(
        input * 4,
        gradPooled * 4,
        gradInput * 4,
        g.samples,
        g.steps,
        Math.floor(g.steps / 2),
        g.channels,
        relu ? 1 : 0,
      );
    },
    meanSteps(input, means, g, meanStride) {
      exports.meanSteps(input * 4, means * 4, g.samples, g.steps, g.channels, meanStride);
    },
    meanStepsGrad(gradMeans, input, gradInput, g, meanStride, relu) {
      exports.meanStepsGrad(
        gradMeans * 4,
        input * 4,
        gradInput * 4,
        g.samples,
        g.steps,
        g.channels,
        meanStride,
        relu ? 1 : 0,
      );
    },
  };
}
