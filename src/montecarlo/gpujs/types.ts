/** What a gpu.js run is, seen from the engine, and what a kernel family plugs into the one launch loop. */
import type { BlockResult } from '../backends/cpu.js';
import type { ChunkState } from '../state.js';
import type { WorkSet } from '../work.js';
import type { GpujsBackend } from './gpu.js';

export interface GpuRunner {
  backend: GpujsBackend;
  /** advice from the tabulation (float32 guard) */
  warnings: string[];
  runBlock(work: WorkSet, begin: number, end: number): Promise<BlockResult>;
  destroy(): void;
}

/**
 * A compiled gpu.js kernel family (1-D tables or n-D generated code) as the launch loop (runner.ts) drives it:
 * host buffers for one block, the kernel's arguments, and how to read one trajectory's output back.
 */
export interface LaunchAdapter {
  /** uniforms the generator draws per step (the host advances each trajectory's generator by perStep·taken) */
  perStep: number;
  /** float32 advice */
  warnings: string[];
  /** put `count` trajectories at the start (and zero any optimizer moments) */
  reset(count: number): void;
  /** run one launch: trajectory i takes up to lim[i] steps from generator state g[·][i] */
  launch(lim: Float32Array, g: Float32Array[]): Promise<unknown>;
  /** copy trajectory i's state from the launch output into the host buffers and `s.x`; returns its code word */
  read(out: unknown, i: number, s: ChunkState): number;
  /** a status the loop does not know (e.g. left the tabulated interval): throw an error that says so */
  unexpected?(status: number, out: unknown, i: number, s: ChunkState): void;
  /** after `taken` steps of a trajectory that goes on: carry its optimizer moments */
  carry?(out: unknown, i: number, taken: number): void;
  destroy(): void;
}

/** The verdict of a backend's statistical validation against float64 `cpu` (validate.ts). */
export interface Verdict {
  backend: string;
  scenario: string;
  exact: number;
  estimate: number;
  ci95: [number, number];
  reference: { estimate: number; ci95: [number, number] };
  ksD: number;
  ksP: number;
  exactInside: boolean;
  overlap: boolean;
  passed: boolean;
  stepsPerSecond: number;
}
