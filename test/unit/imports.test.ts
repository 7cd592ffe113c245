/**
 * The import graph of src/: no cycles anywhere, and the layers of the key
 * history (history below grants and lifecycle, which are siblings, below the
 * keys model) and of the adapters (which see the core through its entry
 * point only).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cycles, importGraph, importsBetween, loopThrough } from './importGraph';

const SRC = path.resolve(__dirname, '..', '..', '..', 'src');

describe('imports', () => {
  const graph = importGraph(SRC);

  it('reads the whole source tree', () => {
    assert.ok(graph.size > 150, `${graph.size} modules`);
    assert.ok(graph.get('core/keys/build.ts')?.includes('core/history/history.ts'), 'a relative import is resolved to its file');
    assert.ok(graph.get('core/index.ts')?.includes('core/types.ts'), 'an export-from counts');
  });

  it('finds a cycle, through type-only imports and folder index files too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-imports-'));
    fs.mkdirSync(path.join(dir, 'b'));
    fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B[];\n");
    fs.writeFileSync(path.join(dir, 'b', 'index.ts'), "export type { B } from './b';\n");
    fs.writeFileSync(path.join(dir, 'b', 'b.ts'), "import type { A } from '../a';\nexport interface B { a?: A }\n");
    fs.writeFileSync(path.join(dir, 'c.ts'), "import { x } from 'some-package';\nimport type { A } from './a';\nexport const y: A = x;\n");
    const g = importGraph(dir);
    assert.deepEqual(cycles(g), [['a.ts', 'b/b.ts', 'b/index.ts']]);
    assert.equal(loopThrough(g, ['a.ts', 'b/b.ts', 'b/index.ts']), 'a.ts -> b/index.ts -> b/b.ts -> a.ts');
  });

  it('has no import cycle anywhere in src/', () => {
    const found = cycles(graph).map((c) => loopThrough(graph, c));
    assert.deepEqual(found, [], `import cycles:\n${found.join('\n')}`);
  });

  it('keeps the key history below every view of a key', () => {
    assert.deepEqual(importsBetween(graph, ['core/history'], ['core/grants', 'core/lifecycle', 'core/keys']), []);
  });

  it('keeps the grants and the key lifecycle siblings: neither imports the other, nor the keys model above them', () => {
    assert.deepEqual(importsBetween(graph, ['core/grants'], ['core/lifecycle', 'core/keys']), []);
    // The lifecycle rules read the keys model (a key's life and its grants together): they sit above it.
    assert.deepEqual(importsBetween(graph, ['core/lifecycle'], ['core/grants', 'core/keys'], ['core/lifecycle/rules']), []);
  });

  it('keeps the core free of the adapters, and the adapters to the core\'s entry points', () => {
    assert.deepEqual(importsBetween(graph, ['core'], ['vscode', 'cli']), []);
    const intoCore = importsBetween(graph, ['vscode', 'cli'], ['core']);
    assert.ok(intoCore.length > 10, intoCore.join('\n'));
    // core/reading.ts: the small entry the extension's activation code uses (bundles.test.ts).
    assert.deepEqual(intoCore.filter((i) => !i.endsWith(' -> core/index.ts') && !i.endsWith(' -> core/reading.ts')), []);
  });
});
