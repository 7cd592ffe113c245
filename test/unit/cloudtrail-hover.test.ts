import * as assert from 'node:assert/strict';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { describeTime, relativeTime } from '../../src/core/cloudtrail/hover';
import { summarizeEvent } from '../../src/core/cloudtrail/summary';
import { hoverAt } from '../../src/core/hover';
import { fixture } from './helpers';

function hoverOn(text: string, marker: string, delta = 1): { markdown: string; covered: string } | undefined {
  const model = buildModel(text, { languageId: 'json', fileName: 'e.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const at = text.indexOf(marker);
  assert.ok(at >= 0, marker);
  const h = hoverAt(model, at + delta);
  return h && { markdown: h.markdown, covered: text.slice(h.start, h.end) };
}

describe('CloudTrail hovers', () => {
  const dryRun = fixture('corpus', 'seeds', 'fargate-creategrant-dryrun.json');

  it('summarises an event in one sentence on its opening brace', () => {
    const h = hoverOn(dryRun, '{', 0);
    assert.equal(h?.markdown, 'Fargate asked KMS to create a grant letting fargate.us-west-2 use key ...11111 to Decrypt, limited to cluster cluster-name. Dry run: nothing happened.');
  });

  it('explains eventName as the KMS API, its IAM action and what it does to the key', () => {
    const h = hoverOn(dryRun, '"CreateGrant"');
    assert.equal(h?.covered, '"CreateGrant"');
    assert.match(h!.markdown, /\*\*KMS CreateGrant\*\*: adds a grant/);
    assert.match(h!.markdown, /IAM action: `kms:CreateGrant`/);
  });

  it('says who the caller is, with the session issuer', () => {
    const text = fixture('corpus', 'seeds', 'deadline-decrypt.json');
    const h = hoverOn(text, '"userIdentity"');
    assert.match(h!.markdown, /Role SampleRole \(session SampleUser01\), through Deadline Cloud/);
    assert.match(h!.markdown, /Session issued by `arn:aws::iam::111122223333:role\/SampleRole`/);
  });

  it('explains encryption context keys with known meanings and grant constraints', () => {
    const h = hoverOn(dryRun, '"aws:ecs:clusterName"');
    assert.match(h!.markdown, /Amazon ECS on Fargate/);
    assert.match(h!.markdown, /Grant constraint/);
    const d = hoverOn(fixture('corpus', 'seeds', 'deadline-decrypt.json'), '"aws:deadline:farmId"');
    assert.match(d!.markdown, /Deadline Cloud farm/);
    const op = hoverOn(dryRun, '"operations"');
    assert.match(op!.markdown, /`Decrypt`: uses the key to decrypt/);
  });

  it('explains an errorCode and invokedBy service names', () => {
    assert.match(hoverOn(dryRun, '"DryRunOperationException"')!.markdown, /would have succeeded/);
    assert.match(hoverOn(dryRun, '"fargate.amazonaws.com"')!.markdown, /AWS Fargate/);
  });

  it('shows times in UTC, in the local zone and relative to now', () => {
    const h = hoverOn(dryRun, '"2024-04-23T18:08:11Z"');
    // The local time in numbers with its offset, as KMS Lens writes every time: no English day or zone names.
    assert.match(h!.markdown, /^2024-04-23T18:08:11Z UTC; your local time: 2024-04-2[34] \d{2}:\d{2}:11 UTC([+-]\d{1,2}(:\d{2})?)?; \d+ (years?|months?) ago\.$/);
    assert.equal(relativeTime(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3)), '2 days ago');
    assert.equal(relativeTime(Date.UTC(2024, 0, 1, 5), Date.UTC(2024, 0, 1)), 'in 5 hours');
    assert.equal(describeTime('not a time'), undefined);
  });

  it('describes a key ARN and flags placeholders and repaired ARNs', () => {
    const text = fixture('corpus', 'seeds', 'deadline-generatedatakey.json');
    const h = hoverOn(text, '"arn:aws::kms:us-west-2:111122223333:key/abcdef12');
    assert.match(h!.markdown, /Key `abcdef12-3456-7890-0987-654321fedcba` in account `111122223333`, Region `us-west-2`/);
    assert.match(h!.markdown, /Malformed/);
  });

  it('gives field documentation with allowed values on a top-level key', () => {
    const h = hoverOn(dryRun, '"eventCategory"');
    assert.match(h!.markdown, /since eventVersion 1\.07/);
    assert.match(h!.markdown, /`Management`, `Data`, `NetworkActivity`, `Insight`/);
  });

  it('dates the event in the one-sentence summary as every other date in KMS Lens reads', () => {
    const e = JSON.parse(fixture('corpus', 'awsdocs', 'ct-decrypt-4.json'));
    e.errorCode = undefined;
    e.eventTime = '2024-05-02T11:05:30Z';
    assert.match(summarizeEvent(e), / At 2024-05-02 11:05:30 UTC\.$/);
  });

  it('says a failed call did nothing, and a cross-account call is cross-account', () => {
    const e = JSON.parse(fixture('corpus', 'awsdocs', 'ct-decrypt-4.json'));
    assert.match(summarizeEvent(e), /It failed \(KMSInvalidStateException\)/);
    e.errorCode = undefined;
    e.userIdentity.accountId = '444455556666';
    assert.match(summarizeEvent(e), /Cross-account: the key belongs to 111122223333, the caller to 444455556666/);
  });

  it('finds the record under the cursor in a log and stays quiet outside events', () => {
    const log = `{"Records":[${dryRun},${fixture('corpus', 'seeds', 'fargate-retiregrant.json')}]}`;
    const second = log.lastIndexOf('"RetireGrant"');
    const model = buildModel(log, { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.match(hoverAt(model, second + 1)!.markdown, /KMS RetireGrant/);
    assert.equal(hoverAt(model, 2), undefined);
    const policy = buildModel('{"Version":"2012-10-17","Statement":[]}', { languageId: 'json' }, { maxFileSize: 1e6 });
    assert.equal(hoverAt(policy, 3), undefined);
  });
});
