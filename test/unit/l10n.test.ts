import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('localisation', function () {
  this.timeout(120_000);

  it('l10n/bundle.l10n.json holds every user-facing string of the code (run `npm run l10n`)', () => {
    // The same extractor translators' tools use: if a string is not found here, it cannot be translated.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-l10n-'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '--outDir', out, path.join(ROOT, 'src')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const fresh = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8'));
    const committed = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'));
    assert.deepEqual(committed, fresh);
    // Rule messages, CLI-independent core text and adapter text are all in it.
    assert.ok(Object.keys(fresh).length > 500, `${Object.keys(fresh).length} strings`);
    assert.ok('Missing comma before this element.' in fresh);
    assert.ok('Fix all KMS Lens problems' in fresh);
  });

  it('the core calls @vscode/l10n directly (a wrapper would hide its strings from the extractor)', () => {
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    for (const file of walk(path.join(ROOT, 'src', 'core'))) {
      const text = fs.readFileSync(file, 'utf8');
      if (!/\bl10n\.t\(/.test(text)) continue;
      assert.match(text, /import \* as l10n from '@vscode\/l10n';/, path.relative(ROOT, file));
    }
  });
});
