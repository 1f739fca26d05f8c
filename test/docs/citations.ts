/**
 * Citation checker: finds every citation of a Markdown file in a source or document and says whether it
 * resolves inside the repository.
 *
 * Recognised forms:
 *   name.md                      a file, resolved against docs/, the citing file's folder, then the repo root
 *   dir/name.md, ../x/name.md    a path ('./' and '../' paths: relative to the citing file only)
 *   name.md#anchor               the anchor must be a heading slug (GitHub rules) or an <a id/name> of the file
 *   name.md §N(.M)               §N.M must be a numbered heading of the file ("## N. Title", "### N.M Title");
 *                                chains "§4.1, §4.4 and §7", ranges "§1–§5" and "§6 item 12" / "§7 items 1–8, 11"
 *                                (a numbered list item inside that section) are checked too
 *   name.md, "Title"             the quoted title must be a heading or a **bold** label of the file
 *   [text](target#anchor)        Markdown links (in .md files), relative to the citing file, any target type
 * Names of files escapelab writes at run time (report.md, index.md) are not required to exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** files the toolkit writes into an output folder (verify report, figures gallery) */
export const GENERATED = new Set(['report.md', 'index.md']);

export interface Problem { file: string; line: number; citation: string; reason: string }

interface Heading { level: number; text: string; slug: string; line: number }
interface MdInfo { lines: string[]; headings: Heading[]; anchors: Set<string>; labels: string[] }

const mdCache = new Map<string, MdInfo>();

/** the text a heading renders to: links by their text, no emphasis or code marks */
function plain(s: string): string {
  return s.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '').trim();
}

/** GitHub's heading slug (github-slugger): lower case, punctuation dropped, spaces to hyphens */
export function slug(text: string): string {
  return plain(text).toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

export function markdownInfo(path: string): MdInfo {
  const hit = mdCache.get(path);
  if (hit) return hit;
  const lines = readFileSync(path, 'utf8').split('\n');
  const headings: Heading[] = [];
  const anchors = new Set<string>();
  const labels: string[] = [];
  const seen = new Map<string, number>();
  let fence: string | null = null;
  lines.forEach((l, i) => {
    const f = /^\s*(```|~~~)/.exec(l);
    if (f) { fence = fence === null ? f[1] : (fence === f[1] ? null : fence); return; }
    if (fence !== null) return;
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    if (h) {
      const base = slug(h[2]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const s = n === 0 ? base : `${base}-${n}`;
      headings.push({ level: h[1].length, text: plain(h[2]), slug: s, line: i });
      anchors.add(s);
      labels.push(plain(h[2]));
    }
    for (const a of l.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(a[1]);
    for (const b of l.matchAll(/\*\*([^*]+)\*\*/g)) labels.push(b[1].trim());
  });
  const info = { lines, headings, anchors, labels };
  mdCache.set(path, info);
  return info;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** the heading numbered `num` ("## 7. Claims", "### 4.3 Position…", "## §7 …"), or undefined */
export function findSection(info: MdInfo, num: string): Heading | undefined {
  const re = new RegExp(`^§?\\s*${escapeRe(num)}(?:\\.(?!\\d)|\\s|\\)|:|$)`);
  return info.headings.find((h) => re.test(h.text));
}

/** numbers of the ordered-list items inside a section (up to the next heading of the same or a higher level) */
export function sectionItems(info: MdInfo, h: Heading): Set<number> {
  const next = info.headings.find((x) => x.line > h.line && x.level <= h.level);
  const end = next ? next.line : info.lines.length;
  const items = new Set<number>();
  let fence = false;
  for (let i = h.line + 1; i < end; i++) {
    if (/^\s*(```|~~~)/.test(info.lines[i])) { fence = !fence; continue; }
    if (fence) continue;
    const m = /^\s{0,3}(\d+)[.)]\s/.exec(info.lines[i]);
    if (m) items.add(Number(m[1]));
  }
  return items;
}

