/**
 * Text widths measured with the shipped TTF (opentype.js), handed to Vega's layout. Without a canvas Vega
 * guesses 0.8 em a character, ~40% wider than DejaVu Sans: legends spill off the figure and labels sit loose.
 */
import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';
import * as vega from 'vega';
import { fontFiles } from './font.js';

interface Faces {
  regular: opentype.Font;
  bold: opentype.Font;
}
let faces: Faces | undefined;

function load(path: string): opentype.Font {
  const b = readFileSync(path);
  return opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** width in px of one line of text: the sum of glyph advances (no kerning; DejaVu's kerning is small) */
export function textWidth(text: string, fontSize: number, bold = false): number {
  if (!faces) {
    const [regular, boldFile] = fontFiles();
    faces = { regular: load(regular), bold: load(boldFile) };
  }
  const font = bold ? faces.bold : faces.regular;
  let units = 0;
  for (const ch of text) units += font.charToGlyph(ch).advanceWidth ?? 0;
  return (units * fontSize) / font.unitsPerEm;
}

const isBold = (w: unknown) => w === 'bold' || w === 'bolder' || (typeof w === 'number' && w >= 600) || (typeof w === 'string' && Number(w) >= 600);

/** what Vega calls (vega-scenegraph's user-defined textMetrics.width hook) */
function vegaWidth(item: { fontSize?: number; fontWeight?: unknown; limit?: number }, text: unknown): number {
  const size = item.fontSize != null ? +item.fontSize || 0 : 11; // Vega's default font size
  const w = textWidth(text == null ? '' : String(text).trim(), size, isBold(item.fontWeight));
  return item.limit && item.limit > 0 ? Math.min(w, item.limit) : w; // a limited label is drawn truncated
}

/** make Vega measure text with the shipped font (process-wide; idempotent) */
export function useShippedFontMetrics(): void {
  (vega as unknown as { textMetrics: { width: typeof vegaWidth } }).textMetrics.width = vegaWidth;
}
