/**
 * Standard normal variates by the ziggurat method.
 *
 * Marsaglia & Tsang, "The Ziggurat Method for Generating Random Variables",
 * J. Stat. Softw. 5(8), 2000. We use N = 128 layers of the half-density
 * f(x) = exp(-x²/2), x ≥ 0, each of area v:
 *
 *   base layer 0:   [0, r]×[0, f(r)]  ∪  tail {x > r, y < f(x)},
 *                   v = r·f(r) + ∫_r^∞ f(x) dx,  virtual width X₀ = v / f(r)
 *   layer i ≥ 1:    [0, X_i]×[f(X_i), f(X_{i+1})],  X₁ = r,
 *                   X_{i+1} = f⁻¹( f(X_i) + v / X_i ),  X_N = 0, f(X_N) = 1
 *
 * r is the root of "the top layer also has area v", X_{N-1}·(1 − f(X_{N-1})) = v,
 * found by bisection at module load (r ≈ 3.4426). The tail integral is
 * ∫_r^∞ f = f(r)·R(r) with Laplace's continued fraction for Mills' ratio
 * R(x) = 1/(x+1/(x+2/(x+3/(x+…)))) (Abramowitz & Stegun 26.2.14).
 *
 * One 32-bit word w drives the common path (disjoint bits, so layer, sign and
 * abscissa are independent — the defect of the original RNOR pointed out by
 * Leong, Zhang, Lee, Luk & Villasenor, J. Stat. Softw. 12(7), 2005, is avoided):
 *   bits 0–6: layer i,  bit 7: sign,  bits 8–31: u ∈ {0,…,2^24−1},
 *   x = (u + ½)·X_i·2^-24   (midpoint of the u-th of 2^24 cells of [0, X_i)).
 * If x < X_{i+1} the point lies under the curve: return ±x (probability Σ_i X_{i+1}/X_i / 128 ≈ 0.972).
 * Otherwise (rare):
 *   layer 0 → tail by Marsaglia's exponential method (Marsaglia 1964; MT2000 §4):
 *             ξ = −ln(U₁)/r, η = −ln(U₂), accept when 2η > ξ², return ±(r + ξ);
 *   layer i → wedge: y = f(X_i) + U·(f(X_{i+1}) − f(X_i)), accept x if y < exp(−x²/2)
 *             (the exact density), else start again with a fresh word.
 * Extra uniforms U are (w + ½)·2^-32 from further words of the same source.
 *
 * Exactness: no density approximation is involved anywhere; the only
 * discretisation is that x is the midpoint of one of 2^24 equal cells in its
 * layer (cell width ≤ 3.7·2^-24 ≈ 2.2e-7), and, correspondingly, the base
 * layer's split between rectangle and tail is resolved to one such cell.
 */

/** Number of ziggurat layers (7 bits of the word select the layer). */
export const ZIGGURAT_LAYERS = 128;

/** Anything that can supply further uniform 32-bit words. */
export interface WordSource {
  nextUint32(): number;
}

const N = ZIGGURAT_LAYERS;
const TWO_M24 = 1 / 16777216; // 2^-24
const TWO_M32 = 1 / 4294967296; // 2^-32

const f = (x: number): number => Math.exp(-0.5 * x * x);

/** ∫_x^∞ exp(-t²/2) dt = exp(-x²/2)·R(x), R by Laplace's continued fraction (x ≳ 2). */
function upperTailIntegral(x: number): number {
  let t = x;
  for (let k = 2000; k >= 1; k--) t = x + k / t;
  return f(x) / t;
}

interface Layout {
  r: number;
  v: number;
  /** x[0] = v/f(r) (virtual base width), x[1] = r, …, x[N] = 0 */
  x: Float64Array;
  /** top-layer area minus v (0 at the root) or −∞ when the recursion overshoots y = 1 */
  residual: number;
}

function layout(r: number): Layout {
  const v = r * f(r) + upperTailIntegral(r);
  const x = new Float64Array(N + 1);
  x[0] = v / f(r);
  x[1] = r;
  for (let i = 1; i < N - 1; i++) {
    const y = f(x[i]) + v / x[i];
    if (y >= 1) return { r, v, x, residual: -Infinity };
    x[i + 1] = Math.sqrt(-2 * Math.log(y));
  }
  x[N] = 0;
  const top = x[N - 1] * (1 - f(x[N - 1]));
  return { r, v, x, residual: top - v };
}

