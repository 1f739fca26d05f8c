import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BUILTIN_LANDSCAPES,
  STYBLINSKI_TANG_ROOTS,
  builtinLandscape,
  hessianEigen,
  tiltedQuarticMaxTilt,
  wellBarrierProfile,
  type Landscape,
} from '../../src/landscapes/index.js';
import { EPS, TINY, fdCheck, logUniform, shifted, uniform, uniformArray } from './helpers.js';

const FC = { seed: 42, numRuns: 100 };
const logU = logUniform;

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const grad = (L: Landscape, x: ArrayLike<number>) => {
  const g = new Float64Array(L.dim);
  L.gradient(x, g);
  return g;
};
const hess = (L: Landscape, x: ArrayLike<number>) => {
  const h = new Float64Array(L.dim * L.dim);
  L.hessian(x, h);
  return h;
};

/** Gauss–Legendre 3-point rule on [lo, hi]: exact for polynomials of degree ≤ 5. */
function gauss3(f: (x: number) => number, lo: number, hi: number): { value: number; abs: number } {
  const c = (lo + hi) / 2;
  const r = (hi - lo) / 2;
  const z = Math.sqrt(3 / 5);
  const pts: [number, number][] = [
    [-z, 5 / 9],
    [0, 8 / 9],
    [z, 5 / 9],
  ];
  let value = 0;
  let abs = 0;
  for (const [t, w] of pts) {
    const v = f(c + r * t);
    value += w * r * v;
    abs += w * r * Math.abs(v);
  }
  return { value, abs };
}

/**
 * gradient vs FD of value, Hessian vs FD of gradient, and exact Hessian symmetry at x.
 * valueMag / gradMag bound the magnitudes of the terms summed in L and in each ∂_iL (sums over
 * coordinates can cancel, so |L| itself does not bound the evaluation error); each evaluation is
 * taken accurate to 64ε × that magnitude.
 */
function checkDerivativesND(
  L: Landscape,
  x: ArrayLike<number>,
  h: number,
  valueMag: (y: ArrayLike<number>) => number,
  gradMag: (y: ArrayLike<number>, i: number) => number,
): void {
  const n = L.dim;
  const g = grad(L, x);
  const Hm = hess(L, x);
  // magnitudes over the FD stencil (x ± h e_j): evaluate at the stencil ends and take the max
  const over = (m: (y: ArrayLike<number>) => number, j: number) => Math.max(m(x), m(shifted(x, j, h)), m(shifted(x, j, -h)));
  for (let i = 0; i < n; i++) {
    const r = fdCheck((t) => L.value(shifted(x, i, t)), g[i], h, { delta: 64 * EPS * over(valueMag, i) });
    expect(r.error).toBeLessThanOrEqual(r.bound);
    for (let j = 0; j < n; j++) {
      expect(Hm[i * n + j]).toBe(Hm[j * n + i]);
      const rh = fdCheck((t) => grad(L, shifted(x, j, t))[i], Hm[i * n + j], h, { delta: 64 * EPS * over((y) => gradMag(y, i), j) });
      expect(rh.error).toBeLessThanOrEqual(rh.bound);
    }
  }
}

describe('catalogue', () => {
  it('lists every family with parameters, defaults and ranges, and every entry builds with its defaults', () => {
    expect(BUILTIN_LANDSCAPES.map((b) => b.name)).toEqual(['well-barrier', 'quartic', 'tilted-quartic', 'styblinski-tang', 'eigen-saddle']);
    for (const b of BUILTIN_LANDSCAPES) {
      expect(b.description.length).toBeGreaterThan(10);
      for (const p of b.params) {
        expect(p.range.length).toBeGreaterThan(0);
        expect(Number.isFinite(p.default)).toBe(true);
      }
      const L = builtinLandscape(b.name, {});
      expect(L.known.barrier).toBeGreaterThan(0);
      expect(L.known.minimum).toHaveLength(L.dim);
      expect(L.known.saddle).toHaveLength(L.dim);
      expect(L.vars).toHaveLength(L.dim);
      expect(L.scalar !== undefined).toBe(L.dim === 1);
      expect(L.name).toContain(b.name);
    }
  });
});

