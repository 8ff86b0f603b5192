import type { Activation } from '../model/params.js';

/** Applies the activation in place over m[from, to). */
export function activateInPlace(m: Float32Array, from: number, to: number, activation: Activation): void {
  switch (activation) {
    case 'relu':
      for (let i = from; i < to; i++) if (!((m[i] ?? 0) > 0)) m[i] = 0;
      return;
    case 'elu':
      for (let i = from; i < to; i++) {
        const z = m[i] ?? 0;
        if (z < 0) m[i] = Math.expm1(z);
      }
      return;
    case 'tanh':
      for (let i = from; i < to; i++) m[i] = Math.tanh(m[i] ?? 0);
      return;
    case 'sigmoid':
      for (let i = from; i < to; i++) m[i] = 1 / (1 + Math.exp(-(m[i] ?? 0)));
      return;
    case 'linear':
      return;
  }
}

/**
 * Multiplies grad[i] by the activation's derivative, written in terms of the activation's output so the
 * forward pass need not keep pre-activations.
 */
export function multiplyByDerivative(
  m: Float32Array,
  grad: number,
  output: number,
  count: number,
  activation: Activation,
): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < count; i++) if (!((m[output + i] ?? 0) > 0)) m[grad + i] = 0;
      return;
    case 'elu':
      for (let i = 0; i < count; i++) {
        const y = m[output + i] ?? 0;
        if (y < 0) m[grad + i] = (m[grad + i] ?? 0) * (y + 1);
      }
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) {
        const y = m[output + i] ?? 0;
        m[grad + i] = (m[grad + i] ?? 0) * (1 - y * y);
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) {
        const y = m[output + i] ?? 0;
        m[grad + i] = (m[grad + i] ?? 0) * y * (1 - y);
      }
      return;
    case 'linear':
      return;
  }
}
