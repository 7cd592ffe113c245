/**
 * The AWS descriptions of KMS actions and condition keys (iam.generated.json,
 * written by `npm run data`) in Italian and Spanish: hovers and completions
 * show them in the user's language. Every description must have its
 * translation, so that regenerating the data cannot silently bring back
 * English; and a translation keeps the names AWS keeps in English (API
 * operations, parameters, condition keys).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { kmsAction, conditionKeyInfo } from '../../src/core/data/iam';
import { hoverAt } from '../../src/core/hover';
import { actionSuggestions } from '../../src/core/policy/completeItems';
import { iamDescriptions } from './iamDescriptionHelpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const bundle = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', `bundle.l10n.${lang}.json`), 'utf8'));

/** Names a translation keeps as written: CamelCase API names and parameters (CreateGrant, ValidTo), `kms:` keys, PCR numbers. */
const kept = (s: string): string[] => [...new Set(s.match(/\bkms:[A-Za-z]+\b|\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b|\bPCR\d+\b/g) ?? [])].sort();

/** What is wrong with a bundle's translations of these descriptions; empty when nothing is. */
function problems(descriptions: readonly string[], translated: Record<string, string>): string[] {
  const out: string[] = [];
  for (const d of descriptions) {
    const t = translated[d];
    if (t === undefined) out.push(`missing: ${d}`);
    else if (t === d) out.push(`left in English: ${d}`);
    else if (kept(t).join() !== kept(d).join()) out.push(`names differ (${kept(d).join(', ')} -> ${kept(t).join(', ')}): ${t}`);
  }
  return out;
}

const MARKED = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:role/Reporting"},
    "Action": "kms:Decrypt",
    "Resource": "*",
    "Condition": {"StringEquals": {"kms:ViaService": "s3.us-west-2.amazonaws.com"}}
  }]
}`;

function hoverOn(marker: string): string {
  const model = buildModel(MARKED, { languageId: 'json', fileName: 'key-policy.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const h = hoverAt(model, MARKED.indexOf(marker) + 2);
  assert.ok(h, marker);
  return h.markdown;
}

describe('IAM reference descriptions in Italian and Spanish', () => {
  const descriptions = Object.keys(iamDescriptions());
  afterEach(() => l10n.config({ contents: {} }));

  it('covers every action and condition key of the data (56 actions and 98 keys at the time of writing)', () => {
    // A floor, so that a broken extraction (no descriptions at all) does not pass the checks below vacuously.
    assert.ok(descriptions.length > 100, `${descriptions.length} descriptions`);
  });

  for (const lang of ['it', 'es']) {
    it(`l10n/bundle.l10n.${lang}.json translates every description, keeping API names, parameters and condition keys`, () => {
      assert.deepEqual(problems(descriptions, bundle(lang)), []);
    });
  }

  it('the check catches a missing, an untranslated and a mangled description', () => {
    const d = ['Controls permission to cancel CancelKeyDeletion', 'Filters access by kms:ViaService', 'Controls permission to sign'];
    assert.deepEqual(problems(d, { [d[0]]: 'Controlla l\'autorizzazione ad annullare CancelKeyDeletion', [d[1]]: 'Filtra l\'accesso con kms:ViaServizio' }), [
      'names differ (kms:ViaService -> kms:ViaServizio): Filtra l\'accesso con kms:ViaServizio',
      'missing: Controls permission to sign',
    ]);
    assert.deepEqual(problems([d[2]], { [d[2]]: d[2] }), ['left in English: Controls permission to sign']);
  });

  it('a hover in Italian shows the Italian description of the action and of the condition key', () => {
    const it = bundle('it');
    l10n.config({ contents: it });
    const decrypt = it[(kmsAction('Decrypt') ?? assert.fail('Decrypt')).description];
    const via = it[(conditionKeyInfo('kms:ViaService') ?? assert.fail('kms:ViaService')).description];
    assert.match(decrypt, /^Controlla l'autorizzazione a decrittografare/);
    assert.ok(hoverOn('"kms:Decrypt"').includes(`${decrypt}.`), hoverOn('"kms:Decrypt"'));
    assert.ok(hoverOn('"kms:ViaService"').includes(`${via}.`), hoverOn('"kms:ViaService"'));
    assert.doesNotMatch(hoverOn('"kms:Decrypt"'), /Controls permission/);
  });

  it('a completion in Spanish documents the action in Spanish; English once the bundle is unset', () => {
    l10n.config({ contents: bundle('es') });
    const encrypt = actionSuggestions(new Set()).find((s) => s.label === 'kms:Encrypt');
    assert.match(encrypt?.documentation ?? '', /^Controla el permiso para usar la clave de AWS KMS especificada para cifrar datos/);
    l10n.config({ contents: {} });
    assert.match(hoverOn('"kms:Decrypt"'), /Controls permission to decrypt ciphertext that was encrypted under an AWS KMS key\./);
  });
});
