/**
 * `kms-lens check --fix` applies exactly what the editor's fix-all applies:
 * the CLI bundle is run on copies of the corpus and of slips made on it, and
 * each rewritten file is compared with the core's fixAll called with the
 * hints the editor gives for that file (language id and path). The
 * integration suite makes the same comparison against the real editor.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, fixAll } from '../../src/core';
import { withRuleDisabled, setsRuleOn } from '../../src/core/ruleSettings';
import { CORPUS, FIXTURES } from './helpers';
import { applyFixable, fixableMutation } from './mutations';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

/** The language id VS Code gives these files (json, and jsonl for JSON Lines). */
function editorLanguage(file: string): string {
  return file.endsWith('.jsonl') ? 'jsonl' : 'json';
}

describe('kms-lens check --fix and the editor fix-all', function () {
  this.timeout(120_000);

  it('rewrite every file to the same text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-fix-'));
    const originals = new Map<string, string>();
    const corpus: string[] = [];
    for (const sub of ['seeds', 'awsdocs']) {
      for (const f of fs.readdirSync(path.join(CORPUS, sub)).filter((x) => x.endsWith('.json'))) {
        const text = fs.readFileSync(path.join(CORPUS, sub, f), 'utf8');
        corpus.push(text);
        originals.set(path.join(dir, `${sub}-${f}`), text);
      }
    }
    fc.sample(fc.tuple(fc.constantFrom(...corpus), fc.array(fixableMutation, { minLength: 1, maxLength: 4 })), { numRuns: 60, seed: 99 })
      .forEach(([text, ms], i) => originals.set(path.join(dir, `slip-${i}.json`), ms.reduce(applyFixable, text)));
    const lines = fs.readFileSync(path.join(FIXTURES, 'workspace', 'logs', 'deadline-events.jsonl'), 'utf8').split('\n');
    originals.set(path.join(dir, 'events.jsonl'), lines.map((l, i) => (i === 1 ? l.replace(/}\s*$/, ',}') : l)).join('\n'));
    for (const [file, text] of originals) fs.writeFileSync(file, text);

    const r = spawnSync(process.execPath, [CLI, 'check', '--fix', '--format', 'json', dir], { encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);

    let changed = 0;
    for (const [file, text] of originals) {
      const editor = fixAll(text, { languageId: editorLanguage(file), fileName: file }, DEFAULT_SETTINGS).text;
      const cli = fs.readFileSync(file, 'utf8');
      assert.equal(cli, editor, path.basename(file));
      if (cli !== text) changed++;
    }
    assert.ok(changed >= 50, `only ${changed} files needed fixing: the comparison would prove little`);
  });
});

describe('rule settings edits', () => {
  it('turns one rule off and keeps what the user had', () => {
    assert.deepEqual(withRuleDisabled(undefined, 'json-comment'), { 'json-comment': 'off' });
    assert.deepEqual(withRuleDisabled({ 'json-syntax': 'warning', 'json-comment': 'error' }, 'json-comment'), { 'json-syntax': 'warning', 'json-comment': 'off' });
    assert.deepEqual(withRuleDisabled(['not', 'an', 'object'], 'x'), { x: 'off' });
    assert.equal(setsRuleOn({ a: 'warning' }, 'a'), true);
    assert.equal(setsRuleOn({ a: 'off' }, 'a'), false);
    assert.equal(setsRuleOn({ a: 'loud' }, 'a'), false);
    assert.equal(setsRuleOn(undefined, 'a'), false);
  });
});
