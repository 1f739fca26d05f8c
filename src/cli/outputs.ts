/**
 * The checks every output path of `simulate` and `merge` passes before any work: never a folder, a missing or
 * read-only folder, an input of the command (the scenario, a merge input), or an existing file unless --force or
 * the run continues that very file (--resume F). The messages name the option and what is allowed.
 */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkWritable } from '../montecarlo/io.js';

function statOf(path: string): Stats | null {
  try { return statSync(path); } catch { return null; }
}

/** the same file: by device and inode when both exist (links, `./a` and `a`), else by absolute path */
export function sameFile(a: string, b: string): boolean {
  const x = statOf(a), y = statOf(b);
  if (x && y) return x.dev === y.dev && x.ino === y.ino;
  return resolve(a) === resolve(b);
}

export interface OutputCheck {
  /** the option that named the path (--out, or --resume when it names the output too) */
  option: string;
  path: string;
  force: boolean;
  /** files the command reads, never to be written: the scenario, merge inputs */
  inputs: { path: string; what: string }[];
  /** the file a resumed run continues: it may be written without --force */
  continues?: string;
}

export function checkOutput(o: OutputCheck): void {
  const continuing = o.continues !== undefined && sameFile(o.path, o.continues);
  for (const i of o.inputs) {
    if (sameFile(o.path, i.path)) throw new Error(`${o.option}: ${o.path} is ${i.what}, which this command reads; write the results to another file`);
  }
  const st = statOf(o.path);
  if (st?.isDirectory()) throw new Error(`${o.option}: cannot write ${o.path}: it is a folder; give a file name`);
  if (st && !continuing && !o.force) throw new Error(`${o.option}: ${o.path} exists; give --force to replace it, or another file name`);
  const folder = dirname(resolve(o.path));
  const parent = statOf(folder);
  if (!parent?.isDirectory()) throw new Error(`${o.option}: cannot write ${o.path}: ${folder} ${parent ? 'is not a folder' : 'does not exist'}`);
  checkWritable(o.path, o.option);
  if (continuing) {
    try { accessSync(o.path, constants.W_OK); } catch (e) {
      throw new Error(`${o.option}: cannot write ${o.path}: ${(e as Error).message}`);
    }
  }
}
