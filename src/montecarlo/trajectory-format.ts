/**
 * What the per-trajectory files have in common (io.ts: the format-1 JSON document; trajectory-stream.ts and
 * trajectory-read.ts: the format-2 JSON Lines file): the scenario type, status names and the parts of a file.
 */
import type { Scenario as AnyScenario, SimulationSpec } from '../scenario/schema.js';
import { NOT_RUN, STATUS_NAMES } from './state.js';
import type { WorkSet } from './work.js';

/** a scenario with its simulation block (every trajectory file has one) */
export type SimulatedScenario = AnyScenario & { simulation: SimulationSpec };

export const TRAJECTORY_FORMAT = 'escapelab-trajectories/1';
export const TRAJECTORY_FORMAT_2 = 'escapelab-trajectories/2';
/** rows per appended line: bounds the size of one line (a string) whatever the run's size */
export const ROWS_PER_LINE = 1 << 16;
export const CSV_HEADER = 'index,time,steps,status,boundary';

export interface TrajectoryHeader {
  scenario: SimulatedScenario;
  /** trajectories of the whole run (all shards) */
  total: number;
  work: WorkSet;
}

/** the end line of one run (a session) that wrote the file: its own steps and seconds */
export interface SessionEnd {
  complete: boolean;
  steps: number;
  seconds: number;
  backend: string;
}

/** rows of finished trajectories, column by column */
export interface Columns { index: number[]; time: number[]; steps: number[]; status: string[]; boundary: number[] }

/** name by status code (NOT_RUN: 'not-run'), and code by name: tables, for the per-row loops of the files */
const NAMES: readonly string[] = Array.from({ length: 256 }, (_, s) => (s === NOT_RUN ? 'not-run' : STATUS_NAMES[s] ?? `status-${s}`));
const CODES = new Map<string, number>([...STATUS_NAMES.map((n, i) => [n, i] as [string, number]), ['not-run', NOT_RUN]]);

export function statusName(s: number): string {
  return NAMES[s];
}

export function statusCode(name: string): number {
  const i = CODES.get(name);
  if (i === undefined) throw new Error(`unknown trajectory status '${name}'`);
  return i;
}

export function isCsvPath(path: string): boolean {
  return path.endsWith('.csv');
}
