/** Figures: the plot contract, its Vega-Lite spec, SVG/PNG rendering, files and a gallery. */
export { axisTitle, SERIES_STYLES, type Axis, type AxisScale, type Plot, type Series, type SeriesPoint, type SeriesStyle } from './plot.js';
export { PlotError, validatePlot, validatePlots, type PlotProblem } from './validate.js';
export { plotToVegaLite } from './spec.js';
export { compileVegaLite, renderPng, renderSvg, type PngOptions } from './render.js';
export { writeFigures, WRITE_PNG_SCALE } from './write.js';
export { galleryMarkdown } from './gallery.js';
export { plotsFromReport } from './report.js';
export { FONT_FAMILY, HEIGHT, PALETTE, WIDTH } from './theme.js';
export { ensureWritableFolder, figureFiles, GALLERY_FILE, galleryIds, removeGallery } from './files.js';
