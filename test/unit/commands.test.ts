/**
 * Commands as data: one table of ids (src/vscode/commandIds.ts), one place
 * that registers them, and package.json in agreement with both. The
 * integration tests check that the running extension registers them all.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS } from '../../src/vscode/commandIds';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const ids = new Set<string>(Object.values(COMMAND_IDS));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('commands as data', () => {
  it('every command package.json contributes or puts in a menu is in the table', () => {
    const contributed = (pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    for (const id of contributed) assert.ok(ids.has(id), `${id} is contributed but not in COMMAND_IDS`);
    for (const [menu, entries] of Object.entries(pkg.contributes.menus as Record<string, Array<{ command: string }>>)) {
      for (const e of entries) assert.ok(ids.has(e.command), `${menu} names ${e.command}, which is not in COMMAND_IDS`);
    }
  });

  it('registers commands in one place only: src/vscode/commands.ts', () => {
    const registering = sources(path.join(ROOT, 'src')).filter((f) => /commands\.registerCommand\(/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(registering.map((f) => path.relative(ROOT, f)), [path.join('src', 'vscode', 'commands.ts')]);
  });

  const contributedTitle = (id: string): string => {
    const c = (pkg.contributes.commands as Array<{ command: string; title: string; category?: string }>).find((x) => x.command === id);
    assert.ok(c, `${id} is not contributed`);
    return `${c.category ? `${c.category}: ` : ''}${c.title.replace(/^%(.+)%$/, (_, k: string) => nls[k])}`;
  };

  it('"Fix All Problems" and "Repair Pasted JSON" are in the Command Palette, for the documents KMS Lens reads', () => {
    assert.equal(contributedTitle(COMMAND_IDS.fixAll), 'KMS Lens: Fix All Problems');
    assert.match(contributedTitle(COMMAND_IDS.repairPastedJson), /^KMS Lens: Repair Pasted JSON\b/);
    const palette = pkg.contributes.menus.commandPalette as Array<{ command: string; when: string }>;
    for (const id of [COMMAND_IDS.fixAll, COMMAND_IDS.repairPastedJson]) {
      const when = palette.find((p) => p.command === id)?.when ?? '';
      for (const language of ['json', 'jsonc', 'jsonl', 'log', 'plaintext']) assert.match(when, new RegExp(`editorLangId == ${language}\\b`), `${id} in ${language} editors`);
    }
    // Fix all repairs the key policies of CloudFormation templates and Terraform modules too (Repair Pasted JSON is for JSON only).
    const fixAll = palette.find((p) => p.command === COMMAND_IDS.fixAll)?.when ?? '';
    for (const language of ['yaml', 'terraform']) assert.match(fixAll, new RegExp(`editorLangId == ${language}\\b`), `Fix All in ${language} editors`);
  });

  it('names every command in the Command Palette under the KMS Lens category, in title case as VS Code\'s own commands are', () => {
    // Title case: every word capitalised except short articles, conjunctions and prepositions; an explanation in parentheses reads as a phrase.
    const minor = new Set(['a', 'an', 'and', 'as', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
    for (const c of pkg.contributes.commands as Array<{ command: string; title: string; category?: string }>) {
      assert.equal(c.category, 'KMS Lens', `${c.command} has no KMS Lens category`);
      const title = contributedTitle(c.command).replace(/^KMS Lens: /, '').replace(/\s*\(.*\)$/, '');
      const words = title.split(/\s+/);
      words.forEach((w, i) => {
        // AWS CLI words (aws kms revoke-grant) are code, written as in the CLI.
        if (/^(aws|kms|revoke-grant)$/.test(w)) return;
        if (i > 0 && minor.has(w)) return;
        assert.match(w, /^[^a-z]/, `"${w}" in "${title}" (${c.command}) is not capitalised`);
      });
    }
  });

  it('keeps internal commands (called by quick fixes, tree items and CodeLens) out of the Command Palette', () => {
    const contributed = new Set((pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command));
    const hidden = new Set((pkg.contributes.menus.commandPalette as Array<{ command: string; when: string }>).filter((p) => p.when === 'false').map((p) => p.command));
    for (const id of [COMMAND_IDS.disableRule, COMMAND_IDS.showStatementSummary, COMMAND_IDS.grantsRevealEvent]) {
      assert.ok(!contributed.has(id) || hidden.has(id), `${id} would show in the Command Palette`);
    }
  });
});
