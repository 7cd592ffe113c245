/**
 * Policy hovers through the same entry point the editor uses (hoverAt over
 * the document model): what each hover says and the exact range it covers.
 */
import * as assert from 'node:assert/strict';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { expandKmsActions, KMS_ACTIONS } from '../../src/core/data/iam';
import type { HoverResult } from '../../src/core';
import { hoverAt } from '../../src/core/hover';
import { policyHover } from '../../src/core/policy/hover';
import { fixture } from './helpers';

function hover(text: string, needle: string, occurrence = 0, into = 1): (HoverResult & { covers: string }) | undefined {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not in the text`);
  const model = buildModel(text, { languageId: 'json', fileName: 'policy.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const h = hoverAt(model, at + into);
  return h && { ...h, covers: text.slice(h.start, h.end) };
}

function must(h: ReturnType<typeof hover>): HoverResult & { covers: string } {
  assert.ok(h, 'expected a hover');
  return h;
}

/** Code spans of a Markdown text (`Decrypt` -> Decrypt). */
function spans(md: string): string[] {
  return [...md.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

const policy = (statement: object, kind: 'key' | 'identity' = 'key'): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'S1', Effect: 'Allow', ...(kind === 'key' ? { Principal: { AWS: 'arn:aws:iam::111122223333:role/App' } } : {}), Resource: '*', ...statement }],
  }, null, 2);

describe('policy hovers', () => {
  describe('actions', () => {
    it('describes an action: access level, key resource, condition keys, grant operation', () => {
      const text = policy({ Action: ['kms:Decrypt', 'kms:CreateKey'] });
      const h = must(hover(text, 'kms:Decrypt'));
      assert.equal(h.covers, '"kms:Decrypt"');
      assert.match(h.markdown, /^\*\*`kms:Decrypt`\*\* · Write · acts on a key · grant operation/);
      assert.match(h.markdown, /Controls permission to decrypt ciphertext that was encrypted under an AWS KMS key\./);
      assert.ok(spans(h.markdown).includes('kms:EncryptionAlgorithm') && spans(h.markdown).includes('kms:ViaService'), h.markdown);
      assert.match(h.markdown, /`kms:RecipientAttestation:\*` \(57 keys/);
      assert.match(h.markdown, /A grant can allow it: `Decrypt` is one of the 17 grant operations\./);
      const create = must(hover(text, 'kms:CreateKey')).markdown;
      assert.match(create, /not on a key \(Resource `\*`\)/);
      assert.match(create, /No effect in a key policy/);
      assert.doesNotMatch(create, /grant operation/);
    });

    it('lists exactly what a wildcard expands to', () => {
      const text = policy({ Action: ['kms:GenerateDataKey*', 'kms:Describe*', 'kms:*', 'kms:Nothing*'] });
      const gen = must(hover(text, 'kms:GenerateDataKey*')).markdown;
      assert.match(gen, /Matches 4 KMS actions:/);
      assert.deepEqual(spans(gen).filter((s) => s.startsWith('Generate')).sort(), expandKmsActions('GenerateDataKey*').map((a) => a.name).sort());
      const describe = must(hover(text, 'kms:Describe*')).markdown;
      assert.match(describe, /- `DescribeCustomKeyStores` · Read · not on a key\n- `DescribeKey` · Read/);
      const all = must(hover(text, '"kms:*"', 0, 2)).markdown;
      assert.match(all, /Matches every KMS action \(56\):/);
      for (const a of KMS_ACTIONS) assert.ok(spans(all).includes(a.name), `kms:* should list ${a.name}`);
      assert.match(must(hover(text, 'kms:Nothing*')).markdown, /Matches no KMS action, so it allows or denies nothing\./);
    });

    it('suggests the nearest action for a misspelt one, and says nothing about other services', () => {
      const text = policy({ Action: ['kms:Decrpyt', 'iam:PassRole', 'KMS:decrypt'] });
      assert.match(must(hover(text, 'kms:Decrpyt')).markdown, /Not a KMS action: it allows or denies nothing\.\n\nDid you mean `kms:Decrypt`\?/);
      assert.equal(hover(text, 'iam:PassRole'), undefined);
      assert.match(must(hover(text, 'KMS:decrypt')).markdown, /AWS matches action names without regard to case; the usual spelling is `kms:Decrypt`/);
    });
  });

  describe('condition keys', () => {
    it('says which of the statement\'s actions a key constrains, and what happens to the others', () => {
      const text = policy({ Action: ['kms:Decrypt', 'kms:DescribeKey'], Condition: { StringEquals: { 'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT' } } });
      const h = must(hover(text, 'kms:EncryptionAlgorithm'));
      assert.equal(h.covers, '"kms:EncryptionAlgorithm"');
      assert.match(h.markdown, /^\*\*`kms:EncryptionAlgorithm`\*\* · String · single-valued/);
      assert.match(h.markdown, /Values: `SYMMETRIC_DEFAULT`, `RSAES_OAEP_SHA_1`, `RSAES_OAEP_SHA_256`, `SM2PKE`/);
      assert.match(h.markdown, /In this statement it constrains `Decrypt`\./);
      assert.match(h.markdown, /Requests for `DescribeKey` never carry this key, so with `StringEquals` the condition never matches them: this statement does not apply to them\./);
    });

    it('explains that IfExists and ForAllValues let requests without the key through', () => {
      const text = policy({ Action: ['kms:CreateGrant', 'kms:Decrypt'], Condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] } } });
      const h = must(hover(text, 'kms:GrantOperations')).markdown;
      assert.match(h, /· ArrayOfString · multi-valued/);
      assert.match(h, /Applies to: `CreateGrant`\./);
      assert.match(h, /Requests for `Decrypt` never carry this key; with `ForAllValues:StringEquals` the condition is then true, so it does not restrict them\./);
    });

    it('describes the ViaService key and its applicability compactly, and global keys from our notes', () => {
      const text = policy({ Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'aws:SourceAccount': '111122223333' } } });
      const via = must(hover(text, 'kms:ViaService')).markdown;
      assert.match(via, /Applies to: every action on a key except `SynchronizeMultiRegionKey`, plus `CreateKey`\./);
      const source = must(hover(text, 'aws:SourceAccount')).markdown;
      assert.match(source, /The account of the resource on whose behalf a service principal makes the request/);
      assert.match(source, /Global key/);
    });

    it('matches template keys and flags unknown ones with a suggestion', () => {
      const text = policy({ Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': 'x', 'kms:CallerAcount': '111122223333' } } });
      assert.match(must(hover(text, 'kms:EncryptionContext:aws')).markdown, /A key of the form `kms:EncryptionContext:\$\{EncryptionContextKey\}`\./);
      assert.match(must(hover(text, 'kms:CallerAcount')).markdown, /Not a KMS condition key: no request carries it\.\n\nDid you mean `kms:CallerAccount`/);
    });
  });

  describe('operators', () => {
    it('explains IfExists, set operators and negation', () => {
      const text = policy({
        Action: 'kms:CreateGrant',
        Condition: { StringEqualsIfExists: { 'kms:CallerAccount': '1' }, 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] }, StringNotEquals: { 'kms:CallerAccount': '2' }, StringEqual: { 'kms:CallerAccount': '3' } },
      });
      assert.match(must(hover(text, 'StringEqualsIfExists')).markdown, /`IfExists`: when the request has no value for the key, the condition is true; otherwise it is evaluated as `StringEquals`\./);
      assert.match(must(hover(text, 'ForAllValues:StringEquals')).markdown, /also true when the request has no value for the key, so in an Allow pair it with a `Null` check\./);
      assert.match(must(hover(text, 'StringNotEquals')).markdown, /When the request has no value for the key, a negated operator is true\./);
      assert.match(must(hover(text, '"StringEqual"', 0, 2)).markdown, /Not a condition operator: the policy language has no such operator\.\n\nDid you mean `StringEquals`/);
    });
  });

  describe('ARNs and key ids', () => {
    it('shows the parts of a key ARN, multi-Region or not, and documentation placeholders', () => {
      const text = policy({ Action: 'kms:Decrypt', Resource: ['arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab', 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'] }, 'identity');
      const mrk = must(hover(text, 'arn:aws:kms:eu-west-1')).markdown;
      assert.match(mrk, /^\*\*KMS key ARN \(multi-Region key\)\*\*/);
      assert.match(mrk, /\| Region \| `eu-west-1` \|/);
      assert.match(mrk, /\| Account \| `123456789012` · documentation placeholder \|/);
      assert.match(mrk, /\| Key id \| `mrk-1234abcd12ab34cd56ef1234567890ab` · a multi-Region key id/);
      const single = must(hover(text, 'arn:aws:kms:us-west-2')).markdown;
      assert.match(single, /^\*\*KMS key ARN\*\*\n/);
      assert.match(single, /a single-Region key id/);
    });

    it('shows the ARN with an extra colon as written and as meant', () => {
      const h = must(hover(fixture('corpus', 'seeds', 'deadline-policy-read-only.json'), 'arn:aws::kms'));
      assert.equal(h.covers, '"arn:aws::kms:us-west-2:111122223333:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"');
      assert.match(h.markdown, /^\*\*Malformed ARN\*\*/);
      assert.match(h.markdown, /as written, the service is empty and the Region `kms`/);
      assert.match(h.markdown, /Meant: `arn:aws:kms:us-west-2:111122223333:key\/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`/);
      assert.match(h.markdown, /\| Key id \| `a1b2c3d4-5678-90ab-cdef-EXAMPLE11111` · a documentation placeholder/);
    });

    it('says what "*" means as the Resource of a key policy', () => {
      const text = policy({ Action: 'kms:Decrypt' });
      assert.match(must(hover(text, '"Resource": "*"', 0, 13)).markdown, /In a key policy, `"Resource": "\*"` means this key/);
    });
  });

  describe('principals', () => {
    it('explains what the account root means in a key policy', () => {
      const h = must(hover(fixture('workspace', 'policies', 'default-key-policy.json'), 'arn:aws:iam::111122223333:root'));
      assert.match(h.markdown, /^\*\*Account principal\*\*/);
      assert.match(h.markdown, /Account `111122223333` \(a documentation placeholder\)/);
      assert.match(h.markdown, /does not mean only the root user: it gives the account the access, and IAM policies in that account then decide/);
    });

    it('describes roles, assumed-role sessions, services and "*"', () => {
      const text = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:role/path/Admin', 'arn:aws:sts::444455556666:assumed-role/Admin/alice'] }, Action: 'kms:Decrypt', Resource: '*' },
          { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey', Resource: '*' },
          { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
        ],
      });
      assert.match(must(hover(text, 'role/path/Admin')).markdown, /^\*\*IAM role\*\* `Admin`/);
      assert.match(must(hover(text, 'assumed-role')).markdown, /Only the session named `alice` of role `Admin`; to cover every session, name the role ARN instead\./);
      const service = must(hover(text, 'cloudtrail.amazonaws.com')).markdown;
      assert.match(service, /The CloudTrail service itself/);
      assert.match(service, /Narrow it with `aws:SourceArn` or `aws:SourceAccount`/);
      assert.match(must(hover(text, '"Principal":"*"', 0, 13)).markdown, /Nothing in this statement narrows it: anyone can use the actions it allows\./);
      assert.match(must(hover(text, '"Service"')).markdown, /^\*\*Service principal\*\*/);
    });

    it('does not ask to narrow a service principal that an encryption context or source condition already ties to your resources', () => {
      // The CloudWatch Logs key policy of the KMS guide: the encryption context names the log groups.
      const logs = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow', Principal: { Service: 'logs.eu-west-1.amazonaws.com' }, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'], Resource: '*',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:444455556666:log-group:/app/*' } },
          },
          { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '444455556666' }, ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:444455556666:*' } } },
          // aws:SourceIp says where a call comes from, not for whom: still worth narrowing.
          { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        ],
      });
      const byContext = must(hover(logs, 'logs.eu-west-1')).markdown;
      assert.match(byContext, /This statement already ties it to your resources with `kms:EncryptionContext:aws:logs:arn`\./);
      assert.doesNotMatch(byContext, /Narrow it with/);
      assert.match(must(hover(logs, 'sns.amazonaws.com')).markdown, /already ties it to your resources with `aws:SourceAccount` and `aws:SourceArn`\./);
      assert.match(must(hover(logs, 'cloudtrail.amazonaws.com')).markdown, /Narrow it with `aws:SourceArn` or `aws:SourceAccount`/);
    });
  });

  describe('values and statements', () => {
    it('names the service and Region of a kms:ViaService value', () => {
      const h = must(hover(fixture('corpus', 'seeds', 'deadline-policy-read-only.json'), 'deadline.us-west-2'));
      assert.match(h.markdown, /Requests that Deadline Cloud makes to KMS on the caller's behalf, in `us-west-2`\./);
      assert.match(h.markdown, /Service: `deadline` · Deadline Cloud/);
      const bad = must(hover(policy({ Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaService': 'deadline.amazonaws.com' } } }), 'deadline.amazonaws.com'));
      assert.match(bad.markdown, /Not of the form `<service>\.<region>\.amazonaws\.com`/);
    });

    it('explains grant operations and enum values, and flags values outside the enum', () => {
      const text = policy({ Action: 'kms:CreateGrant', Condition: { 'ForAnyValue:StringEquals': { 'kms:GrantOperations': ['Sign', 'Decript'] }, StringEquals: { 'kms:KeySpec': 'RSA_2048' } } });
      assert.match(must(hover(text, '"Sign"', 0, 2)).markdown, /^Grant operation `Sign`\n\n\*\*`kms:Sign`\*\*/);
      assert.match(must(hover(text, 'Decript')).markdown, /Not a grant operation.*\n\nDid you mean `Decrypt`/s);
      assert.match(must(hover(text, 'RSA_2048')).markdown, /One of the 17 values of `kms:KeySpec`\./);
    });

    it('summarises the statement on its Sid and on its opening brace', () => {
      const text = fixture('corpus', 'seeds', 'deadline-policy-read-only.json');
      const onSid = must(hover(text, '"Sid"'));
      assert.equal(onSid.covers, '"Sid"');
      assert.match(onSid.markdown, /^\*\*Statement 1 \(DeadlineReadOnly\)\*\* · IAM policy\n\nAllows the users and roles that have this policy to `Decrypt` and `DescribeKey`/);
      const brace = text.indexOf('{ "Sid"');
      const model = buildModel(text, { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      const onBrace = must(hoverAt(model, brace) && { ...(hoverAt(model, brace) as HoverResult), covers: '{' });
      assert.equal(onBrace.markdown, onSid.markdown);
      assert.equal(must(hover(text, 'DeadlineReadOnly')).markdown, onSid.markdown);
    });

    it('stays silent on whitespace, on plain JSON and on CloudTrail records', () => {
      const text = policy({ Action: 'kms:Decrypt' });
      assert.equal(hover(text, '\n  "Statement"', 0, 0), undefined);
      assert.equal(hover(fixture('workspace', 'other', 'app-config.json'), '"'), undefined);
      // Event fields are the CloudTrail hovers' business: the policy provider itself says nothing there.
      const event = fixture('corpus', 'seeds', 'deadline-decrypt.json');
      const model = buildModel(event, { languageId: 'json', fileName: 'event.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      assert.equal(policyHover(model, event.indexOf('"eventName"') + 1), undefined);
    });
  });
});
