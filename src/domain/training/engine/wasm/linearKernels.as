// AssemblyScript source of the embedded engine's SIMD kernels (see ../kernels.ts for their contract).
// Compiled by `npm run build:kernels`; all pointers are byte addresses in the imported memory.
// Register blocking: two rows by sixteen outputs (eight f32x4 accumulators) keeps every accumulator in a
// register on x64's sixteen vector registers while each weight vector loaded serves two rows.

@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.relaxed_madd(a, b, acc);
}

// y[row] (=|+=) bias + x[row] · W, for rows addressed as sample*stride + step*rowStride on both sides.
export function gemmRows(
  x: usize, w: usize, bias: usize, hasBias: i32, y: usize,
  samples: i32, sampleStride: i32, rows: i32, rowStride: i32, k: i32, n: i32,
  outSampleStride: i32, outRowStride: i32, accumulate: i32, relu: i32,
): void {
  const zero = f32x4.splat(0);
  const total = samples * rows;
  const n16 = n & ~15;
  let s = 0;
  let t = 0;
  for (let r = 0; r < total; r += 2) {
    const x0 = x + (<usize>(s * sampleStride + t * rowStride) << 2);
    const y0 = y + (<usize>(s * outSampleStride + t * outRowStride) << 2);
    t++;
    if (t == rows) { t = 0; s++; }
    const pair = r + 1 < total;
    // An odd last row is paired with itself and its second result discarded.
    const x1 = pair ? x + (<usize>(s * sampleStride + t * rowStride) << 2) : x0;
    const y1 = pair ? y + (<usize>(s * outSampleStride + t * outRowStride) << 2) : y0;
    if (pair) {
      t++;
      if (t == rows) { t = 0; s++; }
    }
    for (let o = 0; o < n16; o += 16) {
      const ob = <usize>o << 2;
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
      if (hasBias) {
        a0 = v128.load(bias + ob); a1 = v128.load(bias + ob, 16);
        a2 = v128.load(bias + ob, 32); a3 = v128.load(bias + ob, 48);
      }
      let b0 = a0, b1 = a1, b2 = a2, b3 = a3;
      let wp = w + ob;
      const wStep = <usize>n << 2;
      for (let j = 0; j < k; j++) {
        const w0 = v128.load(wp), w1 = v128.load(wp, 16), w2 = v128.load(wp, 32), w3 = v128.load(wp, 48);
        const s0 = v128.load32_splat(x0 + (<usize>j << 2));
        const s1 = v128.load32_splat(x1 + (<usize>j << 2));
        a0 = madd(a0, s0, w0); a1 = madd(a1, s0, w1); a2 = madd(a2, s0, w2); a3 = madd(a3, s0, w3);
        b0 = madd(b0, s1, w0); b1 = madd(b1, s1, w1); b2 = madd(b2, s1, w2); b3 = madd(b3, s1, w3);
        wp += wStep;
      }
      // Rows may overlap in y (the input gradient of a convolution): finish row 0 before reading row 1.
      const p0 = y0 + ob;
      if (accumulate) {
        a0 = f32x4.add(a0, v128.load(p0)); a1 = f32x4.add(a1, v128.load(p0, 16));
        a2 = f32x4.add(a2, v128.load(p0, 32)); a3 = f32x4.add(a3, v128.load(p0, 48));
      }
      if (relu) {
        a0 = f32x4.max(a0, zero); a1 = f32x4.max(a1, zero); a2 = f32x4.max(a2, zero); a3 = f32x4.max(a3, zero);
      }
      v128.store(p0, a0); v128.store(p0, a1, 16); v128.store(p0, a2, 32); v128.store(p0, a3, 48);
      if (pair) {
        const p1 = y1 + ob;
        if (accumulate) {
          b0 = f32x4.add(b0, v128.load(p1)); b1 = f32x4.add(b1, v128.load(p1, 16));
          b2 = f32x4.add(b2, v128.load(p1, 32)); b3 = f32x4.add(b3, v128.load(p1, 48));
        }
        if (relu) {
          b0 = f32x4.max(b0, zero); b1 = f32x4.max(b1, zero); b2 = f32x4.max(b2, zero); b3 = f32x4.max(b3, zero);
        }
        v128.store(p1, b0); v128.store(p1, b1, 16); v128.store(p1, b2, 32); v128.store(p1, b3, 48);
      }
    }
    for (let o = n16; o < n; o++) {
      let a: f32 = hasBias ? load<f32>(bias + (<usize>o << 2)) : 0;
      let b: f32 = a;
      for (let j = 0; j < k; j++) {
        const wv = load<f32>(w + (<usize>(j * n + o) << 2));
        a += load<f32>(x0 + (<usize>j << 2)) * wv;
        b += load<f32>(x1 + (<usize>j << 2)) * wv;
      }
      const q0 = y0 + (<usize>o << 2);
      a = accumulate ? load<f32>(q0) + a : a;
      store<f32>(q0, relu && a < 0 ? 0 : a);
      if (pair) {
        const q1 = y1 + (<usize>o << 2);
        b = accumulate ? load<f32>(q1) + b : b;
        store<f32>(q1, relu && b < 0 ? 0 : b);
      }
    }
  }
}

