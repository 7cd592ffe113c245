/**
 * The corpus (real AWS documentation examples, test/fixtures/corpus): every
 * invalid example is flagged, and the valid CloudTrail examples raise no
 * warning or error unless they are truly wrong. Each exception is listed here
 * with the reason, as an incident responder would judge the record.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { CORPUS } from './helpers';

/** Examples that are truly wrong, and the warnings they must raise (no more, no fewer). */
const TRULY_WRONG: Record<string, string[]> = {
  // KMS is Regional: a call to KMS in us-east-1 cannot use a us-west-2 key. These 2014-2022
  // examples were edited by hand (the facts file lists ct-encrypt's instance of the same defect).
  'awsdocs/ct-creategrant-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-delete-key-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-delete-key-1.json': ['ct-region-mismatch'],
  'awsdocs/ct-deletealias-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-deleteexpiredkeymaterial-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-disablekey-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-ec2two-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-enablekey-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-generate-data-key-enclave-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-generatedatakey-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-generatedatakeyplaintext-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-generatemac-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-getkeypolicy-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-listgrants-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-schedule-key-deletion-0.json': ['ct-region-mismatch'],
  'awsdocs/ct-verifymac-0.json': ['ct-region-mismatch'],
  // Same, plus: the EC2 CreateVolume record is delivered to 123456789012, which is neither the
  // caller's account nor the key owner's (111122223333): CloudTrail delivers only to them.
  'awsdocs/ct-ec2one-0.json': ['ct-account-mismatch', 'ct-region-mismatch'],
  // CreateKey created key 1234abcd... in us-west-2 (responseElements), but resources names key
  // 39c5eb22... in account 227179770375, us-east-1: pieced together from two events.
  'awsdocs/ct-createkey-2.json': ['ct-key-mismatch', 'ct-region-mismatch'],
  // eventID "abcda5f-..." has 7 hex digits in its first group: not a GUID CloudTrail could write.
  'awsdocs/ct-schedule-key-deletion-1.json': ['ct-id-format'],
  // Called 2021-10-26T23:25:25Z with pendingWindowInDays 30, but deletionDate is "Nov 2, 2021,
  // 11:25:25 PM", 7 days later: the window and the date cannot both come from that call.
  'awsdocs/ct-schedule-key-deletion-2.json': ['ct-deletion-date-mismatch'],
  // Deadline Cloud guide: arn:aws::kms:/sts:/iam: ARNs (an extra colon) everywhere, and the key in
  // requestParameters.keyId is not the key in resources[0].ARN. Which key was used is exactly what
  // an investigation needs to know, so both are warnings. Their EXAMPLE ids and 111122223333 are
  // placeholders (one information finding), and "AWS Internal" as resources[0].accountId is what
  // CloudTrail writes for an AWS-owned account in events made by AWS services: no finding.
  'seeds/deadline-creategrant.json': ['ct-key-mismatch', 'ct-malformed-arn'],
  'seeds/deadline-decrypt.json': ['ct-malformed-arn'],
  'seeds/deadline-generatedatakey.json': ['ct-key-mismatch', 'ct-malformed-arn'],
};

interface Example {
  name: string;
  text: string;
  valid: boolean;
}

function corpus(): Example[] {
  const out: Example[] = [];
  for (const dir of ['awsdocs', 'seeds']) {
    for (const f of fs.readdirSync(path.join(CORPUS, dir)).filter((x) => x.endsWith('.json')).sort()) {
      const text = fs.readFileSync(path.join(CORPUS, dir, f), 'utf8');
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      out.push({ name: `${dir}/${f}`, text, valid });
    }
  }
  return out;
}

describe('the corpus', () => {
  const examples = corpus();
  const run = (e: Example): ReturnType<typeof analyze> => analyze(e.text, { languageId: 'json', fileName: e.name });

  it('holds the examples the README describes (130 documents, 10 invalid: 9 in awsdocs, 1 seed)', () => {
    assert.equal(examples.length, 130);
    assert.equal(examples.filter((e) => !e.valid).length, 10);
  });

  it('flags every invalid example with an error', () => {
    for (const e of examples.filter((x) => !x.valid)) {
      assert.ok(run(e).findings.some((f) => f.severity === 'error'), e.name);
    }
  });

  it('raises no warning on the valid CloudTrail examples except the truly wrong ones, which raise exactly theirs', () => {
    const events = examples.filter((e) => e.valid && run(e).model.kind === 'cloudTrail');
    assert.ok(events.length >= 60, `${events.length} CloudTrail examples`);
    for (const e of events) {
      const got = [...new Set(run(e).findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.code))].sort();
      assert.deepEqual(got, TRULY_WRONG[e.name] ?? [], e.name);
    }
    for (const name of Object.keys(TRULY_WRONG)) assert.ok(events.some((e) => e.name === name), `${name} is a valid CloudTrail example`);
  });

  it('says documentation placeholders once per document, as information', () => {
    for (const name of ['seeds/fargate-creategrant-dryrun.json', 'seeds/deadline-decrypt.json', 'awsdocs/ct-decrypt-0.json']) {
      const fs = run(examples.find((e) => e.name === name)!).findings.filter((f) => f.code === 'ct-placeholder');
      assert.deepEqual(fs.map((f) => f.severity), ['information'], name);
    }
  });

  it('reads the Fargate dry runs as dry runs, never as errors', () => {
    for (const name of ['seeds/fargate-creategrant-dryrun.json', 'seeds/fargate-generatedatakeywithoutplaintext-dryrun.json']) {
      const fs = run(examples.find((e) => e.name === name)!).findings;
      assert.ok(fs.some((f) => f.code === 'ct-dry-run' && f.severity === 'information'), name);
      assert.ok(!fs.some((f) => f.severity === 'error' || f.severity === 'warning'), name);
    }
  });

  it('fix-all repairs the Deadline ARNs into valid ARNs and leaves nothing fixable behind', async () => {
    const { fixAll } = await import('../../src/core');
    const e = examples.find((x) => x.name === 'seeds/deadline-creategrant.json')!;
    const fixed = fixAll(e.text, { languageId: 'json' }, (await import('../../src/core')).DEFAULT_SETTINGS).text;
    assert.ok(!fixed.includes('arn:aws::'));
    assert.ok(!analyze(fixed, { languageId: 'json' }).findings.some((f) => f.code === 'ct-malformed-arn'));
    assert.doesNotThrow(() => JSON.parse(fixed));
  });
});
