/**
 * Error-tolerant analysis: with JSON errors in a document, the rules still run
 * on every member whose own text parses, the JSON errors are reported beside
 * them, and `check` and `grants` read a damaged file the same way.
 */
import * as assert from 'node:assert/strict';
import { analyze, buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { eventContexts } from '../../src/core/analyze';
import { GrantsRun } from '../../src/cli/grants';
import { brief } from './helpers';
import { unmark } from './policyHelpers';
import { createGrant, kmsEvent } from './grantsHelpers';

const HINTS = { languageId: 'json', fileName: 'pasted.json' };
/** The shifted key ARN of the pasted event (its key id is the documentation's, hence ct-placeholder). */
const ARN = 'arn:aws::kms:us-west-2:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** `code "text"` for each finding, in document order. */
function found(text: string, hints = HINTS): string[] {
  return analyze(text, hints).findings.map((f) => `${f.code} ${JSON.stringify(text.slice(f.start, f.end))}`);
}

/** A pasted Decrypt event, as people paste one from the console, with one JSON error put in by `damage`. */
function pastedEvent(damage: (text: string) => string): string {
  const event = JSON.stringify({
    eventVersion: '1.08',
    userIdentity: { type: 'AssumedRole', accountId: '210987654321', arn: 'arn:aws:sts::210987654321:assumed-role/app/i-0abc' },
    eventTime: '2024-03-01T10:00:00Z',
    eventSource: 'kms.amazonaws.com',
    eventName: 'Decrpyt',
    awsRegion: 'us-west-2',
    sourceIPAddress: '10.0.0.1',
    requestParameters: { keyId: 'arn:aws::kms:us-west-2:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    responseElements: null,
    eventID: '5b1f8d3c-1111-4222-8333-444455556666',
    eventType: 'AwsApiCall',
    eventCategory: 'Management',
    recipientAccountId: '210987654321',
  }, null, 2);
  return damage(event);
}

describe('error-tolerant analysis: events', () => {
  it('a pasted event with a missing comma gets its event findings beside the JSON error', () => {
    const text = pastedEvent((t) => t.replace('"awsRegion": "us-west-2",', '"awsRegion": "us-west-2"'));
    assert.deepEqual(found(text), [
      'ct-kms-operation "\\"Decrpyt\\""',
      'json-missing-comma "\\"sourceIPAddress\\""',
      `ct-malformed-arn "\\"${ARN}\\""`,
      `ct-placeholder "\\"${ARN}\\""`,
    ]);
  });

  it('a member cut by an unterminated string is left out, and nothing is called missing because of it', () => {
    // The unterminated eventTime swallows the rest of its line; eventTime is then not known, but not "missing" either.
    const text = pastedEvent((t) => t.replace('"eventTime": "2024-03-01T10:00:00Z",', '"eventTime": "2024-03-01T10:00:00Z,'));
    const model = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.equal(model.kind, 'cloudTrail');
    assert.equal(model.records.length, 1);
    assert.equal(model.records[0].partial, true);
    assert.equal((model.records[0].value as Record<string, unknown>).eventTime, undefined, 'the damaged member is not read');
    assert.equal((model.records[0].value as Record<string, unknown>).eventName, 'Decrpyt');
    assert.deepEqual(found(text), [
      'json-unterminated-string "\\"2024-03-01T10:00:00Z,"',
      'ct-kms-operation "\\"Decrpyt\\""',
      `ct-malformed-arn "\\"${ARN}\\""`,
      `ct-placeholder "\\"${ARN}\\""`,
    ]);
  });

  it('a missing value loses only its member', () => {
    const text = pastedEvent((t) => t.replace('"sourceIPAddress": "10.0.0.1"', '"sourceIPAddress": '));
    const codes = analyze(text, HINTS).findings.map((f) => f.code);
    assert.ok(codes.includes('json-syntax'), codes.join());
    assert.ok(codes.includes('ct-kms-operation'), codes.join());
    // sourceIPAddress is lost, but ct-version-field does not say the record lacks it.
    assert.ok(!codes.includes('ct-version-field'), codes.join());
  });

  it('a log with one damaged record: the rules run on every record, the grants model has every grant', () => {
    const records = [
      createGrant('a'.repeat(64), '2024-03-01T10:00:00Z'),
      createGrant('b'.repeat(64), '2024-03-01T11:00:00Z', { operations: ['Decrypt', 'Encrpyt'] }),
      createGrant('c'.repeat(64), '2024-03-01T12:00:00Z'),
    ];
    const valid = JSON.stringify({ Records: records }, null, 1);
    const text = valid.replace('"eventTime": "2024-03-01T11:00:00Z",', '"eventTime": "2024-03-01T11:00:00Z"');
    assert.notEqual(text, valid);
    const { model, findings: all } = analyze(text, HINTS);
    const findings = all.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(findings.map((f) => f.code), ['json-missing-comma', 'ct-kms-parameter-value']);
    assert.equal(text.slice(findings[1].start, findings[1].end), '"Encrpyt"');
    assert.deepEqual(model.records.map((r) => r.broken), [false, true, false]);
    const run = new GrantsRun([{ file: 'log.json', text, languageId: 'json', fileName: 'log.json' }]);
    assert.deepEqual(run.model.keys.flatMap((k) => k.grants.map((g) => g.grantId)).sort(), ['a', 'b', 'c'].map((c) => c.repeat(64)));
  });

  it('check and grants read the same events from a damaged log: the events the rules see are the records grants reads', () => {
    const valid = JSON.stringify({ Records: [createGrant('d'.repeat(64), '2024-03-01T10:00:00Z'), kmsEvent('Decrypt', '2024-03-01T10:05:00Z')] }, null, 1);
    // Cut in the middle of the second record, as a copy from a terminal that stopped short.
    const text = valid.slice(0, valid.indexOf('"sourceIPAddress"', valid.indexOf('"Decrypt"')));
    const { model } = analyze(text, HINTS);
    const seenByRules = eventContexts(model).map((e) => e.event);
    assert.equal(seenByRules.length, 2);
    assert.deepEqual(seenByRules, model.records.map((r) => r.value));
    assert.equal(model.records[1].partial, true);
    assert.deepEqual(analyze(text, HINTS).findings.filter((f) => f.code === 'ct-missing-field'), [], 'a record cut short is not "missing" its fields');
  });

  it('the big-log path reads a damaged log as the small one does', () => {
    const records = [createGrant('e'.repeat(64), '2024-03-01T10:00:00Z'), createGrant('f'.repeat(64), '2024-03-01T11:00:00Z'), kmsEvent('Decrypt', '2024-03-01T10:05:00Z')];
    let text = JSON.stringify({ Records: records }, null, 1).replace('"eventTime": "2024-03-01T11:00:00Z",', '"eventTime": "2024-03-01T11:00:00Z"');
    // The last record's awsRegion loses its closing quote (and with it the member).
    const region = text.lastIndexOf('"awsRegion": "us-west-2",');
    text = `${text.slice(0, region)}"awsRegion": "us-west-2${text.slice(region + '"awsRegion": "us-west-2",'.length)}`;
    const small = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    const big = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize, treeThreshold: 100 });
    assert.equal(big.kind, 'cloudTrail');
    // Values compared as JSON: one path gives JSON.parse objects, the other jsonc-parser's prototype-less ones.
    const shape = (m: typeof small): unknown => m.records.map((r) => [r.start, r.end, r.broken, r.partial === true, JSON.stringify(r.value)]);
    assert.deepEqual(shape(big), shape(small));
    assert.ok(small.records.some((r) => r.partial), 'one record lost a member');
  });
});

