import { Mulberry32 } from '../../../src/platform/random/mulberry32.js';
import type { WindowSet } from '../../../src/domain/training/windows.js';

/**
 * Windows in the pipeline's shapes (EDA, TEMP 32 at 4 Hz; BVP, ACC 256 at 32 Hz) where stress
 * raises EDA, speeds the pulse and lowers skin temperature, each with noise so that the classes
 * overlap a little: what a feature model should separate, but not perfectly.
 */
export function stressWindows(count: number, seed: number): WindowSet {
  const random = new Mulberry32(seed);
  const noise = (scale: number): number => (random.next() - 0.5) * 2 * scale;
  const eda = new Float32Array(count * 32);
  const temp = new Float32Array(count * 32);
  const bvp = new Float32Array(count * 256);
  const acc = new Float32Array(count * 256);
  const labels = new Uint8Array(count);
  for (let w = 0; w < count; w++) {
    const stress = random.next() < 0.3 ? 1 : 0;
    labels[w] = stress;
    const edaLevel = (stress === 1 ? 0.8 : -0.3) + noise(0.9);
    const tempLevel = (stress === 1 ? -0.4 : 0.2) + noise(0.9);
    for (let i = 0; i < 32; i++) {
      eda[w * 32 + i] = edaLevel + 0.02 * i + noise(0.2);
      temp[w * 32 + i] = tempLevel + noise(0.1);
    }
    const pulseHz = (stress === 1 ? 1.6 : 1.1) + noise(0.25);
    const phase = random.next() * 2 * Math.PI;
    for (let i = 0; i < 256; i++) {
      bvp[w * 256 + i] = Math.sin(2 * Math.PI * pulseHz * (i / 32) + phase) + noise(0.3);
      acc[w * 256 + i] = noise(1);
    }
  }
  return { count, signals: { EDA: eda, BVP: bvp, TEMP: temp, ACC: acc }, labels };
}
