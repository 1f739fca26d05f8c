/**
 * A network as a `Landscape` (src/landscapes/types.ts) over φ: value = the full-batch loss L̃(φ), gradient, dense
 * Hessian. The value memoises its last argument: a simulation step evaluates the exit test and the rare-event score
 * on the same state, and the second call costs n comparisons instead of a pass over the dataset.
 */
import type { Landscape } from '../landscapes/types.js';
import type { Network } from './types.js';

/** "iris 4-16-3 tanh cross-entropy λ=0.01 α=1" */
export function networkName(net: Network): string {
  const s = net.spec, widths = [net.data.inputs, ...s.hidden, net.data.outputs].join('-');
  return `network ${net.data.name} ${widths} ${s.activation} ${s.loss} λ=${s.weightDecay} α=${s.scale}`;
}

export function networkLandscape(net: Network): Landscape {
  const n = net.dim, last = new Float64Array(n);
  let lastValue = NaN, cached = false;
  return {
    dim: n,
    name: networkName(net),
    vars: net.vars,
    value(x) {
      if (cached) {
        let same = x.length === n;
        for (let i = 0; same && i < n; i++) same = x[i] === last[i];
        if (same) return lastValue;
      }
      const v = net.loss(x);
      for (let i = 0; i < n; i++) last[i] = x[i];
      lastValue = v;
      cached = true;
      return v;
    },
    gradient: (x, out) => net.gradient(x, out),
    hessian: (x, out) => net.hessian(x, out),
  };
}
