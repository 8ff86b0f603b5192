/** `wasm`: the SIMD kernels from `npm run build:kernels` (JavaScript if not built); `js`: always JavaScript. */
export type KernelChoice = 'wasm' | 'js';
