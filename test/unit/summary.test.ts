/**
 * Plain-language statement summaries, on the corpus policies (AWS's own
 * examples) and on cases built to hit each kind of wording. The expected
 * sentences were read and checked against the policies by hand: they are what
 * a reviewer would say, not whatever the code happens to print.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { policiesOf } from '../../src/core/policy/locate';
import { MARKDOWN } from '../../src/core/policy/describe';
import { LENS_MAX, statementLenses, summarizeStatement } from '../../src/core/policy/summary';
import { CORPUS, FIXTURES, fixture } from './helpers';

function model(text: string) {
  return buildModel(text, { languageId: 'json', fileName: 'policy.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
}

function summaries(text: string, style = undefined as typeof MARKDOWN | undefined): string[] {
  return policiesOf(model(text)).flatMap((p) => p.statements.map((s) => summarizeStatement(p, s, style)));
}

const corpus = (name: string): string[] => summaries(fixture('corpus', ...name.split('/')));

/** A key policy with the given statements. */
const keyPolicy = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

describe('statement summaries', () => {
  it('says the issue example word for word', () => {
    const text = keyPolicy({
      Sid: 'DeadlineJobs', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/BatchJobs' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 'deadline.us-west-2.amazonaws.com' } },
    });
    assert.deepEqual(summaries(text), ['Allows role BatchJobs to Decrypt and GenerateDataKey with this key, only when called through Deadline Cloud in us-west-2.']);
  });

  it('reads the console key policy: root delegation, administrators, users, grants for AWS resources', () => {
    assert.deepEqual(corpus('awsdocs/key-policy-overview-3.json'), [
      'Allows account 111122223333 to perform every KMS action (kms:*) on this key. The account principal delegates to IAM: users and roles of account 111122223333 get this access when their IAM policies allow it.',
      'Allows user KMSAdminUser and role KMSAdminRole to administer this key (35 actions, including PutKeyPolicy, ScheduleKeyDeletion and CreateGrant; none of them encrypts or decrypts).',
      'Allows user ExampleUser of account 111122223333, role ExampleRole of account 111122223333 and account 444455556666 to Encrypt, Decrypt, ReEncrypt* (ReEncryptFrom and ReEncryptTo), GenerateDataKey* (4 actions) and DescribeKey with this key. The account principal delegates to IAM: users and roles of account 444455556666 get this access when their IAM policies allow it.',
      'Allows user ExampleUser of account 111122223333, role ExampleRole of account 111122223333 and account 444455556666 to CreateGrant, ListGrants and RevokeGrant on this key, only when an AWS service integrated with KMS makes the call on the caller\'s behalf. The account principal delegates to IAM: users and roles of account 444455556666 get this access when their IAM policies allow it.',
    ]);
  });

  it('reads the Deadline Cloud identity policies, including the ARN with an extra colon and the invalid key id', () => {
    assert.deepEqual(corpus('seeds/deadline-policy-read-only.json'), [
      'Allows the users and roles that have this policy to Decrypt and DescribeKey with key a1b2c3d4-5678-90ab-cdef-EXAMPLE11111 (us-west-2, account 111122223333), only when called through Deadline Cloud in us-west-2. Its ARN starts arn:aws::kms:, with an extra colon, so as written it matches no KMS key; this summary reads the intended arn:aws:kms: ARN.',
    ]);
    const [createFarm] = corpus('seeds/deadline-policy-createfarm.json');
    assert.match(createFarm, /^Allows the users and roles that have this policy to Decrypt, GenerateDataKey, CreateGrant and DescribeKey with key 1234567890abcdef0 /);
    assert.match(createFarm, /1234567890abcdef0 is not a KMS key id, so the ARN matches no key\.$/);
  });

  it('reads service access through WorkMail narrowed by the caller account', () => {
    assert.deepEqual(corpus('awsdocs/services-wm-0.json'), [
      'Allows anyone to Decrypt, CreateGrant, ReEncrypt* (ReEncryptFrom and ReEncryptTo), DescribeKey and Encrypt with this key, only when called through WorkMail in us-east-1 and the caller\'s account is 111122223333.',
      'Allows account 111122223333 to administer this key (15 actions; none of them encrypts or decrypts). The account principal delegates to IAM: users and roles of account 111122223333 get this access when their IAM policies allow it.',
    ]);
  });

  it('reads a service principal with confused-deputy protection and an encryption context pattern', () => {
    assert.deepEqual(corpus('awsdocs/key-policy-services-1.json'), [
      'Allows the CloudTrail service (cloudtrail.amazonaws.com) to GenerateDataKey with this key, only when the source ARN is arn:aws:cloudtrail:us-west-2:111122223333:trail/finance and encryption context aws:cloudtrail:arn matches arn:aws:cloudtrail:*:111122223333:trail/*.',
    ]);
  });

  it('reads Deny statements with "when", not "only when"', () => {
    assert.deepEqual(corpus('awsdocs/kms-vpc-endpoint-7.json')[1],
      'Denies anyone permission to Encrypt, Decrypt, ReEncrypt* (ReEncryptFrom and ReEncryptTo) and GenerateDataKey* (4 actions) with this key, when the VPC endpoint is not vpce-1234abcdf5678c90a.');
    assert.deepEqual(corpus('awsdocs/tag-authorization-1.json')[2],
      'Denies the users and roles that have this policy permission to Encrypt, GenerateDataKey* (4 actions), Decrypt and ReEncrypt* (ReEncryptFrom and ReEncryptTo) with any key of account 111122223333 in any Region, when the key\'s tag Type is absent.');
  });

  it('reads NotIpAddress, key specs and set operators', () => {
    assert.match(corpus('awsdocs/infrastructure-security-0.json')[0], /, only when the source IP address is in neither 192\.0\.2\.0\/24 nor 203\.0\.113\.0\/24\.$/);
    assert.equal(corpus('awsdocs/key-policy-overview-0.json')[0], 'Allows user Alice to DescribeKey on this key, only when the key spec is SYMMETRIC_DEFAULT.');
    assert.match(corpus('awsdocs/alias-authorization-2.json')[0], /only when the key's aliases include one matching alias\/restricted\*\.$/);
    assert.match(corpus('awsdocs/tag-permissions-2.json')[2], /only when every one of the request's tag keys is Project \(or there are none\)\.$/);
  });

  it('notes IAM-only actions in a key policy and an unconditioned wildcard principal', () => {
    // Key policies with the root statement, so that they are key policies for sure (the AWS guide's
    // examples of these, conditions-kms-30 and kms-vpc-endpoint-3, are a VPC endpoint policy and read as one).
    const root = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
    const text = keyPolicy(
      root,
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/ExampleUser' }, Action: 'kms:CreateKey', Resource: '*', Condition: { StringEquals: { 'kms:KeyOrigin': 'AWS_KMS' } } },
      { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
    );
    assert.deepEqual(summaries(text).slice(1), [
      'Allows user ExampleUser to CreateKey on this key, only when the key origin is AWS_KMS. CreateKey has no effect in a key policy: it is not an action on a key.',
      'Allows anyone to perform every KMS action (*) on this key. No condition narrows it: anyone, in any AWS account, can do this.',
    ]);
  });

  it('describes only the statements about KMS of a policy of another kind', () => {
    const lenses = statementLenses(model(JSON.stringify({ Version: '2012-10-17', Statement: [
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::logs-bucket/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'DenyOtherKeys', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs-bucket/*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab' } } },
    ] }, null, 2)));
    assert.equal(lenses.length, 1, 'only the statement that names a KMS key gets a summary');
  });

  it('reads grant operation limits, IfExists and negated ViaService', () => {
    const text = keyPolicy(
      {
        Effect: 'Allow', Principal: { Service: 'fargate.amazonaws.com' }, Action: ['kms:CreateGrant'], Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] } },
      },
      {
        Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*',
        Condition: { StringNotEquals: { 'kms:ViaService': ['ec2.us-east-1.amazonaws.com', 'rds.us-east-1.amazonaws.com'] } },
      },
      {
        Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:Encrypt', Resource: '*',
        Condition: { StringEqualsIfExists: { 'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT' } },
      },
    );
    assert.deepEqual(summaries(text), [
      'Allows the Fargate service (fargate.amazonaws.com) to CreateGrant on this key, only when the grant allows only Decrypt.',
      'Denies anyone permission to Decrypt with this key, when not called through EC2 (including EBS) or RDS in us-east-1.',
      'Allows role App to Encrypt with this key, only when the encryption algorithm is SYMMETRIC_DEFAULT (or when the request has no kms:EncryptionAlgorithm).',
    ]);
  });

  it('says what is wrong with a statement that cannot work as written', () => {
    const text = keyPolicy(
      { Effect: 'allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:Decrypt', Resource: '*' },
      { Effect: 'Allow', Action: 'kms:Decrypt', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' } },
      { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/App' }, NotAction: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' },
    );
    assert.deepEqual(summaries(text), [
      'Allows role App to Decrypt with this key. Effect must be written "Allow", not "allow": AWS rejects this policy.',
      'Allows role App to Decrypt with this key. It has no Resource element, so it never applies.',
      'Allows everyone except role App to perform any action except Decrypt and Encrypt on this key.',
    ]);
  });

  it('puts identifiers in code spans for the hover', () => {
    const text = keyPolicy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/BatchJobs' }, Action: 'kms:Decrypt', Resource: '*' });
    assert.deepEqual(summaries(text, MARKDOWN), ['Allows role `BatchJobs` to `Decrypt` with this key.']);
  });

  it('summarises every statement of every corpus policy in whole sentences, never with a placeholder leaking', () => {
    let count = 0;
    for (const dir of ['seeds', 'awsdocs']) {
      for (const f of fs.readdirSync(path.join(CORPUS, dir)).filter((x) => x.endsWith('.json'))) {
        for (const s of corpus(`${dir}/${f}`)) {
          count++;
          assert.match(s, /^(Allows|Denies|Has no valid Effect) .+\.$/, `${f}: ${s}`);
          assert.doesNotMatch(s, /undefined|\[object|\{\d\}|NaN/, `${f}: ${s}`);
        }
      }
    }
    assert.ok(count >= 60, `only ${count} statements summarised`);
  });

  it('places one CodeLens on each statement\'s opening brace, and none in an event log', () => {
    const text = fixture('corpus', 'awsdocs', 'key-policy-overview-3.json');
    const lenses = statementLenses(model(text));
    assert.equal(lenses.length, 4);
    for (const l of lenses) assert.equal(text[l.start], '{');
    assert.match(lenses[0].title, /^Allows account 111122223333 to perform every KMS action/);
    assert.deepEqual(statementLenses(model(fixture('corpus', 'seeds', 'deadline-decrypt.json'))), []);
  });

  it('keeps each CodeLens to one short line (a lens never wraps): the sentence, the notes counted, all of it in the tooltip', () => {
    const text = fixture('workspace', 'policies', 'default-key-policy.json');
    const [root] = statementLenses(model(text));
    assert.equal(root.title, 'Allows account 111122223333 to perform every KMS action (kms:*) on this key. (1 note)');
    assert.equal(root.tooltip, 'Allows account 111122223333 to perform every KMS action (kms:*) on this key. The account principal delegates to IAM: users and roles of account 111122223333 get this access when their IAM policies allow it.');
    let cut = 0;
    for (const f of fs.readdirSync(path.join(FIXTURES, 'corpus', 'awsdocs')).filter((n) => n.endsWith('.json'))) {
      for (const l of statementLenses(model(fixture('corpus', 'awsdocs', f)))) {
        assert.ok(l.title.length <= LENS_MAX, `${f}: ${l.title.length} characters: ${l.title}`);
        const shown = l.title.replace(/….*$|\s\(\d+ notes?\)$/, '');
        assert.ok(l.tooltip.startsWith(shown), `${f}: the tooltip begins with what the title shows`);
        if (l.title.includes('…')) {
          cut++;
          // Cut between words: what follows in the whole text is a space or a punctuation mark.
          assert.match(l.tooltip.slice(shown.length), /^[\s,;:(]/, `${f}: cut inside a word: ${l.title}`);
        }
      }
    }
    assert.ok(cut > 0, 'some summaries of the corpus are longer than a lens');
  });
});

describe('statement summaries in Italian and Spanish', () => {
  const ROOT = path.resolve(__dirname, '..', '..', '..');
  const bundle = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', `bundle.l10n.${lang}.json`), 'utf8'));
  const policy = keyPolicy(
    { Effect: 'Allow', Principal: { Service: 'logs.us-east-1.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*' },
    { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::210987654321:role/payments-app' }, Action: 'kms:ScheduleKeyDeletion', Resource: '*' },
  );
  afterEach(() => l10n.config({ contents: {} }));

  // "Consente a il servizio", "Permite a el servicio": a preposition before a phrase with an article must contract.
  it('never puts "a" before an article, and starts with a capital letter', () => {
    for (const lang of ['it', 'es']) {
      l10n.config({ contents: bundle(lang) });
      const said = summaries(policy);
      assert.equal(said.length, 2, lang);
      for (const s of said) {
        assert.doesNotMatch(s, /\ba (il|lo|la|l'|i|gli|le|el|los|las) /i, `${lang}: ${s}`);
        assert.match(s, /^[A-ZÀ-Ý]/, `${lang}: ${s}`);
      }
    }
    l10n.config({ contents: bundle('it') });
    assert.match(summaries(policy)[0], /^Il servizio CloudWatch Logs .*: può chiamare Decrypt/);
    l10n.config({ contents: bundle('es') });
    assert.match(summaries(policy)[0], /^El servicio CloudWatch Logs .*: puede llamar a Decrypt/);
  });
});
