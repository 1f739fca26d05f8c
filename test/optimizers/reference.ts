/**
 * Update rules written out from sources.md (§1.2, §3.3, §5.1–§5.3) and from the PyTorch / official class
 * documentation, independently of src/optimizers: one scalar coordinate at a time, plain closures, no shared
 * code. Used by rules.test.ts to compare trajectories step by step.
 */
export type Ref = (theta: number[], grads: number[][]) => number[][];

const pow = Math.pow;

/** run a per-coordinate rule: rule(θ, g, t, mem) → new θ, with mem a per-coordinate record */
function perCoordinate(rule: (th: number, g: number, t: number, s: Record<string, number>) => number): Ref {
  return (theta, grads) => {
    const th = theta.slice();
    const mem = th.map(() => ({} as Record<string, number>));
    const out: number[][] = [];
    grads.forEach((g, k) => {
      for (let i = 0; i < th.length; i++) th[i] = rule(th[i], g[i], k + 1, mem[i]);
      out.push(th.slice());
    });
    return out;
  };
}

// torch.optim.SGD
export const refSGD = (lr: number, mu = 0, damp = 0, wd = 0, nesterov = false): Ref =>
  perCoordinate((th, g, t, s) => {
    let d = g + wd * th;
    if (mu !== 0) {
      s.b = t === 1 ? d : mu * s.b + (1 - damp) * d;
      d = nesterov ? d + mu * s.b : s.b;
    }
    return th - lr * d;
  });

// torch.optim.Adam / AdamW (amsgrad: running max of v)
export const refAdam = (lr: number, b1: number, b2: number, eps: number, wd = 0, decoupled = false, ams = false): Ref =>
  perCoordinate((th, g, t, s) => {
    if (t === 1) { s.m = 0; s.v = 0; s.vm = 0; }
    if (decoupled) th = th * (1 - lr * wd); else g = g + wd * th;
    s.m = b1 * s.m + (1 - b1) * g;
    s.v = b2 * s.v + (1 - b2) * g * g;
    s.vm = Math.max(s.vm, s.v);
    const vh = ams ? s.vm : s.v;
    return th - (lr / (1 - pow(b1, t))) * s.m / (Math.sqrt(vh) / Math.sqrt(1 - pow(b2, t)) + eps);
  });

// DualAdam.py (sources.md §1.2); invadam = α ≡ 1
export const refDualAdam = (lr: number, b1: number, b2: number, eps: number, xi: number, wd = 0, inverseOnly = false): Ref =>
  perCoordinate((th, g, t, s) => {
    if (t === 1) { s.m = 0; s.v = 0; }
    th = th - lr * wd * th;
    s.m = b1 * s.m + (1 - b1) * g;
    s.v = b2 * s.v + (1 - b2) * g * g;
    const mh = s.m / (1 - pow(b1, t)), vh = s.v / (1 - pow(b2, t));
    const n = Math.sqrt(vh) + eps;
    const a = inverseOnly ? 1 : Math.max(0, 1 - xi * t);
    if (inverseOnly || a >= xi) return th - lr * ((1 - a) * mh / n + a * mh * n);
    return th - lr * mh / n;
  });

// Padam.py (sources.md §5.1), code and paper forms
export const refPadam = (lr: number, b1: number, b2: number, eps: number, p: number, wd = 0, ams = true, paper = false): Ref =>
  perCoordinate((th, g, t, s) => {
    if (t === 1) { s.m = 0; s.v = 0; s.vm = 0; }
    g = g + wd * th;
    s.m = b1 * s.m + (1 - b1) * g;
    s.v = b2 * s.v + (1 - b2) * g * g;
    s.vm = Math.max(s.vm, s.v);
    const vh = ams ? s.vm : s.v;
    if (paper) return th - lr * s.m / pow(vh, p);
    return th - lr * Math.sqrt(1 - pow(b2, t)) / (1 - pow(b1, t)) * s.m / pow(Math.sqrt(vh) + eps, 2 * p);
  });

// AdaM3.py (sources.md §5.2)
export const refAdaM3 = (lr: number, b1: number, b2: number, eps: number, wd = 0, decoupled = true): Ref =>
  perCoordinate((th, g, t, s) => {
    if (t === 1) { s.m = 0; s.v = 0; }
    if (decoupled) th = th * (1 - lr * wd); else g = g + wd * th;
    s.m = b1 * s.m + (1 - b1) * g;
    s.v = b2 * s.v + (1 - b2) * s.m * s.m + eps;
    return th - (lr / (1 - pow(b1, t))) * s.m / (Math.sqrt(s.v) / Math.sqrt(1 - pow(b2, t)));
  });