function solve(): Layout {
  // residual < 0 for r too small (layers too fat), > 0 for r too large.
  let lo = 2.5;
  let hi = 5;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (layout(mid).residual < 0) lo = mid;
    else hi = mid;
  }
  return layout(hi);
}

const L = solve();

/** Base-layer cut-off r (start of the tail). */
export const ZIGGURAT_R = L.r;
/** Common layer area v (for the half-density exp(-x²/2), x ≥ 0). */
export const ZIGGURAT_V = L.v;

const X = L.x;
const FX = new Float64Array(N + 1);
for (let i = 0; i <= N; i++) FX[i] = f(X[i]);
FX[0] = f(L.r); // base layer height (X[0] is virtual)
FX[N] = 1;

/**
 * Fast-path tables indexed by the low 8 bits j of the word (layer i = j & 127, sign = bit 7):
 * ZIG_W[j] = ±X_i·2^-24 (signed cell width); ZIG_K[j] = number of cells u with
 * (u + ½)·X_i·2^-24 < X_{i+1} (evaluated in the same float arithmetic as the sampler),
 * so u < ZIG_K[j] ⇔ the point is inside the rectangle. Internal; do not mutate.
 */
export const ZIG_W = new Float64Array(256);
export const ZIG_K = new Int32Array(256);
for (let j = 0; j < 256; j++) {
  const i = j & 0x7f;
  const w = X[i] * TWO_M24;
  ZIG_W[j] = j & 0x80 ? -w : w;
  const lim = X[i + 1];
  let k = Math.min(16777216, Math.max(0, Math.ceil(lim / w - 0.5)));
  while (k > 0 && (k - 1 + 0.5) * w >= lim) k--;
  while (k < 16777216 && (k + 0.5) * w < lim) k++;
  ZIG_K[j] = k;
}

const INV_R = 1 / L.r;

/** Copies of the layer boundaries X_0…X_N and heights f(X_i) (f(X_0) := f(r)), for inspection/tests. */
export function zigguratTables(): { r: number; v: number; x: Float64Array; fx: Float64Array } {
  return { r: L.r, v: L.v, x: X.slice(), fx: FX.slice() };
}

/**
 * The rare path: `w` is a word whose fast test failed (or any word); handles
 * tail, wedge and restarts, drawing further words from `src`.
 */
export function zigguratSlow(w: number, src: WordSource): number {
  for (;;) {
    const j = w & 0xff;
    const u = w >>> 8;
    if (u < ZIG_K[j]) return (u + 0.5) * ZIG_W[j];
    const i = j & 0x7f;
    if (i === 0) {
      // Tail beyond r: Marsaglia's method, exact for the density ∝ exp(-x²/2), x > r.
      let xi: number;
      let eta: number;
      do {
        xi = -Math.log((src.nextUint32() + 0.5) * TWO_M32) * INV_R;
        eta = -Math.log((src.nextUint32() + 0.5) * TWO_M32);
      } while (eta + eta < xi * xi);
      return j & 0x80 ? -(L.r + xi) : L.r + xi;
    }
    // Wedge of layer i: uniform y in [f(X_i), f(X_{i+1})), accept under the exact density.
    const x = (u + 0.5) * ZIG_W[j];
    const y = FX[i] + (src.nextUint32() + 0.5) * TWO_M32 * (FX[i + 1] - FX[i]);
    if (y < Math.exp(-0.5 * x * x)) return x;
    w = src.nextUint32();
  }
}

/**
 * Standard normal from the 32-bit word `w`, drawing further words from `more`
 * only on the rare wedge/tail path (≈ 2.8 % of calls; 1.04 words per normal on average).
 */
export function zigguratNormal(w: number, more: WordSource): number {
  const j = w & 0xff;
  const u = w >>> 8;
  if (u < ZIG_K[j]) return (u + 0.5) * ZIG_W[j];
  return zigguratSlow(w, more);
}