describe('error-tolerant analysis: policies', () => {
  it('checks a statement whose members parse even though a comma is missing between them', () => {
    const { text, ranges } = unmark([
      '{"Version": "2012-10-17", "Statement": [',
      '  {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "kms:*", "Resource": "*"},',
      '  {"Sid": "Use", "Effect": ⟦"allow"⟧ "Principal": {"AWS": "arn:aws:iam::210987654321:role/App"}, "Action": "kms:⟦Decrpyt⟧", "Resource": "*"}',
      ']}',
    ].join('\n'));
    const findings = analyze(text, { languageId: 'json', fileName: 'key-policy.json' }).findings;
    const at = (code: string): Array<[number, number]> => findings.filter((f) => f.code === code).map((f) => [f.start, f.end]);
    assert.deepEqual(at('policy-effect-invalid'), [ranges[0]]);
    assert.deepEqual(at('policy-unknown-action'), [ranges[1]]);
    assert.equal(at('json-missing-comma').length, 1);
  });

  it('says nothing is missing from a statement that lost a member to a JSON error, and still checks what is left', () => {
    const text = [
      '{"Version": "2012-10-17", "Statement": [',
      '  {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "kms:*", "Resource": "*"},',
      '  {"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:role/App"}, "Action": "kms:Decrpyt", "Resource": "*',
      '  }',
      ']}',
    ].join('\n');
    const findings = analyze(text, { languageId: 'json', fileName: 'key-policy.json' }).findings;
    const codes = findings.map((f) => f.code);
    assert.ok(codes.includes('json-unterminated-string'), codes.join());
    assert.ok(codes.includes('policy-unknown-action'), codes.join());
    assert.ok(!codes.includes('policy-missing-resource'), `the Resource is in the damaged text: ${brief(text, findings).join(' ')}`);
  });

  it('a policy in a PutKeyPolicy event whose event has a JSON error is still checked', () => {
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"kms:Encrpyt","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"kms:*","Resource":"*"}]}';
    const event = `{"eventVersion":"1.08","eventTime":"2024-05-01T10:00:00Z","eventSource":"kms.amazonaws.com","eventName":"PutKeyPolicy","awsRegion":"us-west-2" "recipientAccountId":"210987654321","requestParameters":{"keyId":"arn:aws:kms:us-west-2:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab","policyName":"default","policy":${JSON.stringify(policy)}},"responseElements":null}`;
    const codes = analyze(event, HINTS).findings.map((f) => f.code);
    assert.ok(codes.includes('json-missing-comma'), codes.join());
    assert.ok(codes.includes('policy-unknown-action'), codes.join());
  });

  it('a hostile text of unclosed brackets around a large value is read without hanging', () => {
    const text = '{"Statement":'.concat('['.repeat(400), '"x",'.repeat(100000));
    const model = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.ok(model.syntaxProblems.length > 0);
  });
});
