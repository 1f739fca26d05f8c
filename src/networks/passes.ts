/**
 * One example's passes through the MLP, in the network's own parameters θ (types.ts layout), on preallocated
 * buffers (docs/networks.md "Maths"). Layers l = 1..L, a_0 = x:
 *
 *   forward    z_l = W_l a_{l−1} + b_l,  a_l = σ(z_l) (hidden),  f = z_L (linear output)
 *   output     cross-entropy ℓ = logΣ_i e^{f_i} − f_y,  δ_L = softmax(f) − e_y   (log-sum-exp shifted by max f)
 *              squared       ℓ = ½‖f − y‖²,             δ_L = f − y
 *   backward   ∂ℓ/∂W_l = δ_l a_{l−1}ᵀ,  ∂ℓ/∂b_l = δ_l,  g_{l−1} = W_lᵀ δ_l,  δ_{l−1} = σ'(z_{l−1}) ⊙ g_{l−1}
 *
 * and Pearlmutter's R-operator R{·} = d/dr(·)(θ + r v)|_{r=0} (Pearlmutter 1994, "Fast exact multiplication by the
 * Hessian"), forward over reverse, for the direction v = (V_l, c_l):
 *
 *   R-forward  R z_l = V_l a_{l−1} + W_l R a_{l−1} + c_l,  R a_l = σ'(z_l) ⊙ R z_l,  R a_0 = 0
 *   R-output   cross-entropy R δ_L = p ⊙ R f − p (pᵀ R f)  (p = softmax f);  squared R δ_L = R f
 *   R-backward R(∂ℓ/∂W_l) = R δ_l a_{l−1}ᵀ + δ_l (R a_{l−1})ᵀ,  R(∂ℓ/∂b_l) = R δ_l,
 *              R δ_{l−1} = σ'(z_{l−1}) ⊙ (V_lᵀ δ_l + W_lᵀ R δ_l) + σ''(z_{l−1}) ⊙ R z_{l−1} ⊙ g_{l−1}
 *
 * so that the R-backward accumulates (∇²ℓ) v. Activations: tanh (σ' = 1 − a², σ'' = −2aσ') and softplus
 * σ(z) = log(1 + e^z) = max(z, 0) + log1p(e^{−|z|}) (σ' = s = 1/(1 + e^{−z}), σ'' = s(1 − s)).
 */
import type { Layout } from './layout.js';
import type { Activation, Dataset, NetworkLoss } from './types.js';

export class MlpPasses {
  private readonly L: number;
  private readonly w: number[];
  private readonly wOff: number[];
  private readonly bOff: number[];
  private readonly tanh: boolean;
  private readonly crossEntropy: boolean;
  /** per layer l = 0..L: a_l (a_0 = x; a_L = f), z_l, σ'(z_l), g_l = W_{l+1}ᵀδ_{l+1}, δ_l, and their R-images */
  private readonly a: Float64Array[];
  private readonly z: Float64Array[];
  private readonly d1: Float64Array[];
  private readonly g: Float64Array[];
  private readonly delta: Float64Array[];
  private readonly ra: Float64Array[];
  private readonly rz: Float64Array[];
  private readonly rdelta: Float64Array[];
  /** softmax of the output (cross-entropy) */
  private readonly p: Float64Array;

  constructor(layout: Layout, activation: Activation, loss: NetworkLoss, private readonly data: Dataset) {
    this.w = layout.widths;
    this.L = this.w.length - 1;
    this.wOff = layout.weightOffset;
    this.bOff = layout.biasOffset;
    this.tanh = activation === 'tanh';
    this.crossEntropy = loss === 'cross-entropy';
    const bufs = () => this.w.map((n) => new Float64Array(n));
    [this.a, this.z, this.d1, this.g, this.delta, this.ra, this.rz, this.rdelta] = [bufs(), bufs(), bufs(), bufs(), bufs(), bufs(), bufs(), bufs()];
    this.p = new Float64Array(this.w[this.L]);
  }

