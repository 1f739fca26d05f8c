/**
 * The files of a gallery folder that escapelab wrote: `index.md` and the `<id>.svg` / `<id>.png` pairs it links.
 * An earlier gallery is found through its index.md, and only those files are ever removed: anything else in the
 * folder is left as it is.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** the gallery written beside the figures */
export const GALLERY_FILE = 'index.md';

/** the ids of the figures the gallery `dir/index.md` links (`[![…](<id>.svg)](<id>.svg)`); [] without one */
export function galleryIds(dir: string): string[] {
  const index = join(dir, GALLERY_FILE);
  if (!existsSync(index)) return [];
  const ids = new Set<string>();
  for (const m of readFileSync(index, 'utf8').matchAll(/\]\(([A-Za-z0-9][A-Za-z0-9._-]*)\.svg\)/g)) ids.add(m[1]);
  return [...ids];
}

/** the figure files of `ids` (svg and png) present in `dir` */
export function figureFiles(dir: string, ids: Iterable<string>): string[] {
  return [...new Set(ids)].flatMap((id) => [`${id}.svg`, `${id}.png`]).map((f) => join(dir, f)).filter((f) => existsSync(f));
}

/**
 * Removes the earlier gallery in `dir`: the figures its index.md links, the figures of `moreIds` (e.g. the plots of
 * an earlier report), and index.md, except the figures of `keep`. The folder itself is removed when that empties it.
 * Returns the files removed.
 */
export function removeGallery(dir: string, moreIds: Iterable<string> = [], keep: Iterable<string> = []): string[] {
  if (!existsSync(dir)) return [];
  const kept = new Set(keep);
  const ids = [...galleryIds(dir), ...moreIds].filter((id) => !kept.has(id));
  const files = figureFiles(dir, ids);
  const index = join(dir, GALLERY_FILE);
  if (existsSync(index)) files.push(index);
  for (const f of files) unlinkSync(f);
  if (readdirSync(dir).length === 0) rmdirSync(dir);
  return files;
}

/**
 * Makes sure `dir` is a folder this process can write into (creating it), before any work: an error naming
 * `option` otherwise. A probe file is written and removed (a permission check alone misses read-only mounts).
 */
export function ensureWritableFolder(dir: string, option: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error(`${option}: ${dir} is a file, not a folder; give a folder (new or existing)`);
  const probe = join(dir, `.escapelab-write-test-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (e) {
    throw new Error(`${option}: cannot write into ${dir}: ${(e as Error).message}; give a folder you can write to`);
  }
}
