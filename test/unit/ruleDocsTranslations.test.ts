/**
 * The rule pages in Italian and Spanish (docs/rules/<id>.it.md, .es.md) are
 * generated from src/build/ruleDocs.<lang>.json. Every rule needs its title,
 * description and remedy translated in both languages (a rule added without
 * them fails here, naming exactly which rule and field is missing); a
 * translation keeps every code span and link target of the English as they
 * are, so no action name, condition key, JSON value or address got translated;
 * and a diagnostic opens the page in the user's display language.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles } from '../../src/build/generatedFiles';
import { renderRuleIndexPage, renderRulePage, ruleIndexPage, TRANSLATED_FIELDS, translationFile, type RuleTranslations } from '../../src/build/ruleDocs';
import { allRules, type Rule } from '../../src/core';
import { docsLanguageFor, TRANSLATED_DOCS_LANGUAGES } from '../../src/core/rules/docsLanguage';
import { docsPath } from '../../src/core/rules/rule';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (f: string): string => fs.readFileSync(path.join(ROOT, f), 'utf8');

function translations(language: 'it' | 'es'): RuleTranslations {
  return JSON.parse(read(translationFile(language))) as RuleTranslations;
}

function english(rule: Rule, field: (typeof TRANSLATED_FIELDS)[number]): string {
  return field === 'title' ? rule.title : rule.docs[field];
}

/** What must read the same in every language: the code spans, and the targets of Markdown links (their text is translated). */
function untranslatable(markdown: string): string[] {
  const spans = markdown.match(/`[^`]*`/g) ?? [];
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => `(${m[1]})`);
  return [...spans, ...targets].sort();
}

describe('rule documentation in Italian and Spanish', () => {
  for (const language of TRANSLATED_DOCS_LANGUAGES) {
    const file = translationFile(language);

    it(`every rule has its title, description and remedy in ${file}`, () => {
      const t = translations(language);
      const missing: string[] = [];
      for (const r of allRules) for (const f of TRANSLATED_FIELDS) if (!t[r.id]?.[f]?.trim()) missing.push(`${r.id}.${f}`);
      assert.deepEqual(missing, [], `add these to ${file}, then run \`npm run generate\``);
    });

    it(`${file} translates only rules that exist, and only the translated fields`, () => {
      const ids = new Set(allRules.map((r) => r.id));
      const unknown = Object.entries(translations(language)).flatMap(([id, fields]) =>
        ids.has(id) ? Object.keys(fields).filter((f) => !(TRANSLATED_FIELDS as readonly string[]).includes(f)).map((f) => `${id}.${f}`) : [id]);
      assert.deepEqual(unknown, []);
    });

    it(`${file} keeps every code span and link target of the English text as it is`, () => {
      const t = translations(language);
      const changed: string[] = [];
      for (const r of allRules) {
        for (const f of TRANSLATED_FIELDS) {
          const text = t[r.id]?.[f];
          if (text === undefined) continue;
          const en = untranslatable(english(r, f));
          const tr = untranslatable(text);
          if (JSON.stringify(en) !== JSON.stringify(tr)) changed.push(`${r.id}.${f}: English has ${JSON.stringify(en.filter((x) => !tr.includes(x)))}, ${language} has ${JSON.stringify(tr.filter((x) => !en.includes(x)))}`);
        }
      }
      assert.deepEqual(changed, []);
    });

    it(`${file} leaves no text in English by mistake`, () => {
      const t = translations(language);
      const same = allRules.flatMap((r) => TRANSLATED_FIELDS.filter((f) => t[r.id]?.[f] === english(r, f)).map((f) => `${r.id}.${f}`));
      assert.deepEqual(same, []);
    });
  }

  it('every translated page and index is committed as generated (run `npm run generate`)', () => {
    const expected = generatedFiles(allRules, read);
    const translated = [...expected.keys()].filter((f) => /\.(it|es)\.md$/.test(f));
    for (const language of TRANSLATED_DOCS_LANGUAGES) {
      for (const file of [ruleIndexPage(language), ...allRules.map((r) => docsPath(r, language)), `docs/cli.${language}.md`]) assert.ok(translated.includes(file), `the generator does not write ${file}`);
    }
    const stale = translated.filter((file) => !fs.existsSync(path.join(ROOT, file)) || read(file) !== expected.get(file));
    assert.deepEqual(stale, []);
  });

  /**
   * The CLI prints in the reader's language (`--locale`), so a translated guide
   * shows its output in that language: these English spans of a guide are
   * printed output, and the translation shows the same output in its
   * language (cliLocaleCommands.test.ts checks the grants tree against the CLI).
   * Every other code span must be as in English.
   */
  const OUTPUT_SPANS: Record<string, RegExp> = {
    'cli.md': /^`(Raise --max-file-size to analyse it|Unused access: not told: the logs hold no event on …|kms-lens: check: unknown option --fromat; did you mean --format\?|kms-lens: fixed policy\.json: 3 problems .*|trust\.json: read as an IAM role trust policy, 0 findings|text\npolicy\.json:\n {2}…\n {2}Unused access [^]*)`$/,
    'keys.md': /^`text\nkey arn:aws:kms:[^]*not through a grant in these logs\n`$/,
  };

  it('the translated guides in docs/ keep every code span of the English page as it is, but the CLI output they show in their language', () => {
    const guides = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => /\.(it|es)\.md$/.test(f));
    assert.ok(guides.length >= 4, guides.join(', '));
    const changed: string[] = [];
    for (const guide of guides) {
      const spans = (f: string): string[] => (read(`docs/${f}`).match(/`[^`]*`/g) ?? []).sort();
      const original = guide.replace(/\.(it|es)\.md$/, '.md');
      const language = /\.(it|es)\.md$/.exec(guide)?.[1] ?? '';
      const output = OUTPUT_SPANS[original];
      const en = spans(original);
      const tr = spans(guide);
      const enOnly = en.filter((x) => !tr.includes(x));
      // The same number of output spans on both sides, and the translation adds only `--locale xx` to say which.
      const shownInLanguage = enOnly.filter((x) => output?.test(x));
      const trOnly = tr.filter((x) => !en.includes(x) && !x.includes(`--locale ${language}`));
      if (shownInLanguage.length !== enOnly.length || trOnly.length !== shownInLanguage.length) {
        changed.push(`${guide}: English only ${JSON.stringify(enOnly.filter((x) => !output?.test(x)))}, translation only ${JSON.stringify(trOnly)}`);
      }
    }
    assert.deepEqual(changed, []);
  });

  it('a translated page has the rule\'s translated text, headings in its language, the example as is, and links to the index and the English original', () => {
    const rule = allRules.find((r) => r.id === 'policy-version-missing');
    assert.ok(rule?.docs.example && rule.docs.sources?.length);
    const it = translations('it')[rule.id];
    const page = renderRulePage(rule, 'it', translations('it'));
    assert.match(page, /^# policy-version-missing$/m);
    assert.ok(it?.title && page.includes(`**${it.title}**`));
    assert.ok(it.description && page.includes(it.description));
    assert.ok(it.remedy && page.includes(it.remedy));
    assert.ok(!page.includes(rule.docs.description), 'the English description is not on the Italian page');
    assert.ok(page.includes(rule.docs.example), 'the example JSON is the same in every language');
    for (const u of rule.docs.sources) assert.ok(page.includes(`<${u}>`), u);
    assert.match(page, /^## Esempio$/m);
    assert.match(page, /^## Cosa fare$/m);
    assert.ok(page.includes(`| Gravità predefinita | ${{ error: 'Errore', warning: 'Avviso', information: 'Informazioni', hint: 'Suggerimento' }[rule.defaultSeverity]} |`));
    assert.match(page, /- policy delle chiavi KMS\n- policy di identità IAM/);
    assert.match(page, /\[Tutte le regole\]\(index\.it\.md\)/);
    assert.match(page, /\]\(policy-version-missing\.md\)/);
    assert.match(page, /`kms-lens check --rule policy-version-missing=off`/);

    const es = renderRulePage(rule, 'es', translations('es'));
    assert.match(es, /^## Qué hacer$/m);
    assert.ok(es.includes(`| Gravedad predeterminada | ${{ error: 'Error', warning: 'Advertencia', information: 'Información', hint: 'Sugerencia' }[rule.defaultSeverity]} |`));
    assert.match(es, /\[Todas las reglas\]\(index\.es\.md\)/);

    const former = allRules.find((r) => r.formerIds?.length);
    assert.ok(former);
    assert.match(renderRulePage(former, 'es', translations('es')), new RegExp(`Antes \`${former.formerIds?.[0]}\``));
  });

  it('a translated index links every rule to its page in the same language, with the translated title', () => {
    const t = translations('es');
    const index = renderRuleIndexPage(allRules, 'es', t);
    assert.match(index, /^# Reglas de KMS Lens$/m);
    for (const r of allRules) assert.ok(index.includes(`| [\`${r.id}\`](${r.id}.es.md) |`), r.id);
    const rule = allRules.find((r) => r.id === 'json-trailing-comma');
    assert.ok(rule && index.includes(`| ${t[rule.id]?.title} |`));
  });

  it('a rule without a translation still gets its page in every language, in English text, so a diagnostic\'s link never breaks', () => {
    const rule = allRules.find((r) => r.id === 'json-syntax');
    assert.ok(rule);
    const page = renderRulePage(rule, 'it', {});
    assert.ok(page.includes(rule.docs.description) && page.includes(rule.docs.remedy) && page.includes(`**${rule.title}**`));
    assert.match(page, /^## Cosa fare$/m);
  });
});

