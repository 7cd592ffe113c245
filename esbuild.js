// Builds the bundles: the Node extension (and the libraries it loads on first use), the browser (web) extension and the CLI.
// `--production` minifies; `--watch` rebuilds on change and reports in the $esbuild-watch format.
const esbuild = require('esbuild');
const pkg = require('./package.json');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors as `file:line:col` so VS Code's $esbuild-watch problem matcher finds them. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    if (!watch) return;
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  // jsonc-parser's `main` is a UMD build that breaks when bundled; its ES module build does not.
  mainFields: ['module', 'main'],
  logOverride: { 'import-is-undefined': 'error' },
  define: { KMS_LENS_VERSION: JSON.stringify(pkg.version) },
  plugins: [problemMatcher],
};

/** The browser build gets the web variant of platform modules (e.g. platform/gunzip -> platform/gunzip.web). */
const webPlatform = {
  name: 'web-platform',
  setup(build) {
    build.onResolve({ filter: /\/platform\/[a-z]+$/ }, (args) => ({ path: require('path').join(args.resolveDir, `${args.path}.web.ts`) }));
  },
};

/**
 * Libraries the core requires only on first use (the YAML parser, Terraform's parser runtime): the Node
 * extension loads each from its own file next to it, so activation does not read them. The core's
 * `require('yaml')` becomes `require('./yaml.js')`. The browser build (no require there) and the CLI
 * (one file for scripts) keep them inside.
 */
const LAZY_CHUNKS = { yaml: 'yaml.js', 'web-tree-sitter': 'web-tree-sitter.js' };
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^(yaml|web-tree-sitter)$/ }, (args) => ({ path: `./${LAZY_CHUNKS[args.path]}`, external: true }));
  },
};

const builds = [
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [...common.plugins, lazyChunks] },
  ...Object.entries(LAZY_CHUNKS).map(([lib, file]) => ({ ...common, entryPoints: [require.resolve(lib)], outfile: `dist/${file}`, platform: 'node', format: 'cjs', target: 'node20' })),
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], mainFields: ['browser', 'module', 'main'], plugins: [...common.plugins, webPlatform] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
];

/** The Terraform parser's WebAssembly (web-tree-sitter's runtime and the HCL grammar's Terraform variant) ships next to the bundles. */
function copyWasm() {
  const fs = require('fs');
  const path = require('path');
  const files = [require.resolve('web-tree-sitter/web-tree-sitter.wasm'), require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')];
  for (const dir of ['dist', path.join('dist', 'web')]) {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of files) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  }
}

async function main() {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  copyWasm();
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.errors.length > 0)) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
