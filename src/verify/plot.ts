export type { Plot, Axis, Series } from '../figures/plot.js';