describe('well-barrier', () => {
  const params = fc.record({ Ha: logU(-2, 2), Hb: logU(-2, 2), dL: logU(-2, 2) });

  it('L(0)=0, L\'(0)=0, L\'\'(0)=Ha, L\'(b)=0, L\'\'(b)=−Hb, L(b)−L(0)=dL, known points (property)', () => {
    fc.assert(
      fc.property(params, ({ Ha, Hb, dL }) => {
        const L = builtinLandscape('well-barrier', { Ha, Hb, dL });
        const s = L.scalar!;
        const [a] = L.known.minimum;
        const [b] = L.known.saddle;
        const f = wellBarrierProfile(Ha, Hb, dL);
        expect(a).toBe(0);
        expect(b).toBe(f.b);
        expect(0 < f.w1 && f.w1 < f.x2 && f.x2 < b).toBe(true);
        expect(L.known.barrier).toBe(dL);
        expect(s.L(a)).toBe(0);
        expect(s.d1(a)).toBe(0);
        expect(s.d2(a)).toBe(Ha);
        expect(Math.abs(s.d1(b))).toBe(0);
        expect(s.d2(b)).toBe(-Hb);
        expect(s.L(b) - s.L(a)).toBe(dL);
        expect(s.d3(a)).toBe(0);
        expect(s.d3(b)).toBe(0);
      }),
      FC,
    );
  });

  it('the construction is consistent: ∫₀ᵇL\' = dL, ∫₀ᵇL\'\' = 0, ∫₀ᵇL\'\'\' = −Hb−Ha (Gauss–Legendre, exact on each polynomial piece)', () => {
    fc.assert(
      fc.property(params, ({ Ha, Hb, dL }) => {
        const f = wellBarrierProfile(Ha, Hb, dL);
        const pieces: [number, number][] = [
          [0, f.w1],
          [f.w1, f.x2],
          [f.x2, f.b],
        ];
        const integrate = (g: (x: number) => number) =>
          pieces.map(([lo, hi]) => gauss3(g, lo, hi)).reduce((s, r) => ({ value: s.value + r.value, abs: s.abs + r.abs }), { value: 0, abs: 0 });
        // round-off: each node value within ~16ε of its own magnitude, summed: 64ε·∫|g| (4× margin);
        // plus t = (x − w1)/w, off by δt ≤ ε(x2/w + 2) (x ~ x2 ≫ w when Hb ≫ Ha), which moves the blend's
        // L' by ≤ k·w·δt, L'' by ≤ 1.5k·δt, L''' by ≤ 6k·δt/w over a piece of length w (4× margin)
        const k = Ha + Hb;
        const dt = EPS * (f.x2 / f.w + 2);
        const i1 = integrate(f.d1);
        expect(Math.abs(i1.value - dL)).toBeLessThanOrEqual(64 * EPS * (i1.abs + dL) + 4 * k * f.w * f.w * dt);
        const i2 = integrate(f.d2);
        expect(Math.abs(i2.value)).toBeLessThanOrEqual(64 * EPS * i2.abs + 4 * 1.5 * k * f.w * dt);
        const i3 = integrate(f.d3);
        expect(Math.abs(i3.value + Hb + Ha)).toBeLessThanOrEqual(64 * EPS * (i3.abs + Ha + Hb) + 4 * 6 * k * dt);
      }),
      FC,
    );
  });

  it('L\' > 0 on (0, b) and L\' < 0 beyond b: 0 and b are the only critical points, the exit is past b', () => {
    fc.assert(
      fc.property(params, ({ Ha, Hb, dL }) => {
        const f = wellBarrierProfile(Ha, Hb, dL);
        for (let k = 1; k < 400; k++) {
          const x = (f.b * k) / 400;
          expect(f.d1(x)).toBeGreaterThan(0);
          expect(f.d1(f.b + (f.b * k) / 100)).toBeLessThan(0);
        }
        expect(f.d1(-f.b / 3)).toBeLessThan(0);
      }),
      FC,
    );
  });

  it('C³: the polynomial pieces agree at the joins w1 and x2 (L, L\', L\'\', L\'\'\')', () => {
    fc.assert(
      fc.property(params, ({ Ha, Hb, dL }) => {
        const f = wellBarrierProfile(Ha, Hb, dL);
        const [well, blend, top] = f.pieces;
        const k = Ha + Hb;
        const w = f.w;
        // at w1 the blend adds k·w²·I2(0) = 0 etc.: exact
        expect(blend.L(f.w1)).toBe(well.L(f.w1));
        expect(blend.d1(f.w1)).toBe(well.d1(f.w1));
        expect(blend.d2(f.w1)).toBe(well.d2(f.w1));
        expect(Math.abs(blend.d3(f.w1))).toBe(well.d3(f.w1));
        // at x2: equal up to the rounding of w = √(dL/ΔL₁) (relative ≲ 8ε in w²) and of the terms, and
        // t = (x2 − w1)/w off by δt ≤ ε(x2/w + 2), moving L by k·w²·I2'(1)·δt = ½k·w²·δt and L' by k·w·δt;
        // tolerance 32ε × (sum of those magnitudes)
        const x2 = f.x2;
        const mL = 0.5 * Ha * x2 * x2 + 0.15 * k * w * w + dL + 0.5 * Hb * (f.b - x2) ** 2 + 0.5 * k * w * (x2 + 2 * w);
        expect(Math.abs(blend.L(x2) - top.L(x2))).toBeLessThanOrEqual(32 * EPS * mL);
        const m1 = Ha * x2 + k * w + Hb * (f.b - x2) + k * (x2 + 2 * w);
        expect(Math.abs(blend.d1(x2) - top.d1(x2))).toBeLessThanOrEqual(32 * EPS * m1);
        expect(Math.abs(blend.d2(x2) - top.d2(x2))).toBeLessThanOrEqual(8 * EPS * (Ha + k));
        // t = (x2 − w1)/w is 1 only up to the rounding of x2 = w1 + w and of the subtraction,
        // |1 − t| ≤ 2ε·x2/w (+ε), so |L'''| = 6k·t|1 − t|/w ≤ 6k·(2ε·x2/w + ε)/w; 2× margin
        expect(Math.abs(blend.d3(x2))).toBeLessThanOrEqual((12 * k * EPS * (2 * x2 / w + 1)) / w);
        expect(top.d3(x2)).toBe(0);
      }),
      FC,
    );
  });

  it('C³ through the public scalar API: |F(j+δ) − F(j−δ)| ≤ 2δ·sup|F\'| + round-off at each join', () => {
    fc.assert(
      fc.property(params, ({ Ha, Hb, dL }) => {
        const s = builtinLandscape('well-barrier', { Ha, Hb, dL }).scalar!;
        const f = wellBarrierProfile(Ha, Hb, dL);
        const k = Ha + Hb;
        const delta = 1e-7 * f.w;
        // sup over [0, b+δ] of the next derivative: |L'| ≤ k·b, |L''| ≤ max(Ha,Hb), |L'''| ≤ 1.5k/w (max 6t(1−t) = 1.5),
        // |L''''| ≤ 6k/w² (max |6 − 12t| = 6)
        const sup = [k * 2 * f.b, Math.max(Ha, Hb), (1.5 * k) / f.w, (6 * k) / (f.w * f.w)];
        // magnitudes of the evaluated terms; t = (x − w1)/w carries an absolute error ~ε·b/w, which
        // L'' and L''' feel through S'(t) ≤ 1.5 and S''(t) ≤ 6
        const mag = [dL + k * f.b * f.b, k * f.b, k * (1 + f.b / f.w), (k / f.w) * (1 + f.b / f.w)];
        const fns = [s.L, s.d1, s.d2, s.d3];
        for (const j of [f.w1, f.x2]) {
          fns.forEach((F, order) => {
            const jump = Math.abs(F(j + delta) - F(j - delta));
            expect(jump).toBeLessThanOrEqual(2 * delta * sup[order] + 64 * EPS * mag[order]);
          });
        }
      }),
      FC,
    );
  });

  it('L\', L\'\', L\'\'\' match central differences inside each piece', () => {
    const inputs = fc.record({ Ha: logU(-2, 2), Hb: logU(-2, 2), dL: logU(-2, 2), u: uniform(-0.3, 1.3) });
    fc.assert(
      fc.property(inputs, ({ Ha, Hb, dL, u }) => {
        const s = builtinLandscape('well-barrier', { Ha, Hb, dL }).scalar!;
        const f = wellBarrierProfile(Ha, Hb, dL);
        const h = 1e-3 * f.w;
        const x = u * f.b;
        // the pieces are polynomials; FD needs 2h of room on one piece (L''' is only C⁰ across a join)
        fc.pre(Math.abs(x - f.w1) > 2 * h && Math.abs(x - f.x2) > 2 * h);
        // magnitudes of the terms of L, L', L'', L''' near x (t = (x − w1)/w carries ~ε(|x| + b)/w)
        const k = Ha + Hb;
        const X = Math.abs(x) + f.b;
        const mag = [dL + k * X * X, k * X, k * (1 + X / f.w), (k / f.w) * (1 + X / f.w)];
        const pairs = [
          [s.L, s.d1],
          [s.d1, s.d2],
          [s.d2, s.d3],
        ] as const;
        pairs.forEach(([F, dF], order) => {
          const r = fdCheck((t) => F(x + t), dF(x), h, { delta: 16 * EPS * mag[order], exactErr: 16 * EPS * mag[order + 1] });
          expect(r.error).toBeLessThanOrEqual(r.bound);
        });
      }),
      FC,
    );
  });
});

