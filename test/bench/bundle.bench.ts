/**
 * `npm run bench bundle`: what VS Code reads when it activates KMS Lens, as
 * shipped (the production build `npm run bench` makes, as `vsce package`
 * does): `dist/extension.js` (goal, issue 13: under 400 KB), the browser
 * build, and the chunks the Node extension loads on first use (esbuild.js).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
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
    ['dist/web/extension.js (browser, read at activation)', size('dist/web/extension.js'), 'at activation'],
    ['dist/yaml.js (Node, first YAML document)', size('dist/yaml.js'), 'on first use'],
    ['dist/web-tree-sitter.js (Node, first Terraform document)', size('dist/web-tree-sitter.js'), 'on first use'],
  ];
  console.log('\nBundles as shipped');
  console.log('| file | KB | loaded |');
  console.log('|---|---:|---|');
  for (const [file, bytes, when] of rows) console.log(`| ${file} | ${(bytes / KB).toFixed(0)} | ${when} |`);
  recordTarget('dist/extension.js, read at activation', main / KB, 400, ' KB', 0);
}
