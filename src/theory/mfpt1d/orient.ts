/**
 * Route 1, orientation and evaluation: the problem mapped so that the exit lies above,
 *     x' = s·x with s = ±1,   A'(x') = s·A(s x'),   𝒟'(x') = 𝒟(s x'),
 * so that the oriented wall r < e (r may be −∞), and q = A'/𝒟' = s·A/𝒟 with Φ' = −q.
 */
import { checkModel, checkedCoefficients, type Diffusion1D } from './types.js';

export interface Oriented {
  who: string;
  s: 1 | -1;
  model: Diffusion1D;
  /** oriented wall (may be −Infinity), exit */
  r: number;
  e: number;
  /** oriented breakpoints, ascending */
  breakpoints: number[];
  evaluations: number;
  /** writes q = A/𝒟 and log 𝒟 at oriented x into q[k], logD[k] */
  evalInto(x: number, q: Float64Array, logD: Float64Array, k: number): void;
}

export function orient(model: Diffusion1D, exit: number, reflect: number, who: string): Oriented {
  checkModel(model, who);
  if (!Number.isFinite(exit)) throw new RangeError(`${who}: exit must be finite, got ${exit}`);
  if (Number.isNaN(reflect) || reflect === exit) throw new RangeError(`${who}: reflect must differ from exit (got ${reflect})`);
  const s: 1 | -1 = exit > reflect ? 1 : -1;
  const bps = (model.breakpoints ?? []).map((b) => {
    if (!Number.isFinite(b)) throw new RangeError(`${who}: breakpoints must be finite, got ${b}`);
    return s * b;
  });
  bps.sort((a, b) => a - b);
  const o: Oriented = {
    who,
    s,
    model,
    r: s * reflect,
    e: s * exit,
    breakpoints: bps,
    evaluations: 0,
    evalInto(x, q, logD, k) {
      const xo = s * x;
      const [A, D] = checkedCoefficients(model, xo, who);
      o.evaluations++;
      q[k] = (s * A) / D;
      logD[k] = Math.log(D);
    },
  };
  return o;
}
