/**
 * mathjs, loaded on first use: importing it costs ~0.6 s, which built-in landscapes (and every worker
 * thread running one) need not pay.
 */
import { createRequire } from 'node:module';

type MathJs = typeof import('mathjs');
const require = createRequire(import.meta.url);
let loaded: MathJs | undefined;

export function mathjs(): MathJs {
  return (loaded ??= require('mathjs') as MathJs);
}
