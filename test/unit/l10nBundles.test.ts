/**
 * The Italian and Spanish translations against the English they translate:
 * l10n/bundle.l10n.{it,es}.json (every message the code words with l10n.t)
 * and package.nls.{it,es}.json (commands, views, settings, rule descriptions).
 * A message added in English and not yet translated fails here with its exact
 * key, so whoever merges knows what to translate.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { iamDescriptions } from './iamDescriptionHelpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const readJson = (f: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8'));
const LANGUAGES = ['it', 'es'] as const;
type Language = (typeof LANGUAGES)[number];

/**
 * The only messages whose translation may be the English text itself, and why.
 * Anything else identical to the English is a string left untranslated.
 */
const SAME_IN_BOTH: Record<Language, Record<string, string>> = {
  it: {
    '{0}: {1}': 'only placeholders and punctuation',
    '{0}: {1}.': 'only placeholders and punctuation',
    '{0} — {1}': 'only placeholders and punctuation',
    '{0} ({1})': 'only placeholders and punctuation',
    '{0} {1}': 'only placeholders and punctuation',
    '{0} in {1}': '"in" is Italian too',
    '{0}, {1}, {2}, {3} in {4}': 'the CLI\'s summary line: only placeholders, punctuation and "in", Italian too',
    '1 file': '"file" is the Italian word',
    'in 1 file': '"in" and "file" are Italian too',
    'In {0}: {1}': '"In" is Italian too',
    In: 'a table heading, "In" in Italian too',
    'alias {0} ({1}, {2})': '"alias" is the Italian term in AWS\'s guide',
    Alias: '"alias" is the Italian term in AWS\'s guide',
    'account {0}': '"account" is the Italian term in AWS\'s guide',
    Account: '"account" is the Italian term in AWS\'s guide',
    'Account {0} ({1}).': '"account" is the Italian term in AWS\'s guide',
    'Account {0}.': '"account" is the Italian term in AWS\'s guide',
    policy: '"policy" is the Italian term in AWS\'s guide (policy della chiave)',
    'on demand': 'AWS\'s Italian guide keeps "on demand" for on-demand rotation',
    'cluster {0}': 'an ECS cluster is a "cluster" in Italian',
    'farm {0}': 'AWS\'s Italian Deadline Cloud guide keeps "farm"',
    'volume {0}': 'an EBS volume is a "volume" in Italian',
    'Deadline Cloud (farm {0})': 'a product name, and "farm" as AWS\'s Italian guide writes it',
    'Deadline Cloud': 'a product name',
    'AWS European Sovereign Cloud': 'a product name',
    CreateFarm: 'an API operation',
    ARN: 'an identifier format',
    AWS: 'a name',
  },
  es: {
    '{0}: {1}': 'only placeholders and punctuation',
    '{0}: {1}.': 'only placeholders and punctuation',
    '{0} — {1}': 'only placeholders and punctuation',
    '{0} ({1})': 'only placeholders and punctuation',
    '{0} {1}': 'only placeholders and punctuation',
    'alias {0} ({1}, {2})': '"alias" is the Spanish term in AWS\'s guide',
    '1 error': '"error" is the Spanish word too',
    Alias: '"alias" is the Spanish term in AWS\'s guide',
    'Deadline Cloud': 'a product name',
    'AWS European Sovereign Cloud': 'a product name',
    CreateFarm: 'an API operation',
    ARN: 'an identifier format',
    AWS: 'a name',
  },
};

/** Settings and views whose names are the same words in every language. */
const NLS_SAME_IN_BOTH: Record<string, string> = {
  'viewsContainer.kmsLens': 'the product name, KMS Lens',
};