// dW[j, :] += Σ_rows x[row, j] · dy[row, :]; dBias += Σ_rows dy[row, :]; dy rows are contiguous.
export function gradWeights(
  x: usize, dy: usize, dw: usize, dbias: usize,
  samples: i32, sampleStride: i32, rows: i32, rowStride: i32, k: i32, n: i32,
): void {
  const total = samples * rows;
  const n16 = n & ~15;
  const dyStep = <usize>n << 2;
  for (let o = 0; o < n16; o += 16) {
    const ob = <usize>o << 2;
    let a0 = v128.load(dbias + ob), a1 = v128.load(dbias + ob, 16);
    let a2 = v128.load(dbias + ob, 32), a3 = v128.load(dbias + ob, 48);
    let dp = dy + ob;
    for (let r = 0; r < total; r++) {
      a0 = f32x4.add(a0, v128.load(dp)); a1 = f32x4.add(a1, v128.load(dp, 16));
      a2 = f32x4.add(a2, v128.load(dp, 32)); a3 = f32x4.add(a3, v128.load(dp, 48));
      dp += dyStep;
    }
    v128.store(dbias + ob, a0); v128.store(dbias + ob, a1, 16);
    v128.store(dbias + ob, a2, 32); v128.store(dbias + ob, a3, 48);
  }
  for (let o = n16; o < n; o++) {
    let a: f32 = 0;
    for (let r = 0; r < total; r++) a += load<f32>(dy + (<usize>(r * n + o) << 2));
    store<f32>(dbias + (<usize>o << 2), load<f32>(dbias + (<usize>o << 2)) + a);
  }
  // Rows go in chunks whose dy rows stay in L1 while every (j, o) block of dW passes over them.
  const chunkRows = 64;
  let s0 = 0;
  let t0 = 0;
  for (let r0 = 0; r0 < total; r0 += chunkRows) {
    const chunk = min(chunkRows, total - r0);
    for (let j = 0; j < k; j += 2) {
      const pair = j + 1 < k;
      const j1 = pair ? j + 1 : j;
      const d0 = dw + (<usize>(j * n) << 2);
      const d1 = dw + (<usize>(j1 * n) << 2);
      for (let o = 0; o < n16; o += 16) {
        const ob = <usize>o << 2;
        let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
        let b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        let dp = dy + (<usize>(r0 * n) << 2) + ob;
        let s = s0;
        let t = t0;
        let xp = x + (<usize>(s * sampleStride + t * rowStride) << 2);
        for (let r = 0; r < chunk; r++) {
          const g0 = v128.load(dp), g1 = v128.load(dp, 16), g2 = v128.load(dp, 32), g3 = v128.load(dp, 48);
          const x0 = v128.load32_splat(xp + (<usize>j << 2));
          const x1 = v128.load32_splat(xp + (<usize>j1 << 2));
          a0 = madd(a0, x0, g0); a1 = madd(a1, x0, g1); a2 = madd(a2, x0, g2); a3 = madd(a3, x0, g3);
          b0 = madd(b0, x1, g0); b1 = madd(b1, x1, g1); b2 = madd(b2, x1, g2); b3 = madd(b3, x1, g3);
          dp += dyStep;
          t++;
          if (t == rows) {
            t = 0;
            s++;
            xp = x + (<usize>(s * sampleStride) << 2);
          } else {
            xp += <usize>rowStride << 2;
          }
        }
        const p0 = d0 + ob;
        v128.store(p0, f32x4.add(a0, v128.load(p0))); v128.store(p0, f32x4.add(a1, v128.load(p0, 16)), 16);
        v128.store(p0, f32x4.add(a2, v128.load(p0, 32)), 32); v128.store(p0, f32x4.add(a3, v128.load(p0, 48)), 48);
        if (pair) {
          const p1 = d1 + ob;
          v128.store(p1, f32x4.add(b0, v128.load(p1))); v128.store(p1, f32x4.add(b1, v128.load(p1, 16)), 16);
          v128.store(p1, f32x4.add(b2, v128.load(p1, 32)), 32); v128.store(p1, f32x4.add(b3, v128.load(p1, 48)), 48);
        }
      }
    }
    t0 += chunk;
    while (t0 >= rows) {
      t0 -= rows;
      s0++;
    }
  }
  for (let j = 0; j < k; j++) {
    for (let o = n16; o < n; o++) {
      let a: f32 = 0;
      for (let s = 0; s < samples; s++) {
        for (let t = 0; t < rows; t++) {
          const g = load<f32>(dy + (<usize>((s * rows + t) * n + o) << 2));
          a += load<f32>(x + (<usize>(s * sampleStride + t * rowStride + j) << 2)) * g;
        }
      }
      const q = dw + (<usize>(j * n + o) << 2);
      store<f32>(q, load<f32>(q) + a);
    }
  }
}

