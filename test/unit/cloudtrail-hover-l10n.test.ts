/**
 * CloudTrail hovers in the user's language: the words that come from the data
 * tables (what an operation does, what an error code means, what a parameter,
 * a record field, an encryption context key and a userIdentity field are) are
 * worded when the hover is asked for, so they follow the bundle set then and
 * are not left in English inside an Italian or Spanish hover.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { hoverAt } from '../../src/core/hover';
import { relativeTime } from '../../src/core/cloudtrail/hover';
import { fixture } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const bundle = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', `bundle.l10n.${lang}.json`), 'utf8'));

function hoverOn(text: string, marker: string): string {
  const model = buildModel(text, { languageId: 'json', fileName: 'e.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const at = text.indexOf(marker);
  assert.ok(at >= 0, marker);
  const h = hoverAt(model, at + 1);
  assert.ok(h, marker);
  return h.markdown;
}

describe('CloudTrail hovers in Italian and Spanish', () => {
  const dryRun = fixture('corpus', 'seeds', 'fargate-creategrant-dryrun.json');
  const failed = dryRun.replace('"DryRunOperationException"', '"AccessDeniedException"');

  afterEach(() => l10n.config({ contents: {} }));

  it('words the operation, the error code, a parameter, a record field, a context key and a userIdentity field in Italian', () => {
    l10n.config({ contents: bundle('it') });
    assert.match(hoverOn(dryRun, '"CreateGrant"'), /\*\*KMS CreateGrant\*\*: aggiunge una concessione: consente a un altro principale di usare la chiave/);
    assert.match(hoverOn(failed, '"AccessDeniedException"'), /\*\*AccessDeniedException\*\*: il chiamante non era autorizzato: né la policy della chiave/);
    assert.match(hoverOn(dryRun, '"granteePrincipal"'), /Chi riceve le autorizzazioni della concessione/);
    assert.match(hoverOn(dryRun, '"eventCategory"'), /La categoria dell'evento; gli eventi KMS sono `Management`\./);
    assert.match(hoverOn(dryRun, '"aws:ecs:clusterName"'), /il nome \(non l'ARN\) del cluster ECS/);
    assert.match(hoverOn(dryRun, '"invokedBy"'), /Il servizio AWS che ha fatto la chiamata per conto dell'utente/);
  });

  it('words them in Spanish, and back in English once the bundle is unset', () => {
    l10n.config({ contents: bundle('es') });
    assert.match(hoverOn(dryRun, '"CreateGrant"'), /añade una concesión: permite a otra entidad principal usar la clave/);
    assert.match(hoverOn(failed, '"AccessDeniedException"'), /el autor de la llamada no tenía permiso/);
    l10n.config({ contents: {} });
    assert.match(hoverOn(dryRun, '"CreateGrant"'), /\*\*KMS CreateGrant\*\*: adds a grant: lets another principal use the key/);
    assert.match(hoverOn(failed, '"AccessDeniedException"'), /the caller was not allowed to do this: neither the key policy, an IAM policy nor a grant allowed it \(or a Deny matched\)/);
  });

  it('words how long ago an event was, unit included ("2 anni fa", "hace 3 días"; not "2 years fa")', () => {
    const now = Date.UTC(2026, 11, 1);
    l10n.config({ contents: bundle('it') });
    assert.equal(relativeTime(Date.UTC(2024, 10, 1), now), '2 anni fa');
    assert.equal(relativeTime(Date.UTC(2026, 10, 28), now), '3 giorni fa');
    assert.equal(relativeTime(now + 36e5, now), 'tra 1 ora');
    l10n.config({ contents: bundle('es') });
    assert.equal(relativeTime(Date.UTC(2026, 10, 28), now), 'hace 3 días');
    assert.equal(relativeTime(now - 5 * 6e4, now), 'hace 5 minutos');
    assert.equal(relativeTime(now - 30 * 864e5, now), 'hace 1 mes');
  });

  it('words the services that call on a user\'s behalf, not only their product names', () => {
    const viaFrontEnd = fixture('corpus', 'seeds', 'fargate-creategrant.json');
    l10n.config({ contents: bundle('it') });
    assert.match(hoverOn(viaFrontEnd, '"ec2-frontend-api.amazonaws.com"'), /Qui: il front end di Amazon EC2 \(per conto di EBS o Fargate\)\./);
    assert.match(hoverOn(viaFrontEnd, '"userIdentity"'), /Invocato tramite il front end di Amazon EC2/);
    l10n.config({ contents: bundle('es') });
    assert.match(hoverOn(viaFrontEnd, '"ec2-frontend-api.amazonaws.com"'), /Aquí: el front-end de Amazon EC2 \(en nombre de EBS o Fargate\)\./);
    assert.doesNotMatch(hoverOn(viaFrontEnd, '"userIdentity"'), /front end \(acting for/);
  });
});