describe('quartic', () => {
  it('known points, curvatures 8h and −4h, barrier h, derivatives vs FD', () => {
    fc.assert(
      fc.property(logU(-2, 2), uniform(-2, 2), (h, x) => {
        const L = builtinLandscape('quartic', { h });
        const s = L.scalar!;
        expect(L.known).toEqual({ minimum: [-1], saddle: [0], barrier: h });
        expect(s.d1(-1)).toBe(0);
        expect(s.d1(0)).toBe(0);
        expect(s.d2(-1)).toBe(8 * h);
        expect(s.d2(0)).toBe(-4 * h);
        expect(s.L(0) - s.L(-1)).toBe(h);
        for (const [F, dF] of [
          [s.L, s.d1],
          [s.d1, s.d2],
          [s.d2, s.d3],
        ] as const) {
          const r = fdCheck((t) => F(x + t), dF(x), 1e-3);
          expect(r.error).toBeLessThanOrEqual(r.bound);
        }
      }),
      FC,
    );
  });
});

describe('tilted-quartic', () => {
  /** root of L' by bisection to the last bit on [lo, hi] where L' changes sign (independent route) */
  const bisect = (d1: (x: number) => number, lo: number, hi: number) => {
    let flo = d1(lo);
    for (;;) {
      const mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) return mid;
      const fm = d1(mid);
      if (fm === 0) return mid;
      if (Math.sign(fm) === Math.sign(flo)) {
        lo = mid;
        flo = fm;
      } else hi = mid;
    }
  };
  const inputs = fc.record({ h: logU(-1, 1), frac: uniform(-0.95, 0.95) });

  it('minimum = left well, saddle = local max, barrier = L(b) − L(a); agrees with bisection (property)', () => {
    fc.assert(
      fc.property(inputs, ({ h, frac }) => {
        const c = frac * tiltedQuarticMaxTilt(h);
        const L = builtinLandscape('tilted-quartic', { h, c });
        const s = L.scalar!;
        const [a] = L.known.minimum;
        const [b] = L.known.saddle;
        const r3 = 1 / Math.sqrt(3); // L'' = 0 at ±1/√3
        expect(a).toBeLessThan(-r3);
        expect(b).toBeGreaterThan(-r3);
        expect(b).toBeLessThan(r3);
        expect(s.d2(a)).toBeGreaterThan(0);
        expect(s.d2(b)).toBeLessThan(0);
        expect(L.known.barrier).toBe(s.L(b) - s.L(a));
        expect(L.known.barrier).toBeGreaterThan(0);
        // L'(x*) ≈ 0: evaluation error 16ε·(4h(|x|³+|x|) + |c|) plus root position ≤ 4ε|x| times |L''|
        const m1 = (x: number) => 4 * h * (Math.abs(x) ** 3 + Math.abs(x)) + Math.abs(c);
        for (const x of [a, b]) expect(Math.abs(s.d1(x))).toBeLessThanOrEqual(16 * EPS * m1(x) + 4 * EPS * Math.abs(x) * Math.abs(s.d2(x)) + TINY);
        // independent route: bisection on L' (L' monotone on [−2, −1/√3] and [−1/√3, 1/√3])
        const aB = bisect(s.d1, -2, -r3);
        const bB = bisect(s.d1, -r3, r3);
        // both roots known to within (L' evaluation error)/|L''| + a few ulps
        const posTol = (x: number) => (32 * EPS * m1(x) + TINY) / Math.abs(s.d2(x)) + 8 * EPS * Math.abs(x) + TINY;
        expect(Math.abs(aB - a)).toBeLessThanOrEqual(posTol(a));
        expect(Math.abs(bB - b)).toBeLessThanOrEqual(posTol(b));
        // L stationary at the roots: position errors enter at second order
        const mL = (x: number) => h * (x * x + 1) ** 2 + Math.abs(c * x);
        expect(Math.abs(s.L(bB) - s.L(aB) - L.known.barrier)).toBeLessThanOrEqual(16 * EPS * (mL(a) + mL(b)) + TINY);
      }),
      FC,
    );
  });

  it('c = 0 reduces to the quartic', () => {
    const L = builtinLandscape('tilted-quartic', { h: 2, c: 0 });
    expect(Math.abs(L.known.minimum[0] + 1)).toBeLessThanOrEqual(4 * EPS);
    expect(Math.abs(L.known.saddle[0])).toBeLessThanOrEqual(4 * EPS);
    expect(Math.abs(L.known.barrier - 2)).toBeLessThanOrEqual(16 * EPS * 2);
  });

  it('derivatives vs FD', () => {
    fc.assert(
      fc.property(inputs, uniform(-2, 2), ({ h, frac }, x) => {
        const s = builtinLandscape('tilted-quartic', { h, c: frac * tiltedQuarticMaxTilt(h) }).scalar!;
        for (const [F, dF] of [
          [s.L, s.d1],
          [s.d1, s.d2],
          [s.d2, s.d3],
        ] as const) {
          const r = fdCheck((t) => F(x + t), dF(x), 1e-3);
          expect(r.error).toBeLessThanOrEqual(r.bound);
        }
      }),
      FC,
    );
  });
});

