/**
 * Each rule's fixes are classified deliberately, and its metadata says so.
 * For every safety class a rule declares in `fixable`, a text where the rule
 * offers a fix of that class (the class follows from the statement: the same
 * correction widens an Allow and narrows a Deny); and over all these texts,
 * every rule's test cases, the corpus and the samples, no rule offers a fix of
 * a class it does not declare, and every declared class is offered somewhere.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, analyze, appliedByFixAll, getKmsLensService, type DocumentHints, type FixSafety } from '../../src/core';
import { locateWasm } from '../../src/cli/wasm';
import { FIXTURES } from './helpers';
import { CASES } from './policyCases';
import { ACCOUNT, appStatement, identityPolicy, JSON_HINTS, keyPolicy, ROOT, unmark } from './policyHelpers';

interface ClassCase {
  text: string;
  /** The start of the fix's title. */
  title: string;
  hints?: DocumentHints;
}

const deny = (members: string): string => keyPolicy(`{"Effect":"Deny","Principal":"*",${members}}`);
const allow = (members: string): string => keyPolicy(`{"Effect":"Allow","Principal":"*",${members}}`);
const iamDeny = (members: string): string => identityPolicy(`{"Effect":"Deny",${members}}`);
const KEY_ARN = `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SHIFTED = KEY_ARN.replace('arn:aws:kms:', 'arn:aws::kms:');

/** A real-shaped KMS Decrypt event with one field changed. */
function event(change: (e: Record<string, unknown>) => void): string {
  const e: Record<string, unknown> = {
    eventVersion: '1.08', userIdentity: { type: 'AssumedRole', principalId: 'AROA3XFRBF23EXMPLROLE:alice', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Ops/alice`, accountId: ACCOUNT },
    eventTime: '2024-05-02T09:15:44Z', eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', awsRegion: 'us-west-2', sourceIPAddress: '198.51.100.23', userAgent: 'aws-cli/2.15.0',
    requestParameters: { keyId: KEY_ARN, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }, responseElements: null, requestID: '4c1f7a2e-9b3d-4e6f-8a1c-5d7e9f2b4a6c',
    eventID: 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b1d', readOnly: true, resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: KEY_ARN }], eventType: 'AwsApiCall',
    managementEvent: true, recipientAccountId: ACCOUNT, eventCategory: 'Management',
  };
  change(e);
  return JSON.stringify(e, null, 2);
}
const rp = (e: Record<string, unknown>): Record<string, unknown> => e.requestParameters as Record<string, unknown>;