// adai.py (sources.md §3.3): needs all coordinates at once for the mean of v̂
export const refAdai = (lr: number, beta0: number, b2: number, eps: number): Ref => (theta, grads) => {
  const th = theta.slice(), n = th.length;
  const m = new Array(n).fill(0), v = new Array(n).fill(0), prod = new Array(n).fill(1);
  const out: number[][] = [];
  grads.forEach((g, k) => {
    const t = k + 1;
    for (let i = 0; i < n; i++) v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
    const vh = v.map((x) => x / (1 - pow(b2, t)));
    const vbar = vh.reduce((a, b) => a + b, 0) / n;
    for (let i = 0; i < n; i++) {
      const b1 = Math.min(Math.max(1 - beta0 * vh[i] / vbar, 0), 1 - eps);
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      prod[i] = prod[i] * b1;
      th[i] = th[i] - lr * m[i] / (1 - prod[i]);
    }
    out.push(th.slice());
  });
  return out;
};

// ND-Adam Algorithm 1 (sources.md §5.3), vectors of size k, normalised at the start
export const refNDAdam = (lr: number, b1: number, b2: number, eps: number, k: number): Ref => (theta, grads) => {
  const th = theta.slice();
  const nv = th.length / k;
  const norm = (o: number) => { let s = 0; for (let j = 0; j < k; j++) s += th[o + j] ** 2; s = Math.sqrt(s); for (let j = 0; j < k; j++) th[o + j] /= s; };
  for (let q = 0; q < nv; q++) norm(q * k);
  const m = new Array(th.length).fill(0), v = new Array(nv).fill(0);
  const out: number[][] = [];
  grads.forEach((g, idx) => {
    const t = idx + 1;
    for (let q = 0; q < nv; q++) {
      const o = q * k;
      const dot = g.slice(o, o + k).reduce((a, x, j) => a + x * th[o + j], 0);
      const gt = g.slice(o, o + k).map((x, j) => x - dot * th[o + j]);
      gt.forEach((x, j) => { m[o + j] = b1 * m[o + j] + (1 - b1) * x; });
      v[q] = b2 * v[q] + (1 - b2) * gt.reduce((a, x) => a + x * x, 0);
      const vh = v[q] / (1 - pow(b2, t));
      for (let j = 0; j < k; j++) th[o + j] = th[o + j] - lr * (m[o + j] / (1 - pow(b1, t))) / (Math.sqrt(vh) + eps);
      norm(o);
    }
    out.push(th.slice());
  });
  return out;
};

// AdaBound (Luolc/AdaBound, no scheduler)
export const refAdaBound = (lr: number, b1: number, b2: number, eps: number, finalLr: number, gamma: number): Ref =>
  perCoordinate((th, g, t, s) => {
    if (t === 1) { s.m = 0; s.v = 0; }
    s.m = b1 * s.m + (1 - b1) * g;
    s.v = b2 * s.v + (1 - b2) * g * g;
    const base = lr * Math.sqrt(1 - pow(b2, t)) / (1 - pow(b1, t)) / (Math.sqrt(s.v) + eps);
    const lo = finalLr * (1 - 1 / (gamma * t + 1)), hi = finalLr * (1 + 1 / (gamma * t));
    return th - Math.min(Math.max(base, lo), hi) * s.m;
  });

// Yogi (torch-optimizer form)
export const refYogi = (lr: number, b1: number, b2: number, eps: number): Ref =>
  perCoordinate((th, g, t, s) => {
    if (t === 1) { s.m = 1e-6; s.v = 1e-6; }
    s.m = b1 * s.m + (1 - b1) * g;
    s.v = s.v - (1 - b2) * Math.sign(s.v - g * g) * g * g;
    return th - (lr / (1 - pow(b1, t))) * s.m / (Math.sqrt(s.v) / Math.sqrt(1 - pow(b2, t)) + eps);
  });

// ND-Adam, official PyTorch code form (sources.md §5.3): no normalisation at init, bias correction folded into
// the step size, ε added to √v
export const refNDAdamCode = (lr: number, b1: number, b2: number, eps: number, k: number): Ref => (theta, grads) => {
  const th = theta.slice();
  const nv = th.length / k;
  const m = new Array(th.length).fill(0), v = new Array(nv).fill(0);
  const out: number[][] = [];
  grads.forEach((g, idx) => {
    const t = idx + 1;
    for (let q = 0; q < nv; q++) {
      const w = th.slice(q * k, q * k + k), gq = g.slice(q * k, q * k + k);
      const dot = gq.reduce((a, x, j) => a + x * w[j], 0);
      const gt = gq.map((x, j) => x - dot * w[j]);
      gt.forEach((x, j) => { m[q * k + j] = b1 * m[q * k + j] + (1 - b1) * x; });
      v[q] = b2 * v[q] + (1 - b2) * gt.reduce((a, x) => a + x * x, 0);
      const step = lr * Math.sqrt(1 - pow(b2, t)) / (1 - pow(b1, t));
      const wb = w.map((x, j) => x - step * m[q * k + j] / (Math.sqrt(v[q]) + eps));
      const nrm = Math.hypot(...wb);
      wb.forEach((x, j) => { th[q * k + j] = x / nrm; });
    }
    out.push(th.slice());
  });
  return out;
};