describe('styblinski-tang', () => {
  const [left, mid, right] = STYBLINSKI_TANG_ROOTS;
  const g = (x: number) => 0.5 * (x ** 4 - 16 * x ** 2 + 5 * x);

  it('roots of 4x³ − 32x + 5 = 0', () => {
    for (const r of STYBLINSKI_TANG_ROOTS) {
      const m = 4 * Math.abs(r) ** 3 + 32 * Math.abs(r) + 5;
      expect(Math.abs(4 * r ** 3 - 32 * r + 5)).toBeLessThanOrEqual(16 * EPS * m + 4 * EPS * Math.abs(r) * Math.abs(12 * r * r - 32));
    }
    expect(right).toBeCloseTo(2.7468, 4);
    expect(mid).toBeCloseTo(0.1567, 4);
    expect(left).toBeCloseTo(-2.9035, 4);
  });

  it('for every n in 1..16: known points are critical, Hessian eigenvalues, index 1 saddle, barrier', () => {
    const lamMin = 6 * right * right - 16;
    const lamSad = 6 * mid * mid - 16;
    for (let n = 1; n <= 16; n++) {
      const L = builtinLandscape('styblinski-tang', { n });
      expect(L.dim).toBe(n);
      const { minimum, saddle, barrier } = L.known;
      // |g'(r)| per coordinate ≤ 16ε·(2|r|³ + 16|r| + 2.5) + root error 4ε|r|·|g''|
      const perCoord = 16 * EPS * (2 * right ** 3 + 16 * right + 2.5) + 4 * EPS * right * lamMin;
      expect(norm(grad(L, minimum))).toBeLessThanOrEqual(Math.sqrt(n) * perCoord);
      expect(norm(grad(L, saddle))).toBeLessThanOrEqual(Math.sqrt(n) * perCoord);
      const eMin = hessianEigen(L, minimum).values;
      const eSad = hessianEigen(L, saddle).values;
      const tolE = 16 * n * EPS * lamMin;
      eMin.forEach((v) => expect(Math.abs(v - lamMin)).toBeLessThanOrEqual(tolE));
      expect(Math.abs(eSad[0] - lamSad)).toBeLessThanOrEqual(tolE);
      eSad.slice(1).forEach((v) => expect(Math.abs(v - lamMin)).toBeLessThanOrEqual(tolE));
      expect(lamSad).toBeLessThan(0);
      expect(lamMin).toBeGreaterThan(0);
      // closed form ½(g(m) − g(r)), terms ≤ ½(r⁴ + 16r² + 5r) ≈ 88
      expect(Math.abs(barrier - (g(mid) - g(right)))).toBeLessThanOrEqual(32 * EPS * 88);
      // L(b) − L(a): n-dimensional sums of per-coordinate terms ≤ 64 in magnitude
      expect(Math.abs(L.value(saddle) - L.value(minimum) - barrier)).toBeLessThanOrEqual(16 * n * EPS * 130);
    }
    expect(builtinLandscape('styblinski-tang', { n: 3 }).known.barrier).toBeCloseTo(25.225, 3);
  });

  it('gradient and Hessian vs finite differences (n = 4)', () => {
    const L = builtinLandscape('styblinski-tang', { n: 4 });
    fc.assert(
      fc.property(uniformArray(4, -4, 4), (x) =>
        checkDerivativesND(
          L,
          x,
          1e-3,
          (y) => Array.from(y).reduce((s, v) => s + 0.5 * (v ** 4 + 16 * v * v + 5 * Math.abs(v)), 0),
          (y, i) => 2 * Math.abs(y[i]) ** 3 + 16 * Math.abs(y[i]) + 2.5,
        ),
      ),
      { ...FC, numRuns: 50 },
    );
  });
});