describe('the language of the rule page a diagnostic opens', () => {
  it('Italian and Spanish display languages, in any regional form, get their pages', () => {
    for (const locale of ['it', 'it-IT', 'it-ch', 'IT', 'it_IT.UTF-8']) assert.equal(docsLanguageFor(locale), 'it', locale);
    for (const locale of ['es', 'es-ES', 'es-419', 'es-mx', 'es_AR.UTF-8', 'es@euro']) assert.equal(docsLanguageFor(locale), 'es', locale);
  });

  it('every other language falls back to English', () => {
    for (const locale of ['en', 'en-US', 'en-GB', 'fr', 'de', 'pt-br', 'zh-cn', 'ja', 'ita', 'spa', 'C', 'POSIX', '', undefined]) assert.equal(docsLanguageFor(locale), 'en', String(locale));
  });

  it('the page path is the English one with the language before .md', () => {
    const rule = allRules.find((r) => r.id === 'policy-unknown-action');
    assert.ok(rule);
    assert.equal(docsPath(rule, docsLanguageFor('es-419')), 'docs/rules/policy-unknown-action.es.md');
    assert.equal(docsPath(rule, docsLanguageFor('it-IT')), 'docs/rules/policy-unknown-action.it.md');
    assert.equal(docsPath(rule, docsLanguageFor('fr')), 'docs/rules/policy-unknown-action.md');
    assert.equal(docsPath(rule), 'docs/rules/policy-unknown-action.md');
  });
});