// dst[c, r] = src[r, c] for a rows × cols matrix.
export function transpose(src: usize, dst: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      store<f32>(dst + (<usize>(c * rows + r) << 2), load<f32>(src + (<usize>(r * cols + c) << 2)));
    }
  }
}

// The remaining passes work on [samples, steps, channels] tensors with channels a multiple of 4.

// dst[s, t, c] = max(src[s, 2t, c], src[s, 2t + 1, c]).
export function maxPool(src: usize, dst: usize, samples: i32, inSteps: i32, outSteps: i32, channels: i32): void {
  const rowBytes = <usize>channels << 2;
  for (let s = 0; s < samples; s++) {
    let a = src + <usize>(s * inSteps * channels) * 4;
    let d = dst + <usize>(s * outSteps * channels) * 4;
    for (let t = 0; t < outSteps; t++) {
      for (let c: usize = 0; c < rowBytes; c += 16) {
        v128.store(d + c, f32x4.max(v128.load(a + c), v128.load(a + rowBytes + c)));
      }
      a += rowBytes << 1;
      d += rowBytes;
    }
  }
}

// Routes each pooled gradient to the larger of its two inputs (the first on ties), zero elsewhere; with relu
// also zero where that input is not positive (the activation's derivative, fused).
export function maxPoolGrad(
  src: usize, gradOut: usize, gradIn: usize, samples: i32, inSteps: i32, outSteps: i32, channels: i32, relu: i32,
): void {
  const rowBytes = <usize>channels << 2;
  const zero = f32x4.splat(0);
  memory.fill(gradIn, 0, <usize>(samples * inSteps * channels) * 4);
  for (let s = 0; s < samples; s++) {
    let a = src + <usize>(s * inSteps * channels) * 4;
    let gi = gradIn + <usize>(s * inSteps * channels) * 4;
    let go = gradOut + <usize>(s * outSteps * channels) * 4;
    for (let t = 0; t < outSteps; t++) {
      for (let c: usize = 0; c < rowBytes; c += 16) {
        const va = v128.load(a + c);
        const vb = v128.load(a + rowBytes + c);
        const g = v128.load(go + c);
        const first = f32x4.ge(va, vb);
        let ga = v128.and(g, first);
        let gb = v128.andnot(g, first);
        if (relu) {
          ga = v128.and(ga, f32x4.gt(va, zero));
          gb = v128.and(gb, f32x4.gt(vb, zero));
        }
        v128.store(gi + c, ga);
        v128.store(gi + rowBytes + c, gb);
      }
      a += rowBytes << 1;
      gi += rowBytes << 1;
      go += rowBytes;
    }
  }
}

// dst[s * dstStride + c] = mean over t of src[s, t, c].
export function meanSteps(src: usize, dst: usize, samples: i32, steps: i32, channels: i32, dstStride: i32): void {
  const rowBytes = <usize>channels << 2;
  const scale = f32x4.splat(<f32>1 / <f32>steps);
  for (let s = 0; s < samples; s++) {
    const base = src + <usize>(s * steps * channels) * 4;
    const d = dst + <usize>(s * dstStride) * 4;
    for (let c: usize = 0; c < rowBytes; c += 16) {
      let acc = f32x4.splat(0);
      let p = base + c;
      for (let t = 0; t < steps; t++) {
        acc = f32x4.add(acc, v128.load(p));
        p += rowBytes;
      }
      v128.store(d + c, f32x4.mul(acc, scale));
    }
  }
}

// gradSrc[s, t, c] = gradDst[s * dstStride + c] / steps, masked by act > 0 with relu.
export function meanStepsGrad(
  gradDst: usize, act: usize, gradSrc: usize, samples: i32, steps: i32, channels: i32, dstStride: i32, relu: i32,
): void {
  const rowBytes = <usize>channels << 2;
  const scale = f32x4.splat(<f32>1 / <f32>steps);
  const zero = f32x4.splat(0);
  for (let s = 0; s < samples; s++) {
    const g = gradDst + <usize>(s * dstStride) * 4;
    const offset = <usize>(s * steps * channels) * 4;
    for (let t = 0; t < steps; t++) {
      const row = offset + <usize>t * rowBytes;
      for (let c: usize = 0; c < rowBytes; c += 16) {
        let v = f32x4.mul(v128.load(g + c), scale);
        if (relu) v = v128.and(v, f32x4.gt(v128.load(act + row + c), zero));
        v128.store(gradSrc + row + c, v);
      }
    }
  }
}
