import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function requiredModules(bundle: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, bundle), 'utf8');
  return [...new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))].sort();
}

describe('bundles', () => {
  it('the browser build (vscode.dev) requires nothing but the vscode API', () => {
    assert.deepEqual(requiredModules(pkg.browser), ['vscode']);
  });

  it('the Node extension requires only vscode and Node built-ins, so the .vsix needs no node_modules', () => {
    for (const m of requiredModules(pkg.main)) assert.ok(m === 'vscode' || builtinModules.includes(m.replace(/^node:/, '')), `unexpected require of ${m}`);
  });

  it('the manifest accepts VS Code 1.100 and @types/vscode is not newer', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.match(pkg.devDependencies['@types/vscode'], /^1\.100\./);
    assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });
});