describe('eigen-saddle', () => {
  const inputs = fc.integer({ min: 2, max: 6 }).chain((n) =>
    fc.record({
      Ha: logU(-1, 1),
      Hb: logU(-1, 1),
      dL: logU(-1, 1),
      minEigs: fc.array(logU(-1, 1), { minLength: n - 1, maxLength: n - 1 }),
      saddleEigs: fc.array(logU(-1, 1), { minLength: n - 1, maxLength: n - 1 }),
    }),
  );

  it('∇L = 0 at a and b, ∇²L(a) = diag(Ha, minEigs), ∇²L(b) = diag(−Hb, saddleEigs), barrier dL (property)', () => {
    fc.assert(
      fc.property(inputs, (p) => {
        const L = builtinLandscape('eigen-saddle', p);
        const n = p.minEigs.length + 1;
        expect(L.dim).toBe(n);
        const { minimum, saddle, barrier } = L.known;
        expect(minimum).toEqual(new Array(n).fill(0));
        expect(saddle[0]).toBe(wellBarrierProfile(p.Ha, p.Hb, p.dL).b);
        expect(norm(grad(L, minimum))).toBe(0);
        expect(norm(grad(L, saddle))).toBe(0);
        expect(barrier).toBe(p.dL);
        expect(L.value(saddle) - L.value(minimum)).toBe(p.dL);
        const Ha = hess(L, minimum);
        const Hb = hess(L, saddle);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const ea = i !== j ? 0 : i === 0 ? p.Ha : p.minEigs[i - 1];
            const eb = i !== j ? 0 : i === 0 ? -p.Hb : p.saddleEigs[i - 1];
            expect(Math.abs(Ha[i * n + j])).toBe(Math.abs(ea));
            // κ(b) = m + (s − m)·1: two roundings
            expect(Math.abs(Hb[i * n + j] - eb)).toBeLessThanOrEqual(i === 0 ? 0 : 4 * EPS * Math.max(p.minEigs[i - 1], p.saddleEigs[i - 1]));
          }
        }
        const sorted = (v: number[]) => [...v].sort((x, y) => x - y);
        const eA = hessianEigen(L, minimum).values;
        const eB = hessianEigen(L, saddle).values;
        const wantA = sorted([p.Ha, ...p.minEigs]);
        const wantB = sorted([-p.Hb, ...p.saddleEigs]);
        const scale = Math.max(...wantA.map(Math.abs), ...wantB.map(Math.abs));
        wantA.forEach((v, i) => expect(Math.abs(eA[i] - v)).toBeLessThanOrEqual(16 * n * EPS * scale));
        wantB.forEach((v, i) => expect(Math.abs(eB[i] - v)).toBeLessThanOrEqual(16 * n * EPS * scale));
        expect(eB.filter((v) => v < 0)).toHaveLength(1);
      }),
      FC,
    );
  });

  it('gradient and Hessian vs finite differences away from the joins', () => {
    const pts = inputs.chain((p) =>
      fc.record({
        p: fc.constant(p),
        u: uniform(-0.3, 1.3),
        rest: uniformArray(p.minEigs.length, -1.5, 1.5),
      }),
    );
    fc.assert(
      fc.property(pts, ({ p, u, rest }) => {
        const L = builtinLandscape('eigen-saddle', p);
        const f = wellBarrierProfile(p.Ha, p.Hb, p.dL);
        const h = 1e-3 * f.w;
        const x1 = u * f.b;
        // pieces of f join at w1, x2; κ's clamps at a = 0 and b: FD needs 2h of room
        fc.pre([0, f.w1, f.x2, f.b].every((j) => Math.abs(x1 - j) > 2 * h));
        const k = p.Ha + p.Hb;
        const kMax = Math.max(...p.minEigs, ...p.saddleEigs);
        const dMax = Math.max(...p.minEigs.map((m, i) => Math.abs(p.saddleEigs[i] - m)));
        const sq = (y: ArrayLike<number>) => Array.from(y).slice(1).reduce((s, v) => s + v * v, 0);
        // |terms| of L: f's terms ≤ dL + k(|x1| + b)², plus ½Σκ_i x_i²
        const valueMag = (y: ArrayLike<number>) => p.dL + k * (Math.abs(y[0]) + f.b) ** 2 + 0.5 * kMax * sq(y);
        // ∂1: f' terms ≤ k(|x1| + b), plus ½Σ|Δ|·max S5'·x²/span; ∂i: κ_i|x_i|
        const gradMag = (y: ArrayLike<number>, i: number) =>
          i === 0 ? k * (Math.abs(y[0]) + f.b) + (dMax * 1.875 * sq(y)) / f.b : kMax * Math.abs(y[i]);
        checkDerivativesND(L, [x1, ...rest], h, valueMag, gradMag);
      }),
      { ...FC, numRuns: 60 },
    );
  });

  it('C²: gradient and Hessian continuous across the clamps x1 = a and x1 = b (|ΔH| ≤ 2δ·Lipschitz bound)', () => {
    fc.assert(
      fc.property(inputs, uniformArray(5, -1.5, 1.5), (p, xs) => {
        const L = builtinLandscape('eigen-saddle', p);
        const n = p.minEigs.length + 1;
        const f = wellBarrierProfile(p.Ha, p.Hb, p.dL);
        const span = f.b;
        const k = p.Ha + p.Hb;
        const d = p.minEigs.map((m, i) => Math.abs(p.saddleEigs[i] - m));
        const rest = xs.slice(0, n - 1);
        const delta = 1e-7 * span;
        // |d/dx1| of the entries: H11: |f'''| + ½Σ|Δ|·max|S5'''|·x²/span³ (max|S5'''| = 60, |f'''| ≤ 1.5k/w);
        // H1i: |Δ|·max|S5''|·|x_i|/span² (max|S5''| < 6); Hii: |Δ|·max|S5'|/span (max S5' = 1.875)
        const lip = (i: number, j: number) => {
          if (i === 0 && j === 0) return (1.5 * k) / f.w + rest.reduce((s, x, q) => s + 30 * d[q] * x * x, 0) / span ** 3;
          if (i === 0 || j === 0) return (6 * d[Math.max(i, j) - 1] * Math.abs(rest[Math.max(i, j) - 1])) / span ** 2;
          return i === j ? (1.875 * d[i - 1]) / span : 0;
        };
        const mag = k + Math.max(...p.minEigs, ...p.saddleEigs) + Math.max(...d) * 100;
        for (const j1 of [0, span]) {
          const hp = hess(L, [j1 + delta, ...rest]);
          const hm = hess(L, [j1 - delta, ...rest]);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              expect(Math.abs(hp[i * n + j] - hm[i * n + j])).toBeLessThanOrEqual(2 * delta * lip(i, j) + 64 * EPS * mag);
            }
          }
        }
      }),
      FC,
    );
  });

  it('n and array lengths: n inferred from minEigs, defaults fill with 1', () => {
    expect(builtinLandscape('eigen-saddle', { minEigs: [1, 2, 3] }).dim).toBe(4);
    expect(builtinLandscape('eigen-saddle', { saddleEigs: [4, 5] }).dim).toBe(3);
    const L = builtinLandscape('eigen-saddle', { n: 3 });
    expect(L.params.minEigs).toEqual([1, 1]);
    expect(L.params.saddleEigs).toEqual([1, 1]);
  });
});