  /** Forward pass of example j; `derivatives` also stores σ'(z) (for the backward and R passes). */
  forward(theta: Float64Array, j: number, derivatives: boolean): void {
    const d = this.w[0], x = this.data.x, a0 = this.a[0];
    for (let i = 0; i < d; i++) a0[i] = x[j * d + i];
    for (let l = 1; l <= this.L; l++) {
      const nin = this.w[l - 1], nout = this.w[l], prev = this.a[l - 1], z = this.z[l], wo = this.wOff[l - 1], bo = this.bOff[l - 1];
      for (let r = 0; r < nout; r++) {
        let s = theta[bo + r];
        const row = wo + r * nin;
        for (let c = 0; c < nin; c++) s += theta[row + c] * prev[c];
        z[r] = s;
      }
      if (l < this.L) this.activate(l, derivatives);
      else this.a[l].set(z);
    }
  }

  /**
   * Σ_j ℓ_j over the whole dataset (no weight decay): the exit test's hot path, the forward pass and outputLoss
   * fused, reading x in place and storing no derivatives.
   */
  lossSum(theta: Float64Array): number {
    const N = this.data.examples, d = this.w[0], x = this.data.x, L = this.L;
    let total = 0;
    for (let j = 0; j < N; j++) {
      let prev: Float64Array = x, base = j * d;
      for (let l = 1; l <= L; l++) {
        const nin = this.w[l - 1], nout = this.w[l], z = this.z[l], wo = this.wOff[l - 1], bo = this.bOff[l - 1];
        for (let r = 0; r < nout; r++) {
          let s = theta[bo + r];
          const row = wo + r * nin;
          for (let c = 0; c < nin; c++) s += theta[row + c] * prev[base + c];
          z[r] = s;
        }
        if (l < L) { this.activate(l, false); prev = this.a[l]; base = 0; }
      }
      this.a[L].set(this.z[L]);
      total += this.outputLoss(j, false);
    }
    return total;
  }