function insideRoot(p: string): boolean {
  const r = relative(ROOT, p);
  return r !== '' && !r.startsWith('..') && !r.startsWith(sep) && !/^[a-zA-Z]:/.test(r);
}

/** where a bare citation `name` in `fromFile` points: docs/, the citing folder, the root; undefined if nowhere */
export function resolveName(name: string, fromFile: string): string | undefined {
  const dir = dirname(resolve(ROOT, fromFile));
  const candidates = /^\.\.?\//.test(name) ? [resolve(dir, name)] : [resolve(ROOT, 'docs', name), resolve(dir, name), resolve(ROOT, name)];
  return candidates.find((c) => insideRoot(c) && existsSync(c));
}

interface SectionRef { num: string; items: number[] }

// separators that may stand between a citation and its § (a line break may carry a comment marker)
const GAP = String.raw`[ \t]*(?:\n[ \t]*(?:\*(?!\*)|\/\/|#)?[ \t]*)?`;
const SEC = new RegExp(String.raw`^${GAP}§[ \t]?(\d+(?:\.\d+)*)`);
const ITEMS = /^[ \t]+items?[ \t]+(\d+(?:[ \t]*[–-][ \t]*\d+)?(?:[ \t]*,[ \t]*\d+(?:[ \t]*[–-][ \t]*\d+)?)*)/;
const JOIN = new RegExp(String.raw`^(?:[ \t]*(?:,[ \t]*and|,|and|or|to|–|-)${GAP})(?=§)`);
const LABEL = /^,?[ \t]+["“]([^"”\n]{2,80})["”]/;

/** parse "§A, §B item 3 and §C–§D" at the start of `s`; returns the references and how much was read */
export function parseSections(s: string): { refs: SectionRef[]; length: number } {
  const refs: SectionRef[] = [];
  let pos = 0;
  for (;;) {
    const m = SEC.exec(s.slice(pos));
    if (!m) break;
    pos += m[0].length;
    const ref: SectionRef = { num: m[1], items: [] };
    const it = ITEMS.exec(s.slice(pos));
    if (it) {
      pos += it[0].length;
      for (const part of it[1].split(',')) {
        const [a, b] = part.split(/[–-]/).map((x) => Number(x.trim()));
        for (let k = a; k <= (b ?? a); k++) ref.items.push(k);
      }
    }
    refs.push(ref); // a range "§1–§5" is checked at both ends
    const j = JOIN.exec(s.slice(pos));
    if (!j) break;
    pos += j[0].length;
  }
  return { refs, length: pos };
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** check the target (and its §/anchor/label) of one citation; returns the reason it is broken, or null */
function checkTarget(target: string, anchor: string | undefined, refs: SectionRef[], label: string | undefined): string | null {
  const isMd = extname(target) === '.md' && existsSync(target) && statSync(target).isFile();
  if ((anchor || refs.length || label) && !isMd) return `${relative(ROOT, target)} is not a Markdown file`;
  if (!isMd) return null;
  const info = markdownInfo(target);
  const rel = relative(ROOT, target);
  if (anchor && !info.anchors.has(anchor)) return `no heading with anchor #${anchor} in ${rel}`;
  for (const r of refs) {
    const h = findSection(info, r.num);
    if (!h) return `no section §${r.num} in ${rel}`;
    if (r.items.length) {
      const have = sectionItems(info, h);
      const missing = r.items.filter((k) => !have.has(k));
      if (missing.length) return `§${r.num} of ${rel} has no item ${missing.join(', ')}`;
    }
  }
  if (label) {
    const want = label.toLowerCase().replace(/\s+/g, ' ');
    if (!info.labels.some((l) => l.toLowerCase().replace(/\s+/g, ' ').includes(want))) return `no heading or bold label "${label}" in ${rel}`;
  }
  return null;
}

/** every broken citation in `text`, as if it were the content of `file` (a path relative to the root) */
export function checkText(file: string, text: string): { problems: Problem[]; citations: number; found: string[] } {
  const problems: Problem[] = [];
  const found: string[] = [];
  let citations = 0;
  // URLs are not citations
  let t = text.replace(/\b(?:https?|file):\/\/[^\s)>\]'"`]+/g, (u) => ' '.repeat(u.length));
  const isMd = file.endsWith('.md');
  const report = (index: number, citation: string, reason: string | null) => {
    citations++;
    found.push(citation.replace(/\s+/g, ' ').trim());
    if (reason) problems.push({ file, line: lineOf(text, index), citation: citation.replace(/\s+/g, ' ').trim(), reason });
  };

  if (isMd) {
    // Markdown links: relative to the citing file; then masked so the bare scan does not see them again
    const link = /\[([^\]\n]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g;
    t = t.replace(link, (whole, _text: string, dest: string, index: number) => {
      if (/^(?:[a-z]+:|\/\/)/i.test(dest)) return ' '.repeat(whole.length);
      const [path, anchor] = dest.split('#') as [string, string | undefined];
      const target = path === '' ? resolve(ROOT, file) : resolve(ROOT, dirname(file), decodeURIComponent(path));
      const after = t.slice(index + whole.length);
      const { refs, length } = parseSections(after);
      const lab = LABEL.exec(after.slice(length));
      if (!insideRoot(target) || !existsSync(target)) report(index, whole, `${dest} does not exist in the repository`);
      else report(index, whole + after.slice(0, length), checkTarget(target, anchor || undefined, refs, lab?.[1]));
      return ' '.repeat(whole.length);
    });
  }

  const bare = /(?<![\w./$}{@-])((?:\.\.?\/)*(?:[\w.-]+\/)*[\w-][\w.-]*\.md)(?![\w/-])(#[\w-]+)?/g;
  for (const m of t.matchAll(bare)) {
    const [whole, name, hash] = m;
    const index = m.index ?? 0;
    const after = t.slice(index + whole.length);
    const { refs, length } = parseSections(after);
    const lab = LABEL.exec(after.slice(length));
    const shown = whole + after.slice(0, length);
    const target = resolveName(name, file);
    if (!target) {
      const base = name.split('/').pop() ?? name;
      if (GENERATED.has(base) && !hash && refs.length === 0) continue;
      report(index, shown, `${name} does not exist in the repository (looked in docs/, ${dirname(file)}/ and the root)`);
      continue;
    }
    report(index, shown, checkTarget(target, hash?.slice(1), refs, lab?.[1]));
  }
  return { problems, citations, found };
}

/** the files whose citations must resolve: src/ (with the CLI help text of src/cli/), docs/, proofs/, sims/, test/, README.md */
export function citingFiles(): string[] {
  const out: string[] = [];
  const skip = new Set(['node_modules', 'dist', 'out', '.git']);
  const walk = (dir: string, keep: (f: string) => boolean) => {
    if (!existsSync(join(ROOT, dir))) return;
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { if (!skip.has(e.name)) walk(p, keep); } else if (keep(p)) out.push(p);
    }
  };
  walk('src', (f) => f.endsWith('.ts'));
  walk('docs', (f) => f.endsWith('.md'));
  walk('proofs', (f) => f.endsWith('.md') || f.endsWith('.ts'));
  walk('sims', (f) => /\.(ts|mts|md|py|c|sh)$/.test(f));
  walk('test', (f) => f.endsWith('.ts') && !f.startsWith(join('test', 'docs'))); // test/docs/ holds deliberately broken examples
  walk('scripts', (f) => /\.(mjs|js|ts)$/.test(f));
  if (existsSync(join(ROOT, 'README.md'))) out.push('README.md');
  return out.sort();
}

export function checkRepository(): { files: number; citations: number; problems: Problem[] } {
  mdCache.clear();
  const files = citingFiles();
  const problems: Problem[] = [];
  let citations = 0;
  for (const f of files) {
    const r = checkText(f, readFileSync(join(ROOT, f), 'utf8'));
    problems.push(...r.problems);
    citations += r.citations;
  }
  return { files: files.length, citations, problems };
}
