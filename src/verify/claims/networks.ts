/** The claims on real neural networks (issue 19; docs/claims.md, "Real networks"), in report order. */
import type { Claim } from '../claim.js';
import { nnEscapeBatchLr, nnEscapeSharpness } from './networks-escape.js';
import { nnNoiseCovariance } from './networks-noise.js';
import { nnOptimizerSelectivity } from './networks-selectivity.js';

export const NETWORK_CLAIMS: Claim[] = [nnNoiseCovariance, nnEscapeSharpness, nnEscapeBatchLr, nnOptimizerSelectivity];
