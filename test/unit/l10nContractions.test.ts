/**
 * Italian and Spanish fuse a preposition with the article that follows it
 * ("di" + "il" is "del", "a" + "el" is "al"). A translated sentence whose
 * placeholder is filled with a fragment that starts with an article ("{0}" =
 * "la policy della chiave") cannot do that, and shows "di la policy" or
 * "a el rol" to the user. This test renders what users read, in both
 * languages, from every sample and real-world fixture: every command of the
 * CLI, the diagnostics and quick fix titles, the statement summaries
 * (CodeLens), the hovers over every string of
 * every file and the KMS Grants view (labels, descriptions, tooltips) of all
 * their logs; then it looks for a preposition followed by an article it should
 * have fused with. It checks sentences as composed, not strings one by one.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { buildModel, DEFAULT_SETTINGS, getKmsLensService, type DocumentModel, type OutlineItem } from '../../src/core';
import { CLI } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const bundle = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', `bundle.l10n.${lang}.json`), 'utf8'));
const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const INPUTS = ['samples', 'test/fixtures/realworld', 'test/fixtures/corpus'];

/**
 * A preposition and then an article it must fuse with: "di il" (del), "a la" (alla), "su l'" (sull'),
 * "in i" (nei)...; Spanish fuses only "a el" (al) and "de el" (del).
 */
const UNFUSED: Record<'it' | 'es', RegExp> = {
  it: /(?<![\p{L}\p{N}_'’-])(di|a|da|in|su)\s+(?:(il|lo|la|i|gli|le)(?![\p{L}\p{N}_'’-])|l['’])/giu,
  es: /(?<![\p{L}\p{N}_'’-])(a|de)\s+(el)(?![\p{L}\p{N}_-])/giu,
};

/** What the user's files and logs contribute (quoted values, code spans) is theirs, not ours to judge. */
const ours = (text: string): string => text.replace(/"[^"\n]*"/g, '""').replace(/`[^`\n]*`/g, '``');

function unfused(lang: 'it' | 'es', texts: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const line of ours(text).split('\n')) {
      UNFUSED[lang].lastIndex = 0;
      if (UNFUSED[lang].test(line)) found.add(line.trim().slice(0, 400));
    }
  }
  return [...found];
}

function cli(args: string[]): string {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LANG' && k !== 'LANGUAGE' && !k.startsWith('LC_'))) as Record<string, string>;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...base, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return `${r.stdout}\n${r.stderr}`;
}

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return files(rel);
    return /\.(json|jsonl|ya?ml|template|tpl|j2|log)$/.test(e.name) ? [rel] : [];
  });
}

function modelOf(rel: string): { text: string; model: DocumentModel } | undefined {
  const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
  if (text.length > 400_000) return undefined;
  const languageId = /\.ya?ml$/.test(rel) ? 'yaml' : 'json';
  return { text, model: buildModel(text, { languageId, fileName: rel }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }) };
}

/** Diagnostics, quick fix titles, statement summaries and hovers over the start of every string, as the editor shows them. */
function editorTexts(rel: string): string[] {
  const service = getKmsLensService();
  const read = modelOf(rel);
  if (!read) return [];
  const { text, model } = read;
  const out = service.summaries(model).map((l) => `${l.title}\n${l.tooltip}`);
  for (const f of service.findings(model, DEFAULT_SETTINGS)) out.push(f.message, ...(f.fixes ?? []).map((x) => x.title));
  for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', text.indexOf('"', at + 1) + 1)) {
    const h = service.hover(model, at + 1);
    if (h) out.push(h.markdown);
  }
  return out;
}

/** Every item of the KMS Grants view over all the logs among the files, as the view shows it. */
function grantsViewTexts(rels: string[]): string[] {
  const service = getKmsLensService();
  const sources = rels.flatMap((rel) => {
    const read = modelOf(rel);
    return read && service.feedsKeys(read.model) ? [{ id: rel, model: read.model }] : [];
  });
  const out: string[] = [];
  const walk = (items: OutlineItem[]): void => {
    for (const item of items) {
      out.push([item.label, item.description, ...(item.tooltip ?? [])].join('\n'));
      if (item.children) walk(item.children());
    }
  };
  walk(service.outline(service.grants(sources)).roots);
  return out;
}

describe('Italian and Spanish sentences fuse prepositions with articles', function () {
  this.timeout(300_000);

  afterEach(() => l10n.config({ contents: {} }));

  it('the pattern finds the errors it is for, and not the right forms', () => {
    assert.deepEqual(unfused('it', ['ognuno di le chiavi', 'Rispetto a la policy', 'in il log', 'su l\'istruzione', 'da i log']).length, 5);
    assert.deepEqual(unfused('it', ['ognuna delle chiavi', 'alla policy', 'nel log', 'sull\'istruzione', 'dai log', 'con la policy', 'per il ruolo', 'ID di chiave']), []);
    assert.deepEqual(unfused('es', ['de el rol', 'a el autor de la llamada']).length, 2);
    assert.deepEqual(unfused('es', ['del rol', 'al autor', 'de la cuenta', 'a la clave', 'por el rol']), []);
    assert.deepEqual(unfused('es', ['the Sid "Allow a el"']), [], 'quoted values are the user\'s');
  });

  for (const lang of ['it', 'es'] as const) {
    it(`every command of the CLI, on the samples and the real-world files (${lang})`, () => {
      const outputs = [
        cli(['check', '--locale', lang, ...INPUTS]),
        cli(['check', '--locale', lang, '--format', 'json', ...INPUTS]),
        cli(['grants', '--locale', lang, ...INPUTS]),
        cli(['access', '--locale', lang, ...INPUTS]),
        cli(['access', '--locale', lang, '--logs', 'samples/grants-cloudtrail.json', '--key', KEY, 'samples/key-policy.json']),
        cli(['simulate', '--locale', lang, '--policy', 'samples/deadline-key-policy.json', 'samples', 'test/fixtures/corpus']),
        cli(['simulate', '--locale', lang, '--policy', 'samples/key-policy.json', '--identity-policy', 'test/fixtures/corpus/seeds/deadline-policy-read-write.json', '--logs', 'samples/list-grants.json', 'samples', 'test/fixtures/corpus']),
        cli(['generate-policy', '--locale', lang, '--key', KEY, 'samples/grants-cloudtrail.json']),
        cli(['redact', '--locale', lang, 'samples/key-lifecycle.json']),
        cli(['--help', '--locale', lang]),
      ];
      // The commands ran and spoke the language (an empty output would pass for the wrong reason).
      assert.ok(outputs.every((o) => o.trim().length > 0));
      assert.match(outputs[0], lang === 'it' ? /policy della chiave/ : /política de claves/);
      assert.deepEqual(unfused(lang, outputs), []);
    });

    it(`diagnostics, quick fix titles, statement summaries, hovers over every string and the KMS Grants view of the samples and real-world files (${lang})`, () => {
      l10n.config({ contents: bundle(lang) });
      const all = INPUTS.flatMap(files);
      const view = grantsViewTexts(all);
      assert.ok(view.some((t) => (lang === 'it' ? /^Usata da /m : /^Usada por /m).test(t)), 'the view shows the services that use a key');
      const texts = [...all.flatMap(editorTexts), ...view];
      assert.ok(texts.length > 1000, `${texts.length} texts`);
      assert.ok(texts.some((t) => (lang === 'it' ? /concessione/ : /concesión/).test(t)), 'the texts are in the language');
      assert.deepEqual(unfused(lang, texts), []);
    });
  }
});