const placeholders = (s: string): string[] => (s.match(/\{\d+\}/g) ?? []).sort();
/** What must survive translation unchanged in number: code spans, bold, line breaks; and link targets exactly. */
const markup = (s: string) => ({
  backticks: (s.match(/`/g) ?? []).length,
  bold: (s.match(/\*\*/g) ?? []).length,
  newlines: (s.match(/\n/g) ?? []).length,
  links: s.match(/\]\([^)]*\)/g) ?? [],
});

function keyProblems(english: Record<string, string>, translated: Record<string, string>): string[] {
  const missing = Object.keys(english).filter((k) => !(k in translated));
  const extra = Object.keys(translated).filter((k) => !(k in english));
  return [...missing.map((k) => `missing: ${JSON.stringify(k)}`), ...extra.map((k) => `not in the English (stale or mistyped): ${JSON.stringify(k)}`)];
}

function textProblems(english: Record<string, string>, translated: Record<string, string>, sameAllowed: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [key, text] of Object.entries(translated)) {
    const source = english[key];
    if (source === undefined) continue;
    if (typeof text !== 'string' || text.trim() === '') problems.push(`empty: ${JSON.stringify(key)}`);
    else {
      if (placeholders(text).join() !== placeholders(source).join()) problems.push(`placeholders differ: ${JSON.stringify(key)} -> ${JSON.stringify(text)}`);
      if (JSON.stringify(markup(text)) !== JSON.stringify(markup(source))) problems.push(`code spans, bold, line breaks or links differ: ${JSON.stringify(key)} -> ${JSON.stringify(text)}`);
      if (text === source && !(key in sameAllowed)) problems.push(`left in English: ${JSON.stringify(key)}`);
    }
  }
  return problems;
}

describe('translations', () => {
  // The messages of the code (`npm run l10n` writes them), and the AWS descriptions of KMS actions and condition keys,
  // which hovers and completions word with l10n.t(description) (src/core/data/iam.ts, localDescription).
  // A message with a comment for translators is exported as {message, comment}; its text is the message.
  const messages = (bundle: Record<string, string | { message: string }>): Record<string, string> =>
    Object.fromEntries(Object.entries(bundle).map(([k, v]) => [k, typeof v === 'string' ? v : v.message]));
  const english = { ...messages(readJson('l10n/bundle.l10n.json')), ...iamDescriptions() };
  const nlsEnglish = readJson('package.nls.json');

  for (const lang of LANGUAGES) {
    describe(lang, () => {
      const bundle = readJson(`l10n/bundle.l10n.${lang}.json`);
      const nls = readJson(`package.nls.${lang}.json`);

      it(`l10n/bundle.l10n.${lang}.json has exactly the messages of l10n/bundle.l10n.json`, () => {
        assert.deepEqual(keyProblems(english, bundle), [], `l10n/bundle.l10n.${lang}.json`);
      });

      it(`every message of l10n/bundle.l10n.${lang}.json keeps the placeholders and code spans of its English, and none is left in English`, () => {
        assert.deepEqual(textProblems(english, bundle, SAME_IN_BOTH[lang]), []);
      });

      it(`package.nls.${lang}.json has exactly the keys of package.nls.json, translated, with the same code spans and links`, () => {
        assert.deepEqual([...keyProblems(nlsEnglish, nls), ...textProblems(nlsEnglish, nls, NLS_SAME_IN_BOTH)], []);
      });

      it('the allow-list of messages that stay as in English names only messages that exist and are indeed the same', () => {
        const stale = Object.keys(SAME_IN_BOTH[lang]).filter((k) => !(k in english) || (k in bundle && bundle[k] !== k));
        assert.deepEqual(stale, []);
      });
    });
  }

  it('the checks above catch what they are for (a missing key, a lost placeholder, a lost code span, an untranslated string)', () => {
    const en = { 'Remove "{0}"': 'Remove "{0}"', 'Use `kms:*`': 'Use `kms:*`', Grants: 'Grants', Alias: 'Alias' };
    assert.deepEqual(keyProblems(en, { 'Remove "{0}"': 'Rimuovi "{0}"', Extra: 'x' }), ['missing: "Use `kms:*`"', 'missing: "Grants"', 'missing: "Alias"', 'not in the English (stale or mistyped): "Extra"']);
    assert.deepEqual(
      textProblems(en, { 'Remove "{0}"': 'Rimuovi', 'Use `kms:*`': 'Usa kms:*', Grants: 'Grants', Alias: 'Alias' }, { Alias: 'same word' }),
      ['placeholders differ: "Remove \\"{0}\\"" -> "Rimuovi"', 'code spans, bold, line breaks or links differ: "Use `kms:*`" -> "Usa kms:*"', 'left in English: "Grants"'],
    );
  });
});
