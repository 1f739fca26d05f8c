/** The Markdown index of a set of figures: title, linked SVG image and note of each. */
import type { Plot } from './plot.js';

/** text safe inside a Markdown link label */
const label = (s: string) => s.replace(/[[\]\\]/g, (c) => `\\${c}`);

/** one section per plot; `relDir` is the figures folder relative to the Markdown file ('.' or '' when beside it) */
export function galleryMarkdown(plots: Plot[], relDir: string): string {
  const dir = relDir.replace(/\/+$/, '');
  const href = (id: string) => (dir === '' || dir === '.' ? `${id}.svg` : `${dir}/${id}.svg`);
  const lines = ['# Figures', '', `${plots.length} figure${plots.length === 1 ? '' : 's'}, written by \`escapelab figures\`.`, ''];
  for (const p of plots) {
    lines.push(`## ${p.title}`, '', `[![${label(p.title)}](${href(p.id)})](${href(p.id)})`, '');
    if (p.note) lines.push(p.note, '');
    lines.push(`\`${p.id}\``, '');
  }
  return lines.join('\n');
}
