// Builds the bundles: the Node extension (and the libraries it loads on first use), the browser (web) extension and the CLI.
// `--production` minifies; `--watch` rebuilds on change and reports in the $esbuild-watch format.
const esbuild = require('esbuild');
const pkg = require('./package.json');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** `--outdir=DIR`: build somewhere else than dist/ (the bundle test builds into a temporary folder). */
const OUT = (process.argv.find((a) => a.startsWith('--outdir=')) ?? '--outdir=dist').slice('--outdir='.length);
/** `--metafile`: also write what each Node extension bundle holds, as `meta.extension.json` and `meta.engine.json` (for the bundle test). */
const writeMetafiles = process.argv.includes('--metafile');

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

/**
 * The Node extension is two bundles. dist/extension.js is what VS Code reads at activation (for every JSON,
 * YAML and Terraform file, most of them no KMS document): src/vscode/extension.ts and what it imports (the
 * document model and classifier of src/core/reading.ts, the diagnostics controller, the settings, l10n).
 * dist/engine.js is src/vscode/engine.ts (the rules, hovers, grants, access evaluator, commands), which
 * extension.ts requires on first need (engineLoader.ts). Both must share one runtime: one @vscode/l10n
 * (configured at activation with VS Code's bundle), one model cache, one Terraform parser. So every module
 * of dist/extension.js is exported from it (`__kmsLensShared`, by path), and the engine build takes each
 * such module from there instead of bundling a copy (`fromShell`): the extension host loads
 * dist/extension.js with Node's require, so the engine's `require('./extension.js')` is that same module
 * (the Italian integration pass shows the engine's messages translated). The browser build (no require
 * there) and the CLI stay one file each.
 */
const path = require('path');
const SHELL_ENTRY = 'src/vscode/extension.ts';
const ENGINE_ENTRY = 'src/vscode/engine.ts';
const SHELL_MODULE = 'kms-lens:shell';
const SHARED = '__kmsLensShared';
/** The generated entry of dist/extension.js (shellEntry), as the metafile names it. */
const SHELL_SOURCE = 'kms-lens-shell.js';

/** The extension's `require('./engine')` reads dist/engine.js. */
const engineChunk = {
  name: 'engine-chunk',
  setup(build) {
    build.onResolve({ filter: /^\.\/engine$/ }, () => ({ path: './engine.js', external: true }));
  },
};

/** The modules a bundle holds (paths relative to the project, as esbuild's metafile names them). */
function modulesOf(metafile) {
  const out = Object.entries(metafile.outputs).find(([f]) => f.endsWith('.js'))[1];
  return Object.keys(out.inputs).filter((f) => out.inputs[f].bytesInOutput > 0 && f !== SHELL_SOURCE).sort();
}

/** The shell's entry: extension.ts's exports, and each of its modules, for the engine (`fromShell`). */
function shellEntry(modules) {
  const lines = [`export * from ${JSON.stringify(`./${SHELL_ENTRY}`)};`];
  modules.forEach((m, i) => lines.push(`import * as m${i} from ${JSON.stringify(m.startsWith('.') ? m : `./${m}`)};`));
  lines.push(`export const ${SHARED} = {${modules.map((m, i) => `${JSON.stringify(m)}: m${i}`).join(', ')}};`);
  return { contents: lines.join('\n'), resolveDir: __dirname, sourcefile: SHELL_SOURCE, loader: 'js' };
}

/** In the engine build, a module the shell holds is read from the shell at run time, never bundled again. */
function fromShell(shared) {
  return {
    name: 'from-shell',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${SHELL_MODULE}$`) }, () => ({ path: './extension.js', external: true }));
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'from-shell' || args.kind === 'entry-point') return undefined;
        const r = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'from-shell' });
        if (r.errors.length > 0 || r.external || r.namespace !== 'file') return undefined;
        const key = path.relative(__dirname, r.path).split(path.sep).join('/');
        return shared.has(key) ? { path: key, namespace: 'kms-lens-shell' } : { path: r.path };
      });
      build.onLoad({ filter: /.*/, namespace: 'kms-lens-shell' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(SHELL_MODULE)}).${SHARED}[${JSON.stringify(args.path)}];`,
        loader: 'js',
        resolveDir: __dirname,
      }));
    },
  };
}

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

/**
 * Builds the shell, then the engine over the shell's modules. The shell's module list is what its bundle
 * holds once each of those modules is exported whole, so the build repeats until the list stops growing
 * (twice, usually). Fails if a module ends up in both bundles.
 */
async function buildNodeExtension() {
  let modules = [];
  let shell;
  for (;;) {
    shell = await esbuild.build({ ...node, stdin: shellEntry(modules), outfile: `${OUT}/extension.js`, metafile: true, plugins: [...common.plugins, lazyChunks, engineChunk] });
    const held = modulesOf(shell.metafile);
    if (held.length === modules.length && held.every((m, i) => m === modules[i])) break;
    modules = held;
  }
  const shared = new Set(modules);
  const engine = await esbuild.build({ ...node, entryPoints: [ENGINE_ENTRY], outfile: `${OUT}/engine.js`, metafile: true, plugins: [...common.plugins, lazyChunks, engineChunk, fromShell(shared)] });
  const twice = modulesOf(engine.metafile).filter((m) => shared.has(m));
  if (twice.length > 0) throw new Error(`bundled in both dist/extension.js and dist/engine.js: ${twice.join(', ')}`);
  if (writeMetafiles) {
    require('fs').writeFileSync(path.join(OUT, 'meta.extension.json'), JSON.stringify(shell.metafile));
    require('fs').writeFileSync(path.join(OUT, 'meta.engine.json'), JSON.stringify(engine.metafile));
  }
  return [shell, engine];
}

const builds = [
  ...Object.entries(LAZY_CHUNKS).map(([lib, file]) => ({ ...common, entryPoints: [require.resolve(lib)], outfile: `${OUT}/${file}`, platform: 'node', format: 'cjs', target: 'node20' })),
  { ...common, entryPoints: [SHELL_ENTRY], outfile: `${OUT}/web/extension.js`, platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], mainFields: ['browser', 'module', 'main'], plugins: [...common.plugins, webPlatform] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: `${OUT}/cli.js`, platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
];

/** The Terraform parser's WebAssembly (web-tree-sitter's runtime and the HCL grammar's Terraform variant) ships next to the bundles. */
function copyWasm() {
  const fs = require('fs');
  const files = [require.resolve('web-tree-sitter/web-tree-sitter.wasm'), require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')];
  for (const dir of [OUT, path.join(OUT, 'web')]) {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of files) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  }
}

/**
 * `--watch`: the shell and the engine are rebuilt together on each change under src/ (esbuild's own watch
 * rebuilds one bundle, and the engine's build depends on the shell's module list).
 */
async function watchNodeExtension() {
  const fs = require('fs');
  let timer;
  const run = () => buildNodeExtension().catch((e) => console.error(`✘ [ERROR] ${e.message}`));
  await run();
  fs.watch('src', { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(run, 100);
  });
}

async function main() {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    await watchNodeExtension();
    return;
  }
  copyWasm();
  const results = await Promise.all([...contexts.map((c) => c.rebuild()), buildNodeExtension()]);
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.flat().some((r) => r.errors.length > 0)) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