/** rule id -> safety class -> a text where the rule offers a fix of that class, and the fix's title. */
const CLASS_CASES: Record<string, Partial<Record<FixSafety, ClassCase>>> = {
  'json-trailing-comma': { repair: { text: keyPolicy().replace(']}', ',]}'), title: 'Remove the trailing comma' } },
  'json-missing-comma': { repair: { text: keyPolicy().replace('"Version":"2012-10-17",', '"Version":"2012-10-17" '), title: 'Insert the missing comma' } },
  'json-comment': { repair: { text: keyPolicy().replace('"Statement"', '// the key\n"Statement"'), title: 'Remove the comment' } },
  'json-smart-quotes': { repair: { text: keyPolicy().replace('"Sid":"Root"', '“Sid”:“Root”'), title: 'Replace the curly quotes' } },
  'json-unquoted-key': { repair: { text: keyPolicy().replace('"Statement"', 'Statement'), title: 'Put the name in double quotes' } },
  'meta-key-policy-text-output': { repair: { text: `${keyPolicy()}\tdefault\n`, title: 'Remove the policy name' } },
  'policy-string-syntax': { repair: { text: unmark(CASES['policy-string-syntax'].fires[0]).text, title: 'Remove the trailing comma' } },
  'policy-version-missing': {
    neutral: { text: `{"Statement":[${ROOT}]}`, title: 'Add "Version": "2012-10-17"' },
    // With ${...} in the text, the version decides whether it is a policy variable.
    review: { text: `{"Statement":[${ROOT},${appStatement('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:user":"${aws:username}"}}')}]}`, title: 'Add "Version": "2012-10-17"' },
  },
  'policy-version-old': {
    neutral: { text: `{"Version":"2008-10-17","Statement":[${ROOT}]}`, title: 'Change the version to 2012-10-17' },
    review: { text: `{"Version":"2008-10-17","Statement":[${ROOT},${appStatement('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:user":"${aws:username}"}}')}]}`, title: 'Change the version to 2012-10-17' },
  },
  'policy-version-invalid': {
    repair: { text: `{"Version":"2024-01-15","Statement":[${ROOT}]}`, title: 'Change the version to 2012-10-17' },
    review: { text: `{"Version":"2024-01-15","Statement":[${ROOT},${appStatement('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:user":"${aws:username}"}}')}]}`, title: 'Change the version to 2012-10-17' },
  },
  'policy-effect-invalid': { repair: { text: allow('"Action":"kms:Decrypt","Resource":"*"').replace('"Effect":"Allow","Principal":"*"', '"Effect":"ALLOW","Principal":"*"'), title: 'Change to "Allow"' } },
  'policy-unknown-element': {
    // An IAM statement without Resource is refused; the rename is its one meaning.
    repair: { text: identityPolicy('{"Effect":"Allow","Action":"kms:Decrypt","resource":"*"}'), title: 'Rename to "Resource"' },
    neutral: { text: allow('"sid":"Use","Action":"kms:Decrypt","Resource":"*"'), title: 'Rename to "Sid"' },
    // A condition more can only narrow an Allow.
    narrows: { text: allow(`"Action":"kms:Decrypt","Resource":"*","condition":{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}"}}`), title: 'Rename to "Condition"' },
    // In a key policy, a statement without Action has no effect: naming it makes the Allow apply.
    widens: { text: allow('"actions":"kms:Decrypt","Resource":"*"'), title: 'Rename to "Action"' },
    // The value is not an element's shape: the rename is only a guess.
    review: { text: allow('"sid":{"a":1},"Action":"kms:Decrypt","Resource":"*"'), title: 'Rename to "Sid"' },
  },
  'policy-missing-resource': {
    widens: { text: allow('"Action":"kms:Decrypt"'), title: 'Add "Resource": "*"' },
    narrows: { text: deny('"Action":"kms:Decrypt"'), title: 'Add "Resource": "*"' },
  },
  'policy-missing-principal': { review: { text: keyPolicy('{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}'), title: `Add the account root ${ACCOUNT} as Principal` } },
  'policy-sid-invalid': { repair: { text: identityPolicy(`{"Sid":"Allow decrypt","Effect":"Allow","Action":"kms:Decrypt","Resource":"${KEY_ARN}"}`), title: 'Change the Sid to "Allowdecrypt"' } },
  'policy-sid-empty': { neutral: { text: allow('"Sid":"","Action":"kms:Decrypt","Resource":"*"'), title: 'Remove the empty Sid' } },
  'policy-empty-condition': { neutral: { text: allow('"Action":"kms:Decrypt","Resource":"*","Condition":{}'), title: 'Remove the empty block' } },
  'policy-unknown-action': {
    widens: { text: allow('"Action":"kms:Decrpyt","Resource":"*"'), title: 'Change to "kms:Decrypt"' },
    narrows: { text: deny('"Action":"kms:Decrpyt","Resource":"*"'), title: 'Change to "kms:Decrypt"' },
    // Two readings: neither is applied.
    review: { text: deny('"Action":"kms:Crypt","Resource":"*"'), title: 'Change to "kms:Decrypt"' },
  },
  'policy-noncanonical-case': { neutral: { text: allow('"Action":"kms:decrypt","Resource":"*"'), title: 'Change to "kms:Decrypt"' } },
  'policy-redundant-action': { neutral: { text: allow('"Action":["kms:Get*","kms:GetKeyPolicy"],"Resource":"*"'), title: 'Remove "kms:GetKeyPolicy"' } },
  'policy-iam-only-action': {
    neutral: { text: allow('"Action":["kms:CreateKey","kms:Decrypt"],"Resource":"*"'), title: 'Remove "kms:CreateKey" from this key policy' },
    // In NotAction the entry is an exception: removing it makes the statement cover the action.
    widens: { text: allow('"NotAction":["kms:RetireGrant","kms:Decrypt"],"Resource":"*"'), title: 'Remove "kms:RetireGrant" from this key policy' },
    review: { text: deny('"NotAction":["kms:CreateKey","kms:Decrypt"],"Resource":"*"'), title: 'Remove "kms:CreateKey" from this key policy' },
  },
  'policy-key-policy-resource': {
    widens: { text: allow(`"Action":"kms:Decrypt","Resource":"${KEY_ARN}"`), title: 'Change Resource to "*"' },
    narrows: { text: deny(`"Action":"kms:Decrypt","Resource":"${KEY_ARN}"`), title: 'Change Resource to "*"' },
  },
  'policy-arn-malformed': {
    widens: { text: identityPolicy(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"${SHIFTED}"}`), title: `Change to "${KEY_ARN}"` },
    narrows: { text: iamDeny(`"Action":"kms:Decrypt","Resource":"${SHIFTED}"`), title: `Change to "${KEY_ARN}"` },
    // What a Null condition with an ARN value means is not a matter of more or fewer.
    review: { text: deny(`"Action":"kms:Decrypt","Resource":"*","Condition":{"Null":{"aws:SourceArn":"${SHIFTED}"}}`), title: `Change to "${KEY_ARN}"` },
  },
  'policy-unknown-region': {
    widens: { text: identityPolicy(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-3:${ACCOUNT}:key/*"}`), title: 'Change the Region to us-west-1' },
    review: { text: iamDeny(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-3:${ACCOUNT}:key/*"`), title: 'Change the Region to us-west-1' },
  },
  'policy-principal-invalid': {
    // A key policy with an invalid principal is refused.
    repair: { text: keyPolicy(`{"Effect":"Allow","Principal":"arn:aws:iam::${ACCOUNT}:role/App","Action":"kms:Decrypt","Resource":"*"}`), title: 'Change to {"AWS":' },
    widens: { text: keyPolicy('{"Effect":"Allow","Principal":{"Service":"cloudtrail"},"Action":"kms:Decrypt","Resource":"*"}'), title: 'Change to "cloudtrail.amazonaws.com"' },
    narrows: { text: keyPolicy('{"Effect":"Deny","Principal":{"Service":"cloudtrail"},"Action":"kms:Decrypt","Resource":"*"}'), title: 'Change to "cloudtrail.amazonaws.com"' },
    review: { text: keyPolicy(`{"Effect":"Allow","Principal":{"Canonical":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:Decrypt","Resource":"*"}`), title: 'Rename to "CanonicalUser"' },
  },
  'policy-unknown-condition-operator': { review: { text: allow(`"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEqual":{"kms:CallerAccount":"${ACCOUNT}"}}`), title: 'Change to "StringEquals"' } },
  'policy-unknown-condition-key': {
    widens: { text: allow(`"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAcount":"${ACCOUNT}"}}`), title: 'Change to "kms:CallerAccount"' },
    // Absent, the misspelt key made StringNotEquals true for every request: the real key only narrows the Allow.
    narrows: { text: allow(`"Action":"kms:Decrypt","Resource":"*","Condition":{"StringNotEquals":{"kms:CallerAcount":"${ACCOUNT}"}}`), title: 'Change to "kms:CallerAccount"' },
    review: { text: deny('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:SourceAc":"x"}}'), title: 'Change to "aws:SourceArn"' },
  },
  'policy-condition-key-not-applicable': { neutral: { text: allow('"Action":"kms:DescribeKey","Resource":"*","Condition":{"StringEquals":{"kms:CustomerMasterKeySpec":"SYMMETRIC_DEFAULT"}}'), title: 'Change to "kms:KeySpec"' } },
  'policy-condition-value-type': {
    widens: { text: allow('"Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"yes"}}'), title: 'Change to "true"' },
    narrows: { text: deny('"Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"yes"}}'), title: 'Change to "true"' },
    // Null tests whether the key is present: not a matter of more or fewer values.
    review: { text: allow('"Action":"kms:Decrypt","Resource":"*","Condition":{"Null":{"kms:EncryptionContextKeys":"yes"}}'), title: 'Change to "true"' },
  },
  'policy-missing-set-operator': { review: { text: allow('"Action":"kms:CreateGrant","Resource":"*","Condition":{"StringEquals":{"kms:GrantOperations":["Decrypt","Encrypt"]}}'), title: 'Use ForAllValues:StringEquals' } },
  'policy-set-operator-single-valued': {
    narrows: { text: allow(`"Action":"kms:Decrypt","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:CallerAccount":"${ACCOUNT}"}}`), title: 'Use StringEquals' },
    neutral: { text: allow(`"Action":"kms:Decrypt","Resource":"*","Condition":{"ForAllValues:StringNotEquals":{"kms:CallerAccount":"${ACCOUNT}"}}`), title: 'Use StringNotEquals' },
    // Without ForAllValues a Deny no longer applies when the key is absent.
    widens: { text: deny(`"Action":"kms:Decrypt","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:CallerAccount":"${ACCOUNT}"}}`), title: 'Use StringEquals' },
  },
  'policy-condition-value-enum': {
    widens: { text: allow('"Action":"kms:CreateGrant","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["kms:Decrypt"]}}'), title: 'Change to "Decrypt"' },
    narrows: { text: deny('"Action":"kms:CreateGrant","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["kms:Decrypt"]}}'), title: 'Change to "Decrypt"' },
    review: { text: deny('"Action":"kms:CreateGrant","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["ReEncrypt"]}}'), title: 'Change to "ReEncryptTo"' },
  },
  'policy-via-service-invalid': {
    widens: { text: allow('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"rds.cn-north-1.amazonaws.com.cn"}}'), title: 'Change to "rds.cn-north-1.amazonaws.com"' },
    narrows: { text: deny('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"rds.cn-north-1.amazonaws.com.cn"}}'), title: 'Change to "rds.cn-north-1.amazonaws.com"' },
    review: { text: deny('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"ec2.us-wset-2.amazonaws.com"}}'), title: 'Change to "ec2.us-west-2.amazonaws.com"' },
  },
  'policy-via-service-unsupported': {
    widens: { text: allow('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"ebs.us-west-2.amazonaws.com"}}'), title: 'Change to "ec2.us-west-2.amazonaws.com"' },
    narrows: { text: deny('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"ebs.us-west-2.amazonaws.com"}}'), title: 'Change to "ec2.us-west-2.amazonaws.com"' },
    review: { text: deny('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"secretmanager.us-west-2.amazonaws.com"}}'), title: 'Change to "secretsmanager.us-west-2.amazonaws.com"' },
  },
  'policy-via-service-region-mismatch': {
    widens: { text: identityPolicy(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:key/*","Condition":{"StringEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}}`), title: 'Change to "ec2.us-west-2.amazonaws.com"' },
    review: { text: iamDeny(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:key/*","Condition":{"StringEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}`), title: 'Change to "ec2.us-west-2.amazonaws.com"' },
  },
  'policy-deadline-missing-action': {
    widens: { text: identityPolicy(`{"Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:key/*","Condition":{"StringEquals":{"kms:ViaService":"deadline.us-west-2.amazonaws.com"}}}`), title: 'Add kms:DescribeKey' },
  },
  'policy-deadline-rotate-on-demand': { review: { text: unmark(CASES['policy-deadline-rotate-on-demand'].fires[0]).text, title: 'Remove "kms:RotateKeyOnDemand"' } },
  'policy-create-grant-unrestricted': { review: { text: allow('"Action":"kms:CreateGrant","Resource":"*"'), title: 'Add the condition kms:GrantIsForAWSResource = true' } },
  'ct-event-version': { neutral: { text: event((e) => { e.eventVersion = 1.08; }), title: 'Write it as "1.08"' } },
  'ct-field-type': { neutral: { text: event((e) => { (e.userIdentity as Record<string, unknown>).sessionContext = { attributes: { creationDate: '2024-05-02T09:12:01Z', mfaAuthenticated: false } }; }), title: 'Write it as "false"' } },
  'ct-unknown-value': {
    neutral: { text: event((e) => { e.eventType = 'awsApiCall'; }), title: 'Change to "AwsApiCall"' },
    review: { text: event((e) => { e.eventType = 'AwsApiCal'; }), title: 'Change to "AwsApiCall"' },
  },
  'ct-unknown-field': { review: { text: event((e) => { e.sourceIpAddress = '198.51.100.23'; delete e.sourceIPAddress; }), title: 'Rename to "sourceIPAddress"' } },
  'ct-region': { review: { text: event((e) => { e.awsRegion = 'us-west-2a'; }), title: 'Change to "us-west-2"' } },
  'ct-malformed-arn': { neutral: { text: event((e) => { e.resources = [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: SHIFTED }]; }), title: `Change to ${KEY_ARN}` } },
  'ct-kms-operation': {
    // The IAM form of the name: one reading.
    neutral: { text: event((e) => { e.eventName = 'kms:Decrypt'; }), title: 'Change to "Decrypt"' },
    review: { text: event((e) => { e.eventName = 'Decrpyt'; }), title: 'Change to "Decrypt"' },
  },
  'ct-kms-unknown-parameter': {
    neutral: { text: event((e) => { rp(e).keyID = rp(e).keyId; delete rp(e).keyId; }), title: 'Rename to "keyId"' },
    review: { text: event((e) => { rp(e).encryptionAlgorithmm = 'SYMMETRIC_DEFAULT'; delete rp(e).encryptionAlgorithm; }), title: 'Rename to "encryptionAlgorithm"' },
  },
  'ct-kms-parameter-value': { review: { text: event((e) => { rp(e).encryptionAlgorithm = 'SYMMETRIC_DEFAUL'; }), title: 'Change to "SYMMETRIC_DEFAULT"' } },
  'grant-operation-invalid': {
    review: {
      text: 'resource "aws_kms_grant" "app" {\n  key_id            = aws_kms_key.data.key_id\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["kms:Decrypt"]\n}\n',
      title: 'Change to "Decrypt"',
      hints: { languageId: 'terraform', fileName: 'grants.tf' },
    },
  },
  'lifecycle-rotation-unsupported': {
    repair: {
      text: 'Resources:\n  Signer:\n    Type: AWS::KMS::Key\n    Properties:\n      KeySpec: ECC_NIST_P256\n      KeyUsage: SIGN_VERIFY\n      EnableKeyRotation: true\n',
      title: 'Set EnableKeyRotation to false',
      hints: { languageId: 'yaml', fileName: 'template.yaml' },
    },
  },
};

describe('fix classes', () => {
  // The grant- rules read Terraform.
  before(() => getKmsLensService().prepareFormats(locateWasm));

  for (const [rule, byClass] of Object.entries(CLASS_CASES)) {
    for (const [safety, c] of Object.entries(byClass) as Array<[FixSafety, ClassCase]>) {
      it(`${rule} offers a ${safety} fix`, () => {
        const found = analyze(c.text, c.hints ?? JSON_HINTS).findings.filter((f) => f.code === rule);
        const fixes = found.flatMap((f) => f.fixes ?? []);
        const fix = fixes.find((x) => x.title.startsWith(c.title));
        assert.ok(fix, `${rule}: no fix "${c.title}..." in ${JSON.stringify(fixes.map((x) => `${x.safety}: ${x.title}`))}\n${c.text}`);
        assert.equal(fix.safety, safety, fix.title);
        // A fix the user picks because it may allow more, or decides on, says what the statement then does.
        if (!appliedByFixAll(fix) && /^policy-/.test(rule) && rule !== 'policy-version-missing' && rule !== 'policy-version-old' && rule !== 'policy-version-invalid') {
          assert.match(fix.title, / — (Allows|Denies|Has no valid Effect) /, fix.title);
        }
      });
    }
  }
});

describe('rule metadata: fixable', function () {
  this.timeout(120_000);
  before(() => getKmsLensService().prepareFormats(locateWasm));

  it('every fix a rule offers is of a class its metadata lists, and every listed class is offered somewhere', () => {
    const texts: Array<{ text: string; hints: DocumentHints }> = [];
    for (const byClass of Object.values(CLASS_CASES)) for (const c of Object.values(byClass)) texts.push({ text: c!.text, hints: c!.hints ?? JSON_HINTS });
    for (const c of Object.values(CASES)) for (const src of [...c.fires, ...c.nearMisses]) texts.push({ text: unmark(src).text, hints: c.hints ?? JSON_HINTS });
    for (const dir of [path.join(FIXTURES, 'corpus'), path.resolve(FIXTURES, '..', '..', 'samples')]) {
      for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (e.isFile() && e.name.endsWith('.json')) texts.push({ text: fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'), hints: { languageId: 'json', fileName: e.name } });
      }
    }
    const offered = new Map<string, Set<FixSafety>>();
    const wrong: string[] = [];
    for (const { text, hints } of texts) {
      for (const f of analyze(text, hints).findings) {
        const rule = allRules.find((r) => r.id === f.code);
        for (const x of f.fixes ?? []) {
          if (!rule?.fixable.includes(x.safety)) wrong.push(`${f.code}: ${x.safety} "${x.title}"`);
          if (!offered.has(f.code)) offered.set(f.code, new Set());
          offered.get(f.code)!.add(x.safety);
        }
      }
    }
    assert.deepEqual([...new Set(wrong)], []);
    const unused = allRules.flatMap((r) => r.fixable.filter((s) => !offered.get(r.id)?.has(s)).map((s) => `${r.id}: ${s}`));
    assert.deepEqual(unused, [], 'classes listed in metadata that no test input produces');
  });
});
