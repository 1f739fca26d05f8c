/**
 * Every citation of a Markdown document in src/ (including the CLI help text of src/cli/), docs/, README.md, test/,
 * proofs/ and sims/ must resolve inside the repository: the file exists, and its § section, item, anchor or
 * quoted title is there. The rules are in ./citations.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkRepository, checkText, parseSections, slug } from './citations.js';

describe('citation resolver', () => {
  it('parses § chains, ranges and items', () => {
    expect(parseSections(' §4.1, §4.4 and §7 rest').refs.map((r) => r.num)).toEqual(['4.1', '4.4', '7']);
    expect(parseSections(' §1–§5):').refs.map((r) => r.num)).toEqual(['1', '5']);
    expect(parseSections(' §7 items 1–3, 11)').refs).toEqual([{ num: '7', items: [1, 2, 3, 11] }]);
    expect(parseSections('\n * §7 gives').refs.map((r) => r.num)).toEqual(['7']);
    expect(parseSections(' and design.md §3').refs).toEqual([]);
  });

  it('makes GitHub heading slugs', () => {
    expect(slug('gpu.js backends (float32; issue 6)')).toBe('gpujs-backends-float32-issue-6');
    expect(slug('Against the targets of [design.md](design.md) §8')).toBe('against-the-targets-of-designmd-8');
    expect(slug('Estimators (`src/stats`)')).toBe('estimators-srcstats');
  });

  it('accepts citations that resolve', () => {
    const good = [
      '/** design.md §7 items 1–8, 11 and design.md §3; sources.md §4.1, §4.4 (sources.md §6 item 12) */',
      '// docs/engine.md, "Step size"; proofs/README.md; sources.md §4.3 "practical warning"; sources.md §1–§5',
    ].join('\n');
    expect(checkText('src/fake.ts', good).problems).toEqual([]);
    const md = 'See [engine.md](engine.md#step-size), [design.md](design.md) §7 and [proofs](../proofs/README.md); `DIR/report.md`.';
    expect(checkText('docs/fake.md', md).problems).toEqual([]);
  });

  it('flags each broken citation: a missing file, section, item, anchor, title, link', () => {
    const bad = [
      '/** nonexistent-spec.md §2 */',                       // 1 file
      '/** sources.md §9.9 */',                              // 2 section
      '/** design.md §7 item 99 */',                         // 3 item
      '/** engine.md#no-such-anchor */',                     // 4 anchor
      '/** docs/engine.md, "No such heading" */',            // 5 quoted title
      '/** ../shared/theory.md */',                          // 6 outside the repository
      '/** theory.md §7 (docs/theory.md has §1–§5 only) */', // 7 docs/theory.md has no §7
    ].join('\n');
    const { problems } = checkText('src/fake.ts', bad);
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(problems[1].reason).toMatch(/no section §9\.9 in docs\/sources\.md/);
    expect(problems[2].reason).toMatch(/has no item 99/);
    const md = checkText('docs/fake.md', '[x](cli.md#estimators-nowhere) and [y](missing.md) and [z](engine.md) §42').problems;
    expect(md.map((p) => p.reason)).toEqual([
      expect.stringMatching(/no heading with anchor #estimators-nowhere/),
      expect.stringMatching(/missing\.md does not exist/),
      expect.stringMatching(/no section §42/),
    ]);
  });
});

describe('repository citations', () => {
  it('every cited document, section, item and anchor exists in the repository', () => {
    const { files, citations, problems } = checkRepository();
    expect(files).toBeGreaterThan(50);
    expect(citations).toBeGreaterThan(200);
    const listing = problems.map((p) => `${p.file}:${p.line}: ${p.citation} — ${p.reason}`).join('\n');
    expect(listing, `${problems.length} broken citation(s):\n${listing}`).toBe('');
  });
});
