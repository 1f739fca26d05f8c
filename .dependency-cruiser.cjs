// @ts-check
/**
 * Architecture rules for src/, checked by `npm run deps` (part of `npm test`).
 *
 * LAYERS is the order in docs/architecture.md, lowest first. A module may import modules of its own
 * layer and of lower layers only. The folders of one layer are siblings: they may not import each
 * other except for the directed pairs in SIBLING_IMPORTS. Every module under src/ must belong to a
 * layer: a new folder (or top-level file) goes into LAYERS and docs/architecture.md first.
 */

/** @type {{ name: string, paths: string[] }[]} paths: regular expressions on repository-relative paths */
const LAYERS = [
  { name: '0 field-error.ts,rng,stats', paths: ['^src/field-error\\.ts$', '^src/rng/', '^src/stats/'] },
  { name: '1 landscapes,optimizers', paths: ['^src/landscapes/', '^src/optimizers/'] },
  { name: '2 noise,networks', paths: ['^src/noise/', '^src/networks/'] },
  { name: '3 dynamics', paths: ['^src/dynamics/'] },
  { name: '4 theory', paths: ['^src/theory/'] },
  { name: '5 scenario', paths: ['^src/scenario/'] },
  { name: '6 montecarlo,convergence', paths: ['^src/montecarlo/', '^src/convergence/'] },
  { name: '7 figures,bench', paths: ['^src/figures/', '^src/bench/'] },
  { name: '8 verify', paths: ['^src/verify/'] },
  { name: '9 cli,index.ts', paths: ['^src/cli/', '^src/index\\.ts$'] },
];

/** Imports between siblings of one layer that the code needs: [from, to], entries of one LAYERS[i].paths. */
/** @type {[string, string][]} */
const SIBLING_IMPORTS = [];

const ORDER = `layer order (docs/architecture.md): ${LAYERS.map((l) => l.name).join(' < ')}`;
const ALL_LAYER_PATHS = LAYERS.flatMap((l) => l.paths);
const ruleName = (/** @type {string} */ prefix, /** @type {string} */ layer) =>
  `${prefix}-${layer.replace(/\W+/g, '-')}`;

/** @typedef {import('dependency-cruiser').IForbiddenRuleType} Rule */

/** @type {Rule[]} */
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: ruleName('layer', layer.name),
  comment: `Layer ${layer.name} may import only its own and lower layers; ${ORDER}.`,
  severity: 'error',
  from: { path: layer.paths },
  to: { path: LAYERS.slice(i + 1).flatMap((l) => l.paths) },
}));

/** @type {Rule[]} */
const siblingRules = LAYERS.flatMap((layer) =>
  layer.paths.flatMap((from) => {
    const allowed = SIBLING_IMPORTS.filter(([f]) => f === from).map(([, t]) => t);
    const forbidden = layer.paths.filter((p) => p !== from && !allowed.includes(p));
    if (forbidden.length === 0) return [];
    /** @type {Rule} */
    const rule = {
      name: ruleName('sibling', layer.name),
      comment:
        `Siblings in layer ${layer.name} may import each other only as SIBLING_IMPORTS in ` +
        `.dependency-cruiser.cjs allows; ${ORDER}.`,
      severity: 'error',
      from: { path: from },
      to: { path: forbidden },
    };
    return [rule];
  }),
);

const NO_LAYER =
  `Every module under src/ belongs to a layer: add a new folder to LAYERS in .dependency-cruiser.cjs ` +
  `and to docs/architecture.md; ${ORDER}.`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: `No import cycles under src/, counting static, dynamic (import()) and type-only imports; ${ORDER}.`,
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    ...siblingRules,
    {
      name: 'src-module-without-layer',
      comment: NO_LAYER,
      severity: 'error',
      from: { path: '^src/', pathNot: ALL_LAYER_PATHS },
      to: {},
    },
    {
      name: 'src-import-without-layer',
      comment: NO_LAYER,
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: ALL_LAYER_PATHS },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import under src/ that cannot be resolved (a file moved without its importers?).',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-tests-or-scripts',
      comment: 'src/ must not import test/, proofs/, sims/ or scripts/ (the build compiles src/ only).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|proofs|sims|scripts)/' },
    },
    {
      name: 'not-to-dev-dependencies',
      comment: 'src/ is the published package: it must not import devDependencies.',
      severity: 'error',
      // tsx is loaded with import() only when the engine runs from .ts sources (vitest, tsx)
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], pathNot: '^node_modules/tsx/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    // type-only imports are edges too: the layering is a design rule, not only about the emitted JS
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
