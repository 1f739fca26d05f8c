/**
 * A loss landscape L(θ), θ ∈ ℝⁿ, with its first and second derivatives.
 *
 * Vectors are plain arrays or typed arrays; the Hessian is written row-major into an n·n array.
 * Hot loops (the SDE steppers) call only the compiled JS closures below, never mathjs.
 */
export interface Landscape {
  /** dimension n */
  readonly dim: number;
  /** human-readable name ("expr: h*(x^2-1)^2", "builtin quartic(h=1)", ...) */
  readonly name: string;
  /** coordinate names, length n (e.g. ["x"] or ["x1","x2"]) */
  readonly vars: readonly string[];
  /** L(θ) */
  value(x: ArrayLike<number>): number;
  /** ∇L(θ) written into out (length n) */
  gradient(x: ArrayLike<number>, out: Float64Array): void;
  /** ∇²L(θ) written row-major into out (length n·n) */
  hessian(x: ArrayLike<number>, out: Float64Array): void;
  /** present iff dim === 1: scalar fast paths L, L', L'', L''' */
  readonly scalar?: ScalarLandscape;
  /** known critical points of a built-in family (exact, not searched); absent for expressions */
  readonly known?: KnownPoints;
}

/** 1-D landscape as four scalar functions (for the 1-D hot loops and the exact MFPT quadrature). */
export interface ScalarLandscape {
  L(x: number): number;
  d1(x: number): number;
  d2(x: number): number;
  d3(x: number): number;
}

export interface KnownPoints {
  /** the minimum a the escape starts from */
  minimum: number[];
  /** the index-1 saddle (1-D: the barrier top) b */
  saddle: number[];
  /** L(b) − L(a) */
  barrier: number;
}
