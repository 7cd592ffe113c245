/**
 * `npm run bench bundle`: what VS Code reads when it activates KMS Lens, as
 * shipped (the production build `npm run bench` makes, as `vsce package`
 * does): `dist/extension.js` (goal, issue 13: under 400 KB), the browser
 * build, and the chunks the Node extension loads on first use (esbuild.js):
 * the engine with the first KMS document, the YAML and Terraform parsers.
 * Also V8's time to compile what activation reads, against the same for the
 * shell and the engine together (what activation read before they were split).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vm from 'node:vm';
import { ROOT } from './harness';
import { recordTarget } from './targets';

const KB = 1000;

export function run(): void {
  const size = (f: string): number => (fs.existsSync(path.join(ROOT, f)) ? fs.statSync(path.join(ROOT, f)).size : Number.NaN);
  const main = size('dist/extension.js');
  if (fs.existsSync(path.join(ROOT, 'dist', 'extension.js.map'))
    && fs.statSync(path.join(ROOT, 'dist', 'extension.js.map')).mtimeMs >= fs.statSync(path.join(ROOT, 'dist', 'extension.js')).mtimeMs) {
    console.log('\n(dist/ holds a development build: run `npm run bench`, which builds for production, for the shipped sizes)');
  }
  const rows: Array<[string, number, string]> = [
    ['dist/extension.js (Node, read at activation)', main, 'at activation'],
    ['dist/engine.js (Node, first KMS document)', size('dist/engine.js'), 'on first use'],
    ['dist/web/extension.js (browser, read at activation)', size('dist/web/extension.js'), 'at activation'],
    ['dist/yaml.js (Node, first YAML document)', size('dist/yaml.js'), 'on first use'],
    ['dist/web-tree-sitter.js (Node, first Terraform document)', size('dist/web-tree-sitter.js'), 'on first use'],
  ];
  console.log('\nBundles as shipped');
  console.log('| file | KB | loaded |');
  console.log('|---|---:|---|');
  for (const [file, bytes, when] of rows) console.log(`| ${file} | ${(bytes / KB).toFixed(0)} | ${when} |`);
  const shell = compileMs(['dist/extension.js']);
  const both = compileMs(['dist/extension.js', 'dist/engine.js']);
  console.log(`\nV8 compile (median of ${RUNS}): dist/extension.js ${shell.toFixed(1)} ms; with dist/engine.js ${both.toFixed(1)} ms`);
  recordTarget('dist/extension.js, read at activation', main / KB, 400, ' KB', 0);
}

const RUNS = 9;

/** Median time to compile the files as the extension host does (a CommonJS wrapper each), without running them. */
function compileMs(files: readonly string[]): number {
  const sources = files.map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')] as const);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    // A different file name each run, so V8 cannot reuse an earlier compile.
    for (const [f, text] of sources) new vm.Script(`(function (exports, require, module, __filename, __dirname) {${text}\n})`, { filename: `${f}#${i}` });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}