  private activate(l: number, derivatives: boolean): void {
    const z = this.z[l], a = this.a[l], d1 = this.d1[l], n = z.length;
    if (this.tanh) {
      for (let r = 0; r < n; r++) a[r] = Math.tanh(z[r]);
      if (derivatives) for (let r = 0; r < n; r++) d1[r] = 1 - a[r] * a[r];
      return;
    }
    for (let r = 0; r < n; r++) {
      const zr = z[r], e = Math.exp(-Math.abs(zr)); // e^{−|z|} ∈ (0, 1]: no overflow
      a[r] = (zr > 0 ? zr : 0) + Math.log1p(e);
      if (derivatives) d1[r] = zr >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
  }

  /** ℓ_j without weight decay, from the last forward pass; sets δ_L (and p) when `delta` */
  outputLoss(j: number, delta: boolean): number {
    const k = this.w[this.L], f = this.a[this.L], dL = this.delta[this.L], y = this.data.y;
    if (!this.crossEntropy) {
      let s = 0;
      for (let i = 0; i < k; i++) {
        const e = f[i] - y[j * k + i];
        s += e * e;
        if (delta) dL[i] = e;
      }
      return 0.5 * s;
    }
    const label = this.data.labels![j], p = this.p;
    let m = f[0];
    for (let i = 1; i < k; i++) if (f[i] > m) m = f[i];
    let s = 0;
    for (let i = 0; i < k; i++) { p[i] = Math.exp(f[i] - m); s += p[i]; }
    if (delta) for (let i = 0; i < k; i++) dL[i] = p[i] / s - (i === label ? 1 : 0);
    if (delta) for (let i = 0; i < k; i++) p[i] /= s;
    return m + Math.log(s) - f[label];
  }

  /** Backward pass (after forward with derivatives and outputLoss with delta): stores δ_l, g_l; adds weight·∇ℓ to grad when given. */
  backward(theta: Float64Array, weight: number, grad: Float64Array | null): void {
    for (let l = this.L; l >= 1; l--) {
      const nin = this.w[l - 1], nout = this.w[l], prev = this.a[l - 1], dl = this.delta[l], wo = this.wOff[l - 1], bo = this.bOff[l - 1];
      if (grad) {
        for (let r = 0; r < nout; r++) {
          const dr = weight * dl[r], row = wo + r * nin;
          grad[bo + r] += dr;
          for (let c = 0; c < nin; c++) grad[row + c] += dr * prev[c];
        }
      }
      if (l === 1) break;
      const g = this.g[l - 1], dprev = this.delta[l - 1], s1 = this.d1[l - 1];
      g.fill(0);
      for (let r = 0; r < nout; r++) {
        const dr = dl[r], row = wo + r * nin;
        for (let c = 0; c < nin; c++) g[c] += theta[row + c] * dr;
      }
      for (let c = 0; c < nin; c++) dprev[c] = s1[c] * g[c];
    }
  }

  /** R-forward and R-output for direction v (after forward, outputLoss(delta) and backward of the same example). */
  rForward(theta: Float64Array, v: ArrayLike<number>): void {
    this.ra[0].fill(0);
    for (let l = 1; l <= this.L; l++) {
      const nin = this.w[l - 1], nout = this.w[l], prev = this.a[l - 1], rprev = this.ra[l - 1], rz = this.rz[l], wo = this.wOff[l - 1], bo = this.bOff[l - 1];
      for (let r = 0; r < nout; r++) {
        let s = v[bo + r];
        const row = wo + r * nin;
        if (l === 1) for (let c = 0; c < nin; c++) s += v[row + c] * prev[c];
        else for (let c = 0; c < nin; c++) s += v[row + c] * prev[c] + theta[row + c] * rprev[c];
        rz[r] = s;
      }
      const ra = this.ra[l];
      if (l < this.L) for (let r = 0; r < nout; r++) ra[r] = this.d1[l][r] * rz[r];
      else ra.set(rz);
    }
    const k = this.w[this.L], rf = this.ra[this.L], rd = this.rdelta[this.L];
    if (!this.crossEntropy) { rd.set(rf); return; }
    let pr = 0;
    for (let i = 0; i < k; i++) pr += this.p[i] * rf[i];
    for (let i = 0; i < k; i++) rd[i] = this.p[i] * (rf[i] - pr);
  }

  /** R-backward: adds weight·(∇²ℓ_j)v (without weight decay) to out[at .. at+dim). */
  rBackward(theta: Float64Array, v: ArrayLike<number>, weight: number, out: Float64Array, at = 0): void {
    for (let l = this.L; l >= 1; l--) {
      const nin = this.w[l - 1], nout = this.w[l], prev = this.a[l - 1], rprev = this.ra[l - 1];
      const dl = this.delta[l], rdl = this.rdelta[l], wo = this.wOff[l - 1], bo = this.bOff[l - 1];
      for (let r = 0; r < nout; r++) {
        const rd = weight * rdl[r], dr = weight * dl[r], row = at + wo + r * nin;
        out[at + bo + r] += rd;
        if (l === 1) for (let c = 0; c < nin; c++) out[row + c] += rd * prev[c];
        else for (let c = 0; c < nin; c++) out[row + c] += rd * prev[c] + dr * rprev[c];
      }
      if (l === 1) break;
      this.rBackSignal(l, theta, v);
    }
  }

  /** R δ_{l−1} = σ'(z) ⊙ (V_lᵀ δ_l + W_lᵀ R δ_l) + σ''(z) ⊙ R z ⊙ g_{l−1} */
  private rBackSignal(l: number, theta: Float64Array, v: ArrayLike<number>): void {
    const nin = this.w[l - 1], nout = this.w[l], dl = this.delta[l], rdl = this.rdelta[l], wo = this.wOff[l - 1];
    const out = this.rdelta[l - 1], a = this.a[l - 1], s1 = this.d1[l - 1], rz = this.rz[l - 1], g = this.g[l - 1];
    out.fill(0);
    for (let r = 0; r < nout; r++) {
      const dr = dl[r], rdr = rdl[r], row = wo + r * nin;
      for (let c = 0; c < nin; c++) out[c] += v[row + c] * dr + theta[row + c] * rdr;
    }
    for (let c = 0; c < nin; c++) {
      const s2 = this.tanh ? -2 * a[c] * s1[c] : s1[c] * (1 - s1[c]);
      out[c] = s1[c] * out[c] + s2 * rz[c] * g[c];
    }
  }
}
