/** The TTF files shipped through npm (dejavu-fonts-ttf), so PNG text renders on a machine without system fonts. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** DejaVu Sans regular and bold: the family FONT_FAMILY names in the SVG */
export function fontFiles(): string[] {
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
}
