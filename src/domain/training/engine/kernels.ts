/**
 * The dense linear algebra of the network, written once as "a row of K inputs times a K×N matrix" because both
 * convolutions (rows overlap: row t starts rowStride floats after row t-1, which is im2col without the copy)
 * and both dense layers (one row per sample) have that shape. Offsets are float indices into one memory.
 */
export interface ConvGeometry {
  samples: number;
  /** Floats between the first input of consecutive samples. */
  sampleStride: number;
  rowsPerSample: number;
  /** Floats between the first input of consecutive rows of a sample. */
  rowStride: number;
  /** Inputs per row (kernel size × input channels). */
  k: number;
  /** Outputs per row (filters or units). */
  n: number;
}

/** A `[samples, steps, channels]` tensor; channels are a multiple of 4 (the filter counts 32 and 64). */
export interface StepGeometry {
  samples: number;
  steps: number;
  channels: number;
}

export interface EngineKernels {
  readonly name: string;
  /** y[row, :] = bias + x[row, :] · W, rows written contiguously; with `relu`, max(0, ·) of that. */
  forward(x: number, w: number, bias: number, y: number, g: ConvGeometry, relu: boolean): void;
  /** dW += Σ_rows x[row]ᵀ dy[row]; dBias += Σ_rows dy[row]. */
  gradWeights(x: number, dy: number, dw: number, dbias: number, g: ConvGeometry): void;
  /** dx = Σ over rows that read each input of W · dy[row] (dx is overwritten). */
  gradInput(dy: number, w: number, dx: number, g: ConvGeometry): void;
  /** Max-pooling by 2 along steps: `input` has `g.steps` steps, `pooled` floor(g.steps / 2). */
  maxPool(input: number, pooled: number, g: StepGeometry): void;
  /**
   * Overwrites `gradInput` with each pooled gradient routed to the larger input (the first on ties) and zero
   * elsewhere; with `relu` also zero where that input is not positive (relu's derivative, fused).
   */
  maxPoolGrad(input: number, gradPooled: number, gradInput: number, g: StepGeometry, relu: boolean): void;
  /** means[s * meanStride + c] = mean over steps of input[s, step, c]. */
  meanSteps(input: number, means: number, g: StepGeometry, meanStride: number): void;
  /** gradInput[s, step, c] = gradMeans[s * meanStride + c] / steps, zero where `relu` and input ≤ 0. */
  meanStepsGrad(
    gradMeans: number,
    input: number,
    gradInput: number,
    g: StepGeometry,
    meanStride: number,
    relu: boolean,
  ): void;
}

export function jsKernels(m: Float32Array): EngineKernels {
  return {
    name: 'js',
    forward(x, w, bias, y, { samples, sampleStride, rowsPerSample, rowStride, k, n }, relu) {
      for (let s = 0; s < samples; s++) {
        for (let t = 0; t < rowsPerSample; t++) {
          const xRow = x + s * sampleStride + t * rowStride;
          const yRow = y + (s * rowsPerSample + t) * n;
          for (let o = 0; o < n; o++) m[yRow + o] = m[bias + o] ?? 0;
          for (let j = 0; j < k; j++) {
            const xv = m[xRow + j] ?? 0;
            if (xv === 0) continue;
            const wRow = w + j * n;
            for (let o = 0; o < n; o++) m[yRow + o] = (m[yRow + o] ?? 0) + xv * (m[wRow + o] ?? 0);
          }
          if (relu) for (let o = 0; o < n; o++) if (!((m[yRow + o] ?? 0) > 0)) m[yRow + o] = 0;
        }
      }
    },
    gradWeights(x, dy, dw, dbias, { samples, sampleStride, rowsPerSample, rowStride, k, n }) {
      for (let s = 0; s < samples; s++) {
        for (let t = 0; t < rowsPerSample; t++) {
          const xRow = x + s * sampleStride + t * rowStride;
          const dyRow = dy + (s * rowsPerSample + t) * n;
          for (let o = 0; o < n; o++) m[dbias + o] = (m[dbias + o] ?? 0) + (m[dyRow + o] ?? 0);
          for (let j = 0; j < k; j++) {
            const xv = m[xRow + j] ?? 0;
            if (xv === 0) continue;
            const dwRow = dw + j * n;
            for (let o = 0; o < n; o++) m[dwRow + o] = (m[dwRow + o] ?? 0) + xv * (m[dyRow + o] ?? 0);
          }
        }
      }
    },
    gradInput(dy, w, dx, { samples, sampleStride, rowsPerSample, rowStride, k, n }) {
      for (let s = 0; s < samples; s++) {
        const dxSample = dx + s * sampleStride;
        m.fill(0, dxSample, dxSample + sampleStride);
        for (let t = 0; t < rowsPerSample; t++) {
          const dxRow = dxSample + t * rowStride;
          const dyRow = dy + (s * rowsPerSample + t) * n;
          for (let j = 0; j < k; j++) {
            const wRow = w + j * n;
            let sum = 0;
            for (let o = 0; o < n; o++) sum += (m[wRow + o] ?? 0) * (m[dyRow + o] ?? 0);
            m[dxRow + j] = (m[dxRow + j] ?? 0) + sum;
          }
        }
      }
    },
    maxPool(input, pooled, { samples, steps, channels }) {
      const outSteps = Math.floor(steps / 2);
      for (let s = 0; s < samples; s++) {
        for (let t = 0; t < outSteps; t++) {
          const a = input + (s * steps + 2 * t) * channels;
          const d = pooled + (s * outSteps + t) * channels;
          for (let c = 0; c < channels; c++) m[d + c] = Math.max(m[a + c] ?? 0, m[a + channels + c] ?? 0);
        }
      }
    },
    maxPoolGrad(input, gradPooled, gradInput, { samples, steps, channels }, relu) {
      const outSteps = Math.floor(steps / 2);
      m.fill(0, gradInput, gradInput + samples * steps * channels);
      for (let s = 0; s < samples; s++) {
        for (let t = 0; t < outSteps; t++) {
          const a = (s * steps + 2 * t) * channels;
          const go = gradPooled + (s * outSteps + t) * channels;
          for (let c = 0; c < channels; c++) {
            const first = m[input + a + c] ?? 0;
            const second = m[input + a + channels + c] ?? 0;
            const winner = first >= second ? a + c : a + channels + c;
            const winning = first >= second ? first : second;
            m[gradInput + winner] = relu && !(winning > 0) ? 0 : (m[go + c] ?? 0);
          }
        }
      }
    },
    meanSteps(input, means, { samples, steps, channels }, meanStride) {
      for (let s = 0; s < samples; s++) {
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          for (let t = 0; t < steps; t++) sum += m[input + (s * steps + t) * channels + c] ?? 0;
          m[means + s * meanStride + c] = sum / steps;
        }
      }
    },
    meanStepsGrad(gradMeans, input, gradInput, { samples, steps, channels }, meanStride, relu) {
      for (let s = 0; s < samples; s++) {
        for (let t = 0; t < steps; t++) {
          const row = (s * steps + t) * channels;
          for (let c = 0; c < channels; c++) {
            const g = (m[gradMeans + s * meanStride + c] ?? 0) / steps;
            m[gradInput + row + c] = relu && !((m[input + row + c] ?? 0) > 0) ? 0 : g;
          }
        }
      }
    },
  };
}
