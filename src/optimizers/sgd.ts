/**
 * SGD with momentum, PyTorch `torch.optim.SGD` semantics (L2 weight decay added to the gradient):
 *   d = g + wd·θ;  b₁ = d,  b_t = μ·b_{t−1} + (1 − dampening)·d;  d ← nesterov ? d + μ·b_t : b_t;  θ ← θ − lr·d.
 * `momentum` is the same rule with μ = 0.9 by default (heavy ball); dampening = μ gives the EMA form
 * b = μb + (1−μ)d (PyTorch still starts the buffer at b₁ = d).
 */
import { bool, lrRule, num, OptimizerError, resolveHyper, wdRule, type Hyper } from './hyper.js';
import { buf, checkShapes, type Optimizer } from './types.js';

function heavyBall(name: 'sgd' | 'momentum', given: Hyper | undefined): Optimizer {
  const h = resolveHyper<Required<Pick<Hyper, 'lr' | 'momentum' | 'dampening' | 'weightDecay' | 'nesterov'>>>(name, {
    lr: lrRule(1e-3),
    momentum: num(name === 'momentum' ? 0.9 : 0, 0, 1, { hiOpen: true }),
    dampening: num(0, 0, 1),
    weightDecay: wdRule(),
    nesterov: bool(false),
  }, given as Record<string, unknown>);
  if (h.nesterov && (h.momentum === 0 || h.dampening !== 0)) {
    throw new OptimizerError(`${name}.nesterov`, 'needs momentum > 0 and dampening = 0 (as in PyTorch)');
  }
  const { lr, momentum: mu, dampening, weightDecay: wd, nesterov } = h;
  return {
    name, hyper: Object.freeze({ ...h }),
    init: (p) => ({ t: 0, buf: new Float64Array(p.length) }),
    step(p, g, s) {
      checkShapes(name, p, g, s);
      s.t++;
      const b = buf(s, 'buf');
      for (let i = 0; i < p.length; i++) {
        let d = wd !== 0 ? g[i] + wd * p[i] : g[i];
        if (mu !== 0) {
          b[i] = s.t === 1 ? d : mu * b[i] + (1 - dampening) * d;
          d = nesterov ? d + mu * b[i] : b[i];
        }
        p[i] -= lr * d;
      }
    },
  };
}

export const sgd = (h?: Hyper) => heavyBall('sgd', h);
export const momentum = (h?: Hyper) => heavyBall('momentum', h);
