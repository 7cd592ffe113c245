/**
 * When the Terraform parser cannot load (an install without its WebAssembly
 * file), `kms-lens check` says so before it runs, in the language of the run:
 * the note is written before main() picks the locale, so it picks it itself.
 * Made to happen as a user would meet it: the bundled CLI copied without
 * tree-sitter-terraform.wasm, away from any node_modules it could fall back to.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FORMAT_FILES } from '../../src/core';
import { CLI } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TF = path.join(ROOT, 'samples', 'terraform', 'kms.tf');
const bundle = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', `bundle.l10n.${lang}.json`), 'utf8'));
const NOTE = 'the Terraform parser did not load ({0}): .tf files are not analysed';

/** The note's words around the placeholder, as a pattern (the error in it is Node's, in English). */
const notePattern = (text: string): RegExp => {
  const [before, after] = text.split('{0}').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^kms-lens: ${before}[^]*?${FORMAT_FILES.grammar}[^]*?${after}$`, 'm');
};

describe('kms-lens check without the Terraform parser, in Italian and Spanish', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-no-parser-'));
    for (const f of fs.readdirSync(path.dirname(CLI))) {
      const from = path.join(path.dirname(CLI), f);
      if (f !== FORMAT_FILES.grammar && fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(dir, f));
    }
    assert.ok(fs.existsSync(path.join(dir, path.basename(CLI))));
    assert.ok(!fs.existsSync(path.join(dir, FORMAT_FILES.grammar)));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function check(args: string[], env: Record<string, string> = {}): { code: number | null; stderr: string } {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LANG' && k !== 'LANGUAGE' && !k.startsWith('LC_'))) as Record<string, string>;
    const r = spawnSync(process.execPath, [path.join(dir, path.basename(CLI)), 'check', ...args, TF], { cwd: ROOT, encoding: 'utf8', env: { ...base, NO_COLOR: '1', ...env } });
    return { code: r.status, stderr: r.stderr };
  }

  it('says so in English by default, and the .tf file is not analysed', () => {
    const r = check([]);
    assert.match(r.stderr, notePattern(NOTE));
    assert.equal(r.code, 2);
    // One line of why, not Node's require stack; the file is unread, not "not a policy".
    assert.doesNotMatch(r.stderr, /Require stack/);
    assert.match(r.stderr, /kms\.tf.*not analysed: the Terraform parser did not load/);
    assert.doesNotMatch(r.stderr, /not a KMS key policy|not a policy/);
  });

  it('access and simulate name the .tf file unread too, not "not a key policy"', () => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LANG' && k !== 'LANGUAGE' && !k.startsWith('LC_'))) as Record<string, string>;
    const cli = path.join(dir, path.basename(CLI));
    const access = spawnSync(process.execPath, [cli, 'access', TF], { cwd: ROOT, encoding: 'utf8', env: { ...base, NO_COLOR: '1' } });
    assert.equal(access.status, 2);
    assert.match(access.stderr, notePattern(NOTE));
    assert.match(access.stderr, /kms\.tf.*not analysed: the Terraform parser did not load/);
    assert.doesNotMatch(access.stderr, /not a key policy/);
    const simulate = spawnSync(process.execPath, [cli, 'simulate', '--policy', TF, path.join(ROOT, 'samples', 'grants-cloudtrail.json')], { cwd: ROOT, encoding: 'utf8', env: { ...base, NO_COLOR: '1' } });
    assert.equal(simulate.status, 2);
    assert.match(simulate.stderr, /--policy \S*kms\.tf: not analysed: the Terraform parser did not load/);
  });

  it('says so in Italian with --locale it, and in Spanish from LANG', () => {
    const it = check(['--locale', 'it']);
    assert.match(it.stderr, notePattern(bundle('it')[NOTE]));
    assert.match(it.stderr, /il parser di Terraform non si è caricato \(/);
    assert.doesNotMatch(it.stderr, /Terraform parser did not load/);
    assert.ok(it.stderr.includes(bundle('it')['not analysed: the Terraform parser did not load']), it.stderr);
    const es = check([], { LANG: 'es_ES.UTF-8' });
    assert.match(es.stderr, notePattern(bundle('es')[NOTE]));
    assert.match(es.stderr, /el analizador de Terraform no se cargó \(/);
    assert.doesNotMatch(es.stderr, /Terraform parser did not load/);
    assert.ok(es.stderr.includes(bundle('es')['not analysed: the Terraform parser did not load']), es.stderr);
  });

  it('a bad --locale does not keep the note in English when the environment speaks Italian', () => {
    const r = check(['--locale', 'fr'], { LANG: 'it_IT.UTF-8' });
    assert.match(r.stderr, notePattern(bundle('it')[NOTE]));
    assert.match(r.stderr, /--locale deve essere en, it o es, non "fr"/);
  });
});
