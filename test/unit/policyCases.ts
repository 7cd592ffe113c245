/**
 * Test cases for every policy rule (used by policyRules.test.ts and
 * policyFixes.test.ts): texts where the rule fires, with the exact range of the
 * offending token marked ⟦ ⟧, near misses where it must stay silent, and the
 * expected result of its quick fix.
 */
import { KEY_POLICY_MAX_BYTES } from '../../src/core/data/kmsFacts';
import { buildModel, DEFAULT_SETTINGS, type AnalysisContext, type DocumentHints, type FixSafety } from '../../src/core';
import { ACCOUNT, appStatement, bareKeyPolicy, identityPolicy, keyPolicy, putKeyPolicyEvent, ROOT } from './policyHelpers';

export interface FixCase {
  /** The fix to apply, by title (without what it allows); the fix fix-all applies when absent (and then one must exist). */
  title?: string;
  /** Its safety class: whether fix-all may apply it (types.ts). */
  safety?: FixSafety;
  /** The whole text after the fix, or a check of it. */
  result: string | ((fixed: string) => void);
}

export interface RuleCase {
  /** Texts where the rule fires exactly on the ⟦marked⟧ ranges. */
  fires: string[];
  /** Texts where it must not fire. */
  nearMisses: string[];
  hints?: DocumentHints;
  /** Applied to the first finding of the first `fires` text. */
  fix?: FixCase;
  /** The first finding's message matches. */
  message?: RegExp;
  /** What the caller knows beyond the text (the editor's open logs). */
  context?: AnalysisContext;
}

const app = (members: string): string => keyPolicy(appStatement(members));
const iamStmt = (members: string): string => identityPolicy(`{"Effect":"Allow",${members}}`);
const keyArn = (rest = 'key/1234abcd-12ab-34cd-56ef-1234567890ab', region = 'us-west-2'): string => `arn:aws:kms:${region}:${ACCOUNT}:${rest}`;
const cond = (c: string, action = 'kms:Decrypt'): string => app(`"Action":"${action}","Resource":"*","Condition":${c}`);
/** A bucket policy statement that refuses uploads to a bucket unless the condition holds (the S3 User Guide's SSE-KMS requirement). */
const bucketDeny = (condition: string): string => `{"Version":"2012-10-17","Statement":[{"Sid":"RequireKey","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::uploads/*","Condition":{${condition}}}]}`;
const pad = (n: number): string => 'x'.repeat(n);
/** A log with two Decrypt calls by role App on the key: the open logs of policy-unused-statement. */
const USED_BY_APP = (() => {
  const key = keyArn();
  const call = (time: string): unknown => ({
    eventVersion: '1.08', eventTime: time, eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', awsRegion: 'us-west-2', recipientAccountId: ACCOUNT,
    userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/App/s`, accountId: ACCOUNT, principalId: 'AROAEXAMPLEAPP:s', sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/App`, accountId: ACCOUNT, userName: 'App' } } },
    requestParameters: { keyId: key, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }, responseElements: null, readOnly: true,
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: key }], eventType: 'AwsApiCall', eventID: `00000000-0000-0000-0000-00000000000${time.slice(9, 10)}`,
  });
  const text = JSON.stringify({ Records: [call('2024-05-01T10:00:00Z'), call('2024-05-02T10:00:00Z')] });
  const logs = [{ id: 'trail.json', model: buildModel(text, { languageId: 'json', fileName: 'trail.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }) }];
  return { usage: { logs, keys: [{ keyArn: key }] } } satisfies AnalysisContext;
})();
const batch = (effect = 'Allow'): string => `{"Sid":"Batch","Effect":"${effect}","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/Batch"},"Action":"kms:Decrypt","Resource":"*"}`;
const QUEUE = `arn:aws:sqs:us-west-2:${ACCOUNT}:orders`;
/** An SQS queue policy that lets an SNS topic send to the queue, and `extra` statements. */
const queuePolicy = (extra?: string): string => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"${QUEUE}","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-west-2:${ACCOUNT}:orders"}}}${extra ? `,${extra}` : ''}]}`;

export const CASES: Record<string, RuleCase> = {
  'policy-string-syntax': {
    fires: [(() => {
      // The marks survive JSON.stringify, so the expected range is the comma's place inside the escaped string.
      return putKeyPolicyEvent(`{"Version":"2012-10-17","Statement":[${ROOT}⟦,⟧]}`);
    })()],
    nearMisses: [putKeyPolicyEvent(`{"Version":"2012-10-17","Statement":[${ROOT}]}`), `{"Version":"2012-10-17","Statement":[${ROOT},]}`],
    fix: { result: putKeyPolicyEvent(`{"Version":"2012-10-17","Statement":[${ROOT}]}`) },
  },
  'policy-version-missing': {
    fires: [`⟦{⟧"Statement":[${ROOT}]}`],
    nearMisses: [keyPolicy()],
    fix: { result: `{"Version": "2012-10-17", "Statement":[${ROOT}]}` },
  },
  'policy-version-old': {
    fires: [`{"Version":⟦"2008-10-17"⟧,"Statement":[${ROOT}]}`],
    nearMisses: [keyPolicy()],
    fix: { result: keyPolicy() },
  },
  'policy-version-invalid': {
    fires: [`{"Version":⟦"2012-10-18"⟧,"Statement":[${ROOT}]}`],
    nearMisses: [keyPolicy(), `{"Version":"2008-10-17","Statement":[${ROOT}]}`],
    fix: { result: keyPolicy() },
  },
  'policy-statement-missing': {
    fires: [`{"Version":"2012-10-17","Statement":⟦[]⟧}`, `⟦{⟧"Version":"2012-10-17","Id":"x"}`],
    nearMisses: [keyPolicy()],
  },
  'policy-effect-invalid': {
    fires: [
      keyPolicy(`{"Effect":⟦"allow"⟧,"Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:Decrypt","Resource":"*"}`),
      keyPolicy(`⟦{⟧"Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:Decrypt","Resource":"*"}`),
    ],
    nearMisses: [keyPolicy(`{"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}`)],
    fix: { result: keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:Decrypt","Resource":"*"}`) },
  },
  'policy-unknown-element': {
    fires: [app(`⟦"Actions"⟧:"kms:Decrypt","Resource":"*"`), `{"Version":"2012-10-17",⟦"statement"⟧:[${ROOT}],"Statement":[${ROOT}]}`],
    nearMisses: [app('"NotAction":"kms:Decrypt","Resource":"*"'), `{"Version":"2012-10-17","Id":"key-default-1","Statement":[${ROOT}]}`],
    // A key policy statement without Action has no effect (KMS accepts it): naming its Action makes the Allow apply.
    fix: { title: 'Rename to "Action"', safety: 'widens', result: app('"Action":"kms:Decrypt","Resource":"*"') },
    message: /did you mean "Action"/,
  },
  'policy-conflicting-elements': {
    fires: [app(`"Action":"kms:Decrypt",⟦"NotAction"⟧:"kms:Encrypt","Resource":"*"`)],
    nearMisses: [app('"NotAction":"kms:Encrypt","Resource":"*"')],
  },
  'policy-missing-action': {
    fires: [keyPolicy(`⟦{⟧"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Resource":"*"}`)],
    nearMisses: [app('"NotAction":"kms:ScheduleKeyDeletion","Resource":"*"')],
  },
  'policy-missing-resource': {
    fires: [keyPolicy(`⟦{⟧"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:Decrypt"}`), identityPolicy('⟦{⟧"Effect":"Allow","Action":"kms:Decrypt"}')],
    nearMisses: [app('"Action":"kms:Decrypt","Resource":"*"'), iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn()}"`)],
    fix: { title: 'Add "Resource": "*"', safety: 'widens', result: keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:Decrypt", "Resource": "*"}`) },
  },
  'policy-missing-principal': {
    fires: [keyPolicy('⟦{⟧"Sid":"Use","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}')],
    nearMisses: [identityPolicy('{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}'), keyPolicy(`{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Resource":"*"}`)],
    fix: {
      title: `Add the account root ${ACCOUNT} as Principal`,
      result: keyPolicy(`{"Sid":"Use","Effect":"Allow","Action":"kms:Decrypt","Resource":"*", "Principal": { "AWS": "arn:aws:iam::${ACCOUNT}:root" }}`),
    },
  },
  'policy-sid-duplicate': {
    // IAM rejects duplicate Sids (the rule's severity); in a key policy KMS accepts them and the finding is information (realWorldShapes.test.ts).
    fires: [
      identityPolicy(`{"Sid":"Use","Effect":"Allow","Action":"kms:Decrypt","Resource":"${keyArn()}"}`, `{"Sid":⟦"Use"⟧,"Effect":"Allow","Action":"kms:Encrypt","Resource":"${keyArn()}"}`),
      // A statement present whenever the condition holds repeats the Sid of one that is always there.
      identityPolicy(`{"Sid":"Use","Effect":"Allow","Action":"kms:Decrypt","Resource":"${keyArn()}"}`, `{"Fn::If":["IsProd",{"Sid":⟦"Use"⟧,"Effect":"Allow","Action":"kms:Encrypt","Resource":"${keyArn()}"},{"Ref":"AWS::NoValue"}]}`),
      // Two statements in the same alternative are in the policy together.
      identityPolicy(`{"Fn::If":["IsProd",[{"Sid":"Use","Effect":"Allow","Action":"kms:Decrypt","Resource":"${keyArn()}"},{"Sid":⟦"Use"⟧,"Effect":"Allow","Action":"kms:Encrypt","Resource":"${keyArn()}"}],[]]}`),
    ],
    nearMisses: [
      keyPolicy(appStatement('"Sid":"Use","Action":"kms:Decrypt","Resource":"*"'), appStatement('"Sid":"Use2","Action":"kms:Encrypt","Resource":"*"')),
      // The two alternatives of one CloudFormation Fn::If: the policy holds one or the other, never both.
      identityPolicy(`{"Fn::If":["IsProd",{"Sid":"Use","Effect":"Allow","Action":"kms:Decrypt","Resource":"${keyArn()}"},{"Sid":"Use","Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt"],"Resource":"${keyArn()}"}]}`),
    ],
  },
  'policy-sid-invalid': {
    fires: [iamStmt(`"Sid":⟦"Allow decrypt"⟧,"Action":"kms:Decrypt","Resource":"${keyArn()}"`)],
    nearMisses: [iamStmt(`"Sid":"AllowDecrypt","Action":"kms:Decrypt","Resource":"${keyArn()}"`), app('"Sid":"Allow use of the key","Action":"kms:Decrypt","Resource":"*"')],
    fix: { result: iamStmt(`"Sid":"Allowdecrypt","Action":"kms:Decrypt","Resource":"${keyArn()}"`) },
  },
  'policy-sid-empty': {
    fires: [app('"Sid":⟦""⟧,"Action":"kms:Decrypt","Resource":"*"')],
    nearMisses: [app('"Sid":"Use","Action":"kms:Decrypt","Resource":"*"')],
    fix: { result: app('"Action":"kms:Decrypt","Resource":"*"') },
  },
  'policy-empty-value': {
    fires: [app('"Action":⟦[]⟧,"Resource":"*"'), keyPolicy('{"Effect":"Allow","Principal":{"AWS":⟦[]⟧},"Action":"kms:Decrypt","Resource":"*"}'), cond('{"StringEquals":{"kms:CallerAccount":⟦[]⟧}}')],
    nearMisses: [app('"Action":["kms:Decrypt"],"Resource":"*"')],
  },
  'policy-empty-condition': {
    fires: [app('"Action":"kms:Decrypt","Resource":"*","Condition":⟦{}⟧'), cond(`{"StringEquals":⟦{}⟧,"Bool":{"aws:SecureTransport":"true"}}`)],
    nearMisses: [cond(`{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}"}}`)],
    fix: { result: app('"Action":"kms:Decrypt","Resource":"*"') },
  },
  'policy-value-type': {
    fires: [app('"Action":⟦{"kms":"Decrypt"}⟧,"Resource":"*"'), `{"Version":⟦2012⟧,"Statement":[${ROOT}]}`, cond('{"StringEquals":{"kms:CallerAccount":⟦{"a":1}⟧}}')],
    nearMisses: [app('"Action":["kms:Decrypt","kms:Encrypt"],"Resource":"*"'), cond('{"Bool":{"kms:GrantIsForAWSResource":true}}', 'kms:CreateGrant')],
  },
  'policy-unknown-action': {
    fires: [app('"Action":"kms:⟦Decrpyt⟧","Resource":"*"'), app('"Action":["kms:⟦Encrpyt*⟧"],"Resource":"*"'), app('"Action":⟦"Decrypt"⟧,"Resource":"*"')],
    nearMisses: [app('"Action":["kms:Decrypt","kms:Encrypt*","s3:GetObjet"],"Resource":"*"')],
    fix: { title: 'Change to "kms:Decrypt"', safety: 'widens', result: app('"Action":"kms:Decrypt","Resource":"*"') },
    message: /did you mean kms:Decrypt/,
  },
  'policy-non-kms-action': {
    fires: [app('"Action":["kms:Decrypt",⟦"s3:GetObject"⟧],"Resource":"*"')],
    nearMisses: [iamStmt('"Action":["kms:Decrypt","s3:GetObject"],"Resource":"*"'), app('"Action":"*","Resource":"*"')],
  },
  'policy-noncanonical-case': {
    fires: [app('"Action":⟦"kms:decrypt"⟧,"Resource":"*"'), cond('{"StringEquals":{⟦"aws:sourceVpce"⟧:"vpce-1a2b3c4d"}}')],
    nearMisses: [cond('{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d","kms:EncryptionContext:aws:s3:arn":"arn:aws:s3:::b"}}')],
    fix: { result: app('"Action":"kms:Decrypt","Resource":"*"') },
  },
  'policy-redundant-action': {
    fires: [
      app('"Action":["kms:Get*",⟦"kms:GetKeyPolicy"⟧],"Resource":"*"'),
      app('"Action":["kms:Decrypt",⟦"kms:Decrypt"⟧],"Resource":"*"'),
      app('"Action":["kms:Generate*",⟦"kms:GenerateDataKey*"⟧],"Resource":"*"'),
      app('"Action":[⟦"kms:*"⟧,"*",⟦"kms:Decrypt"⟧],"Resource":"*"'),
      app('"Action":["kms:*Key",⟦"kms:DescribeKey"⟧],"Resource":"*"'),
    ],
    nearMisses: [app('"Action":["kms:Get*","kms:Decrypt","kms:GenerateDataKey*","kms:Generate","kms:Re*Encrypt*"],"Resource":"*"')],
    fix: { result: app('"Action":["kms:Get*"],"Resource":"*"') },
  },
  'policy-kms-action-in-resource-policy': {
    fires: [
      queuePolicy(`{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":[⟦"kms:GenerateDataKey"⟧,"kms:Decrypt"],"Resource":"${QUEUE}"}`),
      queuePolicy(`{"Effect":"Deny","Principal":"*","Action":⟦"kms:*"⟧,"Resource":"${QUEUE}"}`),
    ],
    nearMisses: [
      queuePolicy(),
      // The same permissions in the key policy of the queue's key are where they belong.
      keyPolicy(`{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"*"}`),
    ],
    message: /^"kms:GenerateDataKey" and "kms:Decrypt" allow nothing in an SQS queue policy: /,
  },
  'policy-iam-only-action': {
    fires: [app('"Action":[⟦"kms:CreateKey"⟧,"kms:DescribeKey"],"Resource":"*"'), app('"Action":⟦"kms:RetireGrant"⟧,"Resource":"*"')],
    nearMisses: [iamStmt('"Action":"kms:CreateKey","Resource":"*"'), keyPolicy('{"Effect":"Deny","Principal":"*","Action":"kms:RetireGrant","Resource":"*"}')],
    fix: { title: 'Remove "kms:CreateKey" from this key policy', result: app('"Action":["kms:DescribeKey"],"Resource":"*"') },
  },
  'policy-key-policy-resource': {
    fires: [app(`"Action":"kms:Decrypt","Resource":⟦"${keyArn('key/0987dcba-09fe-87dc-65ba-ab0987654321')}"⟧`), app(`"Action":"kms:Decrypt",⟦"NotResource"⟧:"*"`)],
    nearMisses: [app('"Action":"kms:Decrypt","Resource":"*"'), app('"Action":"kms:Decrypt","Resource":["*"]'), iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn('key/*')}"`)],
    fix: { title: 'Change Resource to "*"', safety: 'widens', result: app('"Action":"kms:Decrypt","Resource":"*"') },
  },
  'policy-arn-malformed': {
    fires: [
      iamStmt(`"Action":"kms:Decrypt","Resource":"⟦arn:aws::kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab⟧"`),
      iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:⟦2109876543⟧:key/*"`),
      iamStmt('"Action":"kms:Decrypt","Resource":⟦"1234abcd-12ab-34cd-56ef-1234567890ab"⟧'),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"⟦arn:aws::iam::${ACCOUNT}:role/App⟧"},"Action":"kms:Decrypt","Resource":"*"}`),
      // A key ARN as a condition value names no key either (the bucket policy then denies every upload).
      iamStmt(`"Action":"s3:PutObject","Resource":"*","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:us-west-2:⟦21098765432⟧:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}`),
      // A distribution ARN that lost its account and "distribution" (a public key policy for CloudFront OAC): five fields.
      keyPolicy('{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"AWS:SourceArn":⟦"arn:aws:cloudfront::/EDFDVBD6EXAMPLE"⟧}}}'),
    ],
    nearMisses: [
      iamStmt(`"Action":"kms:Decrypt","Resource":["${keyArn()}","arn:aws:kms:*:${ACCOUNT}:alias/app-*","arn:aws:s3:::bucket/*"]`),
      // Six fields (some empty), a pattern, a template variable; and a bucket policy's own conditions are not the KMS part.
      keyPolicy(`{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":["arn:aws:cloudfront::${ACCOUNT}:distribution/EDFDVBD6EXAMPLE","arn:aws:s3:::bucket","\${distribution_arn}"]},"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*"}}}`),
      bucketDeny('"ArnNotEquals":{"aws:SourceArn":"arn:aws:cloudfront::/EDFDVBD6EXAMPLE"}'),
      iamStmt(`"Action":"s3:PutObject","Resource":"*","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"${keyArn()}"},"ArnLike":{"aws:SourceArn":"arn:aws:kms:*:${ACCOUNT}:key/*"}}`),
    ],
    fix: { title: `Change to "${keyArn()}"`, safety: 'widens', result: iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn()}"`) },
    message: new RegExp(`intended ARN is "arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd`),
  },
  'policy-key-id-invalid': {
    fires: [iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:key/⟦1234567890abcdef0⟧"`), iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws::kms:us-west-2:${ACCOUNT}:key/⟦1234567890abcdef0⟧"`)],
    nearMisses: [iamStmt(`"Action":"kms:Decrypt","Resource":["${keyArn()}","${keyArn('key/mrk-1234abcd12ab34cd56ef1234567890ab')}","${keyArn('key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111')}","${keyArn('key/*')}"]`)],
  },
  'policy-alias-invalid': {
    fires: [
      iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:alias/⟦my key⟧"`),
      // kms:RequestAlias and kms:ResourceAliases hold alias names, "alias/" included.
      cond('{"StringEquals":{"kms:RequestAlias":⟦"finance-reports"⟧}}'),
      cond('{"ForAnyValue:StringLike":{"kms:ResourceAliases":["alias/team-*",⟦"team-*"⟧]}}'),
    ],
    nearMisses: [
      iamStmt(`"Action":"kms:Decrypt","Resource":["${keyArn('alias/my-key')}","${keyArn('alias/aws/ebs')}","${keyArn('alias/team/*')}"]`),
      cond('{"StringEquals":{"kms:RequestAlias":"alias/finance-reports"},"StringEqualsIgnoreCase":{"kms:RequestAlias":"ALIAS/Finance"}}'),
      cond('{"ForAnyValue:StringLike":{"kms:ResourceAliases":["*finance*","al*","alias/${aws:PrincipalTag/team}/*","${aws:PrincipalTag/alias}"]}}'),
    ],
  },
  'policy-alias-arn-resource': {
    fires: [
      iamStmt(`"Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"⟦${keyArn('alias/orders')}⟧"`),
      // With placeholders, as templatefile writes it; and in a Deny, which then refuses nothing through it.
      iamStmt(`"Action":"kms:DescribeKey","Resource":["⟦arn:aws:kms:\${region}:\${account_id}:alias/\${project}-*⟧"]`),
      identityPolicy(`{"Effect":"Deny","Action":"kms:Decrypt","Resource":"⟦${keyArn('alias/*')}⟧"}`),
    ],
    nearMisses: [
      // Alias operations act on the alias (and on the key): both ARNs belong there.
      iamStmt(`"Action":["kms:CreateAlias","kms:UpdateAlias"],"Resource":["${keyArn('alias/orders')}","${keyArn()}"]`),
      iamStmt(`"Action":"kms:*","Resource":"${keyArn('alias/*')}"`),
      // The way the docs control key use by alias: a key ARN pattern and kms:ResourceAliases.
      iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn('key/*')}","Condition":{"ForAnyValue:StringEquals":{"kms:ResourceAliases":"alias/orders"}}`),
      // NotResource excludes the alias; ListAliases acts on no resource.
      identityPolicy(`{"Effect":"Allow","Action":"kms:Decrypt","NotResource":"${keyArn('alias/orders')}"}`),
      iamStmt(`"Action":"kms:ListAliases","Resource":"${keyArn('alias/*')}"`),
    ],
    message: /names the alias, not its key: key operations \(kms:Decrypt, kms:GenerateDataKey\) act on the key/,
  },
  'policy-unknown-region': {
    fires: [iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:⟦us-west-3⟧:${ACCOUNT}:key/*"`), iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:⟦cn-north-1⟧:${ACCOUNT}:key/*"`)],
    nearMisses: [iamStmt(`"Action":"kms:Decrypt","Resource":["${keyArn('key/*', 'eu-central-2')}","arn:aws:kms:*:${ACCOUNT}:key/*","arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/*"]`)],
    fix: { title: 'Change the Region to us-west-1', result: iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-1:${ACCOUNT}:key/*"`) },
  },
  'policy-principal-invalid': {
    fires: [
      keyPolicy(`{"Effect":"Allow","Principal":⟦"arn:aws:iam::${ACCOUNT}:role/App"⟧,"Action":"kms:Decrypt","Resource":"*"}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::⟦21098765432⟧:role/App"},"Action":"kms:Decrypt","Resource":"*"}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":⟦"arn:aws:iam::${ACCOUNT}:group/Admins"⟧},"Action":"kms:Decrypt","Resource":"*"}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":⟦"arn:aws:iam::${ACCOUNT}:role/*"⟧},"Action":"kms:Decrypt","Resource":"*"}`),
      keyPolicy('{"Effect":"Allow","Principal":{"Service":⟦"cloudtrail"⟧},"Action":"kms:GenerateDataKey*","Resource":"*"}'),
      keyPolicy(`{"Effect":"Allow","Principal":{⟦"aws"⟧:"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:Decrypt","Resource":"*"}`),
    ],
    nearMisses: [keyPolicy(`{"Effect":"Allow","Principal":{"AWS":["${ACCOUNT}","arn:aws:iam::${ACCOUNT}:user/Alice","arn:aws:sts::${ACCOUNT}:assumed-role/App/session","AROAEXAMPLEID1234567Z"],"Service":["logs.us-west-2.amazonaws.com","fargate.amazonaws.com"]},"Action":"kms:Decrypt","Resource":"*"}`)],
    fix: { result: keyPolicy(`{"Effect":"Allow","Principal":{ "AWS": "arn:aws:iam::${ACCOUNT}:role/App" },"Action":"kms:Decrypt","Resource":"*"}`) },
  },
  'policy-public-principal': {
    fires: [keyPolicy('{"Effect":"Allow","Principal":{"AWS":⟦"*"⟧},"Action":"kms:Decrypt","Resource":"*"}'), keyPolicy('{"Effect":"Allow","Principal":⟦"*"⟧,"Action":"kms:Decrypt","Resource":"*","Condition":{"StringNotEquals":{"kms:CallerAccount":"210987654321"}}}')],
    nearMisses: [
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}","kms:ViaService":"ec2.us-west-2.amazonaws.com"}}}`),
      keyPolicy('{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}'),
      keyPolicy('{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}'),
    ],
  },
  'policy-allow-not-principal': {
    fires: [keyPolicy(`{"Effect":"Allow",⟦"NotPrincipal"⟧:{"AWS":"arn:aws:iam::${ACCOUNT}:role/Auditor"},"Action":"kms:Decrypt","Resource":"*"}`)],
    nearMisses: [keyPolicy(`{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/Admin"},"Action":"kms:ScheduleKeyDeletion","Resource":"*"}`)],
  },
  'policy-sensitive-permissions': {
    fires: [app('"Action":⟦"kms:*"⟧,"Resource":"*"'), app('"Action":["kms:Decrypt",⟦"kms:PutKeyPolicy"⟧],"Resource":"*"'), app('"Action":["kms:Describe*",⟦"kms:Put*"⟧],"Resource":"*"')],
    nearMisses: [
      keyPolicy(),
      keyPolicy(`{"Sid":"Allow access for Key Administrators","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/Ops"},"Action":["kms:Create*","kms:Put*","kms:ScheduleKeyDeletion"],"Resource":"*"}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/KeyAdmin"},"Action":"kms:*","Resource":"*"}`),
      app('"Action":["kms:CreateGrant","kms:ListGrants","kms:RevokeGrant"],"Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}'),
    ],
    message: /full control of the key/,
  },
  'policy-unknown-condition-operator': {
    fires: [cond(`{⟦"StringEqual"⟧:{"kms:CallerAccount":"${ACCOUNT}"}}`), cond('{⟦"NullIfExists"⟧:{"kms:EncryptionContextKeys":"false"}}'), cond(`{⟦"stringEquals"⟧:{"kms:CallerAccount":"${ACCOUNT}"}}`)],
    nearMisses: [cond(`{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}"},"ForAnyValue:StringLike":{"kms:EncryptionContextKeys":"aws:*"},"StringEqualsIfExists":{"kms:ViaService":"s3.us-west-2.amazonaws.com"},"Null":{"kms:EncryptionContextKeys":"false"}}`)],
    // What AWS does with an operator it does not have is not documented: the rename is the user's call.
    fix: { title: 'Change to "StringEquals"', safety: 'review', result: cond(`{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}"}}`) },
  },
  'policy-unknown-condition-key': {
    fires: [cond(`{"StringEquals":{⟦"kms:CallerAcount"⟧:"${ACCOUNT}"}}`), cond('{"StringEquals":{⟦"aws:SourceVpcEndpoint"⟧:"vpce-1a2b3c4d"}}')],
    nearMisses: [cond(`{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}","s3:prefix":"home/","kms:EncryptionContext:team":"a","aws:PrincipalTag/team":"a"}}`)],
    fix: { title: 'Change to "kms:CallerAccount"', safety: 'widens', result: cond(`{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}"}}`) },
  },
  'policy-condition-key-not-applicable': {
    fires: [
      cond('{"ForAllValues:StringEquals":{⟦"kms:GrantOperations"⟧:["Decrypt"]}}'),
      cond('{"StringEquals":{⟦"kms:CustomerMasterKeySpec"⟧:"SYMMETRIC_DEFAULT"}}', 'kms:DescribeKey'),
      // Tags: aws:RequestTag and aws:TagKeys only for CreateKey and TagResource (and aws:TagKeys for UntagResource).
      app('"Action":["kms:CreateAlias","kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{⟦"aws:RequestTag/team"⟧:"payments"}}'),
      keyPolicy('{"Effect":"Deny","Principal":"*","Action":["kms:Decrypt","kms:Encrypt"],"Resource":"*","Condition":{"StringNotEquals":{⟦"aws:RequestTag/team"⟧:"payments"},"ForAnyValue:StringEquals":{⟦"aws:TagKeys"⟧:"team"}}}'),
      iamStmt('"Action":"kms:ListAliases","Resource":"*","Condition":{"StringEquals":{⟦"aws:ResourceTag/team"⟧:"payments"}}'),
    ],
    nearMisses: [
      cond('{"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt"]}}', 'kms:CreateGrant'),
      cond('{"StringEquals":{"kms:KeySpec":"SYMMETRIC_DEFAULT"}}', 'kms:DescribeKey'),
      cond('{"StringEquals":{"kms:EncryptionAlgorithm":"SYMMETRIC_DEFAULT"}}', 'kms:*'),
      // Tag keys where the actions take tags, or where what the actions are is not certain.
      iamStmt('"Action":["kms:CreateKey","kms:TagResource"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"payments"},"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}'),
      app('"Action":"kms:UntagResource","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}'),
      app('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"payments"}}'),
      app('"Action":"kms:Create*","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"payments"}}'),
      iamStmt('"Action":["kms:Decrypt","s3:PutObjectTagging"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"payments"}}'),
      app('"Action":"kms:ReplicateKey","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"payments"}}'),
      // Written for the key's absence.
      app('"Action":"kms:Decrypt","Resource":"*","Condition":{"Null":{"aws:RequestTag/team":"true"},"StringEqualsIfExists":{"aws:RequestTag/env":"prod"}}'),
    ],
    message: /with ForAllValues:StringEquals the condition is always true and limits nothing\. The key applies to CreateGrant/,
  },
  'policy-condition-operator-type': {
    fires: [cond('{"StringEquals":{⟦"kms:GrantIsForAWSResource"⟧:"true"}}', 'kms:CreateGrant'), cond('{"NumericLessThan":{⟦"kms:CallerAccount"⟧:"5"}}')],
    nearMisses: [
      cond('{"Bool":{"kms:GrantIsForAWSResource":"true"},"Null":{"kms:CallerAccount":"false"},"ArnLike":{"aws:SourceArn":"arn:aws:s3:::b"}}', 'kms:CreateGrant'),
      // kms:ValidTo is a Date key in epoch seconds: the KMS Developer Guide compares it with NumericLessThanEquals.
      cond('{"NumericLessThanEquals":{"kms:ValidTo":"1546257599.0"}}', 'kms:ImportKeyMaterial'),
    ],
  },
  'policy-condition-value-type': {
    fires: [
      cond('{"Bool":{"kms:GrantIsForAWSResource":⟦"yes"⟧}}', 'kms:CreateGrant'),
      cond('{"StringEquals":{"kms:GrantIsForAWSResource":⟦"enabled"⟧}}', 'kms:CreateGrant'),
      cond('{"NumericLessThanEquals":{"kms:ScheduleKeyDeletionPendingWindowInDays":⟦"thirty"⟧}}', 'kms:ScheduleKeyDeletion'),
      cond('{"DateLessThan":{"aws:CurrentTime":⟦"next week"⟧},"IpAddress":{"aws:SourceIp":⟦"10.0.0.300/8"⟧}}'),
      cond('{"Null":{"kms:EncryptionContextKeys":⟦"yes"⟧},"ArnLike":{"aws:SourceArn":⟦"my-trail"⟧}}'),
      // An account id that lost digits (a real key policy's kms:CallerAccount), and an account's name.
      cond('{"StringEquals":{"kms:CallerAccount":⟦"123455667"⟧,"kms:ViaService":"lambda.us-west-2.amazonaws.com"}}'),
      cond('{"StringNotEquals":{"aws:SourceAccount":⟦"1234-5678-9012"⟧}}'),
    ],
    nearMisses: [
      cond('{"Bool":{"kms:GrantIsForAWSResource":true},"NumericGreaterThan":{"kms:ScheduleKeyDeletionPendingWindowInDays":"20"},"DateLessThan":{"aws:CurrentTime":"2026-12-31T23:59:59Z"},"IpAddress":{"aws:SourceIp":["192.0.2.0/24","2001:db8::/32"]}}', 'kms:*'),
      // Accounts as ids, documentation examples, placeholders, policy variables and Like patterns.
      cond(`{"StringEquals":{"kms:CallerAccount":["${ACCOUNT}",111122223333],"aws:SourceAccount":"<ACCOUNT_ID>","aws:PrincipalAccount":"\${aws:ResourceAccount}"},"StringLike":{"aws:ResourceAccount":["1111*","XXXXXXXXXXXX"]},"StringEqualsIgnoreCase":{"aws:SourceAccount":"account-id"}}`),
      // Words are left alone: sample policies write placeholders such as TARGET_ACCOUNT or AccountNumber.
      cond('{"StringEquals":{"kms:CallerAccount":["TARGET_ACCOUNT","AccountNumber","account_number"]}}'),
      // Other string keys are not account ids.
      cond('{"StringEquals":{"aws:SourceOrgID":"o-a1b2c3d4e5","kms:ViaService":"ec2.us-west-2.amazonaws.com"}}'),
    ],
    fix: { title: 'Change to "true"', safety: 'widens', result: cond('{"Bool":{"kms:GrantIsForAWSResource":"true"}}', 'kms:CreateGrant') },
  },
  'policy-missing-set-operator': {
    fires: [cond('{"StringEquals":{⟦"kms:GrantOperations"⟧:["Decrypt","Encrypt"]}}', 'kms:CreateGrant')],
    nearMisses: [cond('{"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt","Encrypt"]},"Null":{"aws:TagKeys":"true"}}', 'kms:CreateGrant')],
    fix: { title: 'Use ForAllValues:StringEquals', result: cond('{"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt","Encrypt"]}}', 'kms:CreateGrant') },
  },
  'policy-set-operator-single-valued': {
    fires: [cond(`{"ForAllValues:StringEquals":{⟦"kms:CallerAccount"⟧:"${ACCOUNT}"}}`)],
    nearMisses: [cond('{"ForAllValues:StringEquals":{"kms:GrantOperations":"Decrypt"},"ForAnyValue:StringEquals":{"kms:ViaService":"ec2.us-west-2.amazonaws.com"}}', 'kms:CreateGrant')],
    // ForAllValues is true when the key is absent; StringEquals is false: the Allow matches fewer requests.
    fix: { title: 'Use StringEquals', safety: 'narrows', result: cond(`{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}"}}`) },
  },
  'policy-condition-value-enum': {
    fires: [cond('{"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt",⟦"kms:Encrypt"⟧]}}', 'kms:CreateGrant'), cond('{"StringEquals":{"kms:KeySpec":⟦"AES_256"⟧}}', 'kms:DescribeKey'), cond('{"StringLike":{"kms:SigningAlgorithm":⟦"RSA_*"⟧}}', 'kms:Sign')],
    nearMisses: [cond('{"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt","Encrypt"]},"StringLike":{"kms:KeySpec":"RSA_*"},"StringEqualsIgnoreCase":{"kms:KeyUsage":"encrypt_decrypt"}}', 'kms:*')],
    fix: { title: 'Change to "Encrypt"', safety: 'widens', result: cond('{"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt","Encrypt"]}}', 'kms:CreateGrant') },
  },
  'policy-via-service-invalid': {
    fires: [cond('{"StringEquals":{"kms:ViaService":⟦"rds.cn-north-1.amazonaws.com.cn"⟧}}'), cond('{"StringEquals":{"kms:ViaService":"ec2.⟦210987654321⟧.amazonaws.com"}}'), cond('{"StringEquals":{"kms:ViaService":⟦"deadline.amazonaws.com"⟧}}')],
    nearMisses: [cond('{"StringEquals":{"kms:ViaService":["ec2.us-west-2.amazonaws.com","rds.cn-north-1.amazonaws.com"]},"StringLike":{"kms:ViaService":"*.us-west-2.amazonaws.com"}}')],
    fix: { title: 'Change to "rds.cn-north-1.amazonaws.com"', safety: 'widens', result: cond('{"StringEquals":{"kms:ViaService":"rds.cn-north-1.amazonaws.com"}}') },
  },
  'policy-via-service-unsupported': {
    fires: [cond('{"StringEquals":{"kms:ViaService":"⟦ebs⟧.us-west-2.amazonaws.com"}}'), cond('{"StringEquals":{"kms:ViaService":"⟦secretmanager⟧.us-west-2.amazonaws.com"}}')],
    nearMisses: [
      cond('{"StringEquals":{"kms:ViaService":["ec2.us-west-2.amazonaws.com","secretsmanager.us-west-2.amazonaws.com","deadline.us-west-2.amazonaws.com","bedrock-agentcore-identity.us-west-2.amazonaws.com"]}}'),
      // Amazon Q Developer and IAM Identity Center as their guides write them; short names the list does not hold.
      cond('{"StringEquals":{"kms:ViaService":["q.us-east-1.amazonaws.com","aps.us-east-1.amazonaws.com","dax.us-east-1.amazonaws.com"]},"StringLike":{"kms:ViaService":["sso.*.amazonaws.com","identitystore.*.amazonaws.com"]}}'),
    ],
    fix: { title: 'Change to "ec2.us-west-2.amazonaws.com"', safety: 'widens', result: cond('{"StringEquals":{"kms:ViaService":"ec2.us-west-2.amazonaws.com"}}') },
  },
  'policy-via-service-region-mismatch': {
    fires: [
      iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn('key/*')}","Condition":{"StringEquals":{"kms:ViaService":"ec2.⟦us-east-1⟧.amazonaws.com"}}`),
      putKeyPolicyEvent(`{"Version":"2012-10-17","Statement":[${ROOT},{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}","kms:ViaService":"s3.⟦eu-west-1⟧.amazonaws.com"}}}]}`),
    ],
    nearMisses: [
      iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn('key/*')}","Condition":{"StringEquals":{"kms:ViaService":"ec2.us-west-2.amazonaws.com"}}`),
      iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:*:${ACCOUNT}:key/*","Condition":{"StringEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}`),
      cond('{"StringEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}'),
      iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn('key/*')}","Condition":{"StringEquals":{"kms:ViaService":["ec2.us-east-1.amazonaws.com","ec2.us-west-2.amazonaws.com"]}}`),
    ],
    fix: { title: 'Change to "ec2.us-west-2.amazonaws.com"', result: iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn('key/*')}","Condition":{"StringEquals":{"kms:ViaService":"ec2.us-west-2.amazonaws.com"}}`) },
  },
  'policy-key-policy-condition-key': {
    fires: [cond('{"StringEquals":{⟦"aws:ResourceTag/Project"⟧:"Alpha"}}'), cond('{"ForAnyValue:StringLike":{⟦"kms:ResourceAliases"⟧:"alias/app-*"}}')],
    nearMisses: [iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn('key/*')}","Condition":{"StringEquals":{"aws:ResourceTag/Project":"Alpha"},"ForAnyValue:StringLike":{"kms:ResourceAliases":"alias/app-*"}}`)],
  },
  'policy-lockout-risk': {
    fires: [bareKeyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*"')).replace('"Statement"', '⟦"Statement"⟧'), keyPolicy('{"Effect":"Deny","Principal":"*","Action":"kms:PutKeyPolicy","Resource":"*"}').replace('"Statement"', '⟦"Statement"⟧')],
    nearMisses: [
      keyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*"')),
      bareKeyPolicy(`{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/KeyAdmin"},"Action":["kms:Put*","kms:Describe*"],"Resource":"*"}`),
      `{"Version":"2012-10-17","Id":"auto-ebs-2","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}","kms:ViaService":"ec2.us-west-2.amazonaws.com"}}}]}`,
    ],
  },
  'policy-too-large': {
    fires: [`⟦{⟧"Version":"2012-10-17","Statement":[${ROOT},${appStatement(`"Sid":"${pad(KEY_POLICY_MAX_BYTES)}","Action":"kms:Decrypt","Resource":"*"`)}]}`],
    nearMisses: [keyPolicy(appStatement(`"Sid":"${pad(KEY_POLICY_MAX_BYTES - 400)}","Action":"kms:Decrypt","Resource":"*"`)), identityPolicy(`{"Sid":"${pad(KEY_POLICY_MAX_BYTES)}","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}`)],
    message: /KMS accepts at most 32768/,
  },
  'policy-unsupported-character': {
    fires: [app('"Sid":"Use ⟦–⟧ production","Action":"kms:Decrypt","Resource":"*"'), app('"Sid":"Key ⟦🔑⟧","Action":"kms:Decrypt","Resource":"*"')],
    nearMisses: [app('"Sid":"Use - producción","Action":"kms:Decrypt","Resource":"*"'), identityPolicy('{"Sid":"Use – production","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}')],
  },
  'policy-deadline-missing-action': {
    fires: [iamStmt(`"Action":⟦["kms:Decrypt","kms:GenerateDataKey"]⟧,"Resource":"${keyArn('key/*')}","Condition":{"StringEquals":{"kms:ViaService":"deadline.us-west-2.amazonaws.com"}}`)],
    nearMisses: [
      iamStmt(`"Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"${keyArn('key/*')}","Condition":{"StringEquals":{"kms:ViaService":"deadline.us-west-2.amazonaws.com"}}`),
      iamStmt(`"Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"${keyArn('key/*')}","Condition":{"StringEquals":{"kms:ViaService":"s3.us-west-2.amazonaws.com"}}`),
    ],
    fix: {
      title: 'Add kms:DescribeKey',
      result: iamStmt(`"Action":["kms:Decrypt","kms:GenerateDataKey", "kms:DescribeKey"],"Resource":"${keyArn('key/*')}","Condition":{"StringEquals":{"kms:ViaService":"deadline.us-west-2.amazonaws.com"}}`),
    },
    message: /read-write set/,
  },
  'policy-deadline-rotate-on-demand': {
    fires: [keyPolicy(
      `{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"${ACCOUNT}","kms:ViaService":"deadline.us-west-2.amazonaws.com"}}}`,
      appStatement('"Action":["kms:DescribeKey",⟦"kms:RotateKeyOnDemand"⟧],"Resource":"*"'),
    )],
    nearMisses: [keyPolicy(appStatement('"Action":["kms:DescribeKey","kms:RotateKeyOnDemand"],"Resource":"*"'))],
  },
  'policy-create-grant-unrestricted': {
    fires: [app('"Action":⟦"kms:CreateGrant"⟧,"Resource":"*"'), iamStmt(`"Action":⟦"kms:CreateGrant"⟧,"Resource":"${keyArn()}"`)],
    nearMisses: [
      app('"Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}'),
      app('"Action":"kms:CreateGrant","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt"]}}'),
      keyPolicy(),
    ],
    fix: {
      title: 'Add the condition kms:GrantIsForAWSResource = true',
      result: app('"Action":"kms:CreateGrant","Resource":"*", "Condition": { "Bool": { "kms:GrantIsForAWSResource": "true" } }'),
    },
  },
  'policy-literal-wildcard': {
    fires: [
      cond(`{"StringEquals":{"aws:PrincipalArn":⟦"arn:aws:iam::${ACCOUNT}:role/App*"⟧}}`),
      keyPolicy(`{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalArn":["arn:aws:iam::${ACCOUNT}:role/Admin",⟦"arn:aws:iam::${ACCOUNT}:role/Break?Glass"⟧]}}}`),
      cond('{"ForAnyValue:StringEqualsIgnoreCase":{"kms:EncryptionContextKeys":⟦"aws:s3:*"⟧}}'),
      // A Deny whose fix makes it deny more: Fix all leaves it to the user too.
      keyPolicy('{"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEqualsIfExists":{"kms:ViaService":⟦"*.us-east-1.amazonaws.com"⟧}}}'),
    ],
    nearMisses: [
      cond(`{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::${ACCOUNT}:role/App*"}}`),
      // The ARN operators take wildcards (IAM User Guide), ArnEquals included.
      cond(`{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::${ACCOUNT}:role/App*"}}`),
      // A "?" outside an ARN is text (a URL query), an IAM policy variable is not a wildcard.
      cond('{"StringEquals":{"aws:Referer":"https://example.com/?page=1"}}'),
      cond('{"StringEquals":{"aws:username":"${aws:username}"}}'),
      cond('{"StringEquals":{"kms:EncryptionContext:tenant":"${*}"}}'),
    ],
    fix: {
      title: 'Compare aws:PrincipalArn with StringLike',
      safety: 'widens',
      result: cond(`{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::${ACCOUNT}:role/App*"}}`),
    },
    message: /StringEquals compares "arn:aws:iam::210987654321:role\/App\*" literally, so it matches none of the values the pattern describes, only this exact text\. Did you mean StringLike\?/,
  },
  'policy-source-key-without-service': {
    fires: [
      cond(`{"StringEquals":{⟦"aws:SourceAccount"⟧:"${ACCOUNT}"}}`),
      keyPolicy(`{"Effect":"Deny","Principal":{"AWS":["arn:aws:iam::${ACCOUNT}:role/App","${ACCOUNT}"]},"Action":"kms:Decrypt","Resource":"*","Condition":{"ArnNotLike":{⟦"aws:SourceArn"⟧:"arn:aws:cloudtrail:*:${ACCOUNT}:trail/*"}}}`),
      cond('{"StringEquals":{⟦"aws:PrincipalServiceName"⟧:"cloudtrail.amazonaws.com"}}'),
    ],
    nearMisses: [
      keyPolicy(`{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"${ACCOUNT}"}}}`),
      // A service among the principals, everyone, or a condition written for the key's absence.
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App","Service":"logs.us-west-2.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"${ACCOUNT}"}}}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"${ACCOUNT}"}}}`),
      cond(`{"StringEqualsIfExists":{"aws:SourceAccount":"${ACCOUNT}"}}`),
      cond('{"Null":{"aws:SourceArn":"true"}}'),
      cond(`{"StringEquals":{"aws:PrincipalAccount":"${ACCOUNT}"}}`),
    ],
    message: /aws:SourceAccount is in the request only when an AWS service principal calls, and this statement names only accounts, users or roles: the condition is never true, so this Allow never applies/,
  },
  'policy-username-key-on-roles': {
    fires: [
      cond('{"StringEquals":{⟦"aws:username"⟧:"deployer"}}'),
      keyPolicy(`{"Effect":"Deny","Principal":{"AWS":["arn:aws:iam::${ACCOUNT}:role/App","arn:aws:sts::${ACCOUNT}:assumed-role/App/ci"]},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringNotEquals":{⟦"aws:username"⟧:"admin"}}}`),
    ],
    nearMisses: [
      // A user, an account (its IAM users call with their names), everyone, or a condition written for the key's absence.
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:user/deployer"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:username":"deployer"}}}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"${ACCOUNT}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringLike":{"aws:username":"ops-*"}}}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:username":"deployer","kms:CallerAccount":"${ACCOUNT}"}}}`),
      cond('{"StringEqualsIfExists":{"aws:username":"deployer"}}'),
      cond('{"Null":{"aws:username":"true"}}'),
      cond('{"StringLike":{"aws:userid":"AROAEXAMPLEID:*"}}'),
    ],
    message: /aws:username is in the request only when an IAM user calls, and this statement names only roles or service principals: the condition is never true, so this Allow never applies/,
  },
  'policy-mfa-deny-bool': {
    fires: [
      keyPolicy(`{"Effect":"Deny","Principal":"*","Action":["kms:ScheduleKeyDeletion","kms:DisableKey"],"Resource":"*","Condition":{"Bool":{⟦"aws:MultiFactorAuthPresent"⟧:"false"}}}`),
      // An IAM policy's "no key administration without MFA", with the console-only key beside it.
      identityPolicy('{"Effect":"Allow","Action":"kms:*","Resource":"*"}', '{"Effect":"Deny","Action":["kms:Delete*","kms:ScheduleKeyDeletion","kms:PutKeyPolicy"],"Resource":"*","Condition":{"Bool":{⟦"aws:MultiFactorAuthPresent"⟧:["false"],"aws:ViaAWSService":"false"}}}'),
    ],
    nearMisses: [
      // IfExists, an Allow that requires MFA, a Null test, a Deny on true, and a statement about another service.
      keyPolicy('{"Effect":"Deny","Principal":"*","Action":"kms:ScheduleKeyDeletion","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}'),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/Admin"},"Action":"kms:ScheduleKeyDeletion","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`),
      keyPolicy('{"Effect":"Deny","Principal":"*","Action":"kms:ScheduleKeyDeletion","Resource":"*","Condition":{"Null":{"aws:MultiFactorAuthPresent":"true"}}}'),
      keyPolicy('{"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}'),
      identityPolicy('{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}'),
    ],
    fix: {
      title: 'Compare aws:MultiFactorAuthPresent with BoolIfExists',
      safety: 'narrows',
      result: keyPolicy('{"Effect":"Deny","Principal":"*","Action":["kms:ScheduleKeyDeletion","kms:DisableKey"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}'),
    },
    message: /do not carry aws:MultiFactorAuthPresent, and Bool does not match a key that is absent: this Deny does not apply to them/,
  },
  'policy-root-principal-type': {
    fires: [
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Resource":"*","Condition":{"StringEquals":{⟦"aws:PrincipalType"⟧:"Account"}}}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"${ACCOUNT}"},"Action":"kms:*","Resource":"*","Condition":{"StringNotEquals":{⟦"aws:PrincipalType"⟧:["User","AssumedRole","FederatedUser"]}}}`),
    ],
    nearMisses: [
      // Roles still match; a Deny that keeps the root user out; a role statement; a value not known.
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":["Account","AssumedRole"]}}}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalType":"*"}}}`),
      keyPolicy(`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":"Account"}}}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/Admin"},"Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":"Account"}}}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":"\${principal_type}"}}}`),
    ],
    message: /With this StringEquals condition the statement applies only to the root user: requests from IAM users and roles carry aws:PrincipalType User, AssumedRole or FederatedUser/,
  },
  'policy-principal-type-unsupported': {
    fires: [
      keyPolicy(`{"Effect":"Allow","Principal":{⟦"Federated"⟧:"cognito-identity.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*"}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App",⟦"CanonicalUser"⟧:"${'ab'.repeat(32)}"},"Action":"kms:Decrypt","Resource":"*"}`),
    ],
    nearMisses: [
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::${ACCOUNT}:federated-user/Bob","Service":"logs.us-west-2.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*"}`),
      // Not a key policy: an S3 bucket policy names canonical users, a trust policy federated providers.
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`,
    ],
    message: /^The KMS Developer Guide lists AWS accounts, IAM users, IAM roles and AWS services as key policy principals, not Federated: a federated identity provider is trusted in a role's trust policy/,
  },
  'policy-deny-not-principal-role': {
    fires: [
      keyPolicy(`{"Effect":"Deny","NotPrincipal":{"AWS":⟦"arn:aws:iam::${ACCOUNT}:role/KeyAdmin"⟧},"Action":"kms:ScheduleKeyDeletion","Resource":"*"}`),
      keyPolicy(`{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::${ACCOUNT}:root",⟦"arn:aws:iam::${ACCOUNT}:role/KeyAdmin"⟧,"arn:aws:iam::${ACCOUNT}:role/Ops","arn:aws:sts::${ACCOUNT}:assumed-role/Ops/alice"]},"Action":"kms:*","Resource":"*"}`),
    ],
    nearMisses: [
      // The IAM User Guide's shape: the session, the role and the account.
      keyPolicy(`{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:sts::${ACCOUNT}:assumed-role/KeyAdmin/alice","arn:aws:iam::${ACCOUNT}:role/KeyAdmin","arn:aws:iam::${ACCOUNT}:root"]},"Action":"kms:*","Resource":"*"}`),
      // A user calls as itself; the recommended form with aws:PrincipalArn.
      keyPolicy(`{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::${ACCOUNT}:user/Bob","arn:aws:iam::${ACCOUNT}:root"]},"Action":"kms:*","Resource":"*"}`),
      keyPolicy(`{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::${ACCOUNT}:role/KeyAdmin"}}}`),
    ],
    message: /spares the role arn:aws:iam::210987654321:role\/KeyAdmin but none of its sessions \(arn:aws:sts::210987654321:assumed-role\/KeyAdmin\/\.\.\.\), which are what calls KMS, nor its account/,
  },
  'policy-decrypt-all-keys': {
    fires: [
      iamStmt('"Action":["kms:Encrypt",⟦"kms:Decrypt"⟧,"kms:GenerateDataKey"],"Resource":"*"'),
      iamStmt('"Action":⟦"kms:*"⟧,"Resource":["*"]'),
      iamStmt('"Action":⟦"kms:ReEncrypt*"⟧,"Resource":"arn:aws:kms:*:*:key/*"'),
    ],
    nearMisses: [
      iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn()}"`),
      // Limited by a condition, encrypt-only, or a Deny.
      iamStmt('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-west-2.amazonaws.com"}}'),
      iamStmt('"Action":["kms:Encrypt","kms:GenerateDataKey"],"Resource":"*"'),
      identityPolicy('{"Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}'),
      // The shape of a permissions boundary: whole services on all resources.
      iamStmt('"Action":["s3:*","lambda:*","kms:Decrypt"],"Resource":"*"'),
      // A key policy's "*" is the key itself.
      app('"Action":"kms:Decrypt","Resource":"*"'),
    ],
    message: /^kms:Decrypt here allows kms:Decrypt on all KMS keys: the holder can decrypt with every key whose key policy trusts this account/,
  },
  'policy-principal-deleted': {
    fires: [
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::${ACCOUNT}:role/KeyAdmin",⟦"AROAXAMPLEROLEID1234"⟧]},"Action":"kms:Describe*","Resource":"*"}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":⟦"AIDAXAMPLEUSERID5678"⟧},"Action":"kms:Decrypt","Resource":"*"}`),
    ],
    nearMisses: [
      // Role ARNs, account ids, and other unique-ID-looking values that are not principals of deleted users or roles.
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::${ACCOUNT}:role/AROAXAMPLEROLEID1234","${ACCOUNT}"]},"Action":"kms:Decrypt","Resource":"*"}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringLike":{"aws:userid":"AROAXAMPLEROLEID1234:*"}}}`),
      // Outside key policies (a trust policy) KMS Lens checks only what is about KMS.
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"AROAXAMPLEROLEID1234"},"Action":"sts:AssumeRole"}]}`,
    ],
    message: /"AROAXAMPLEROLEID1234" is the unique ID of an IAM role that was deleted/,
    fix: { safety: 'neutral', result: keyPolicy(`{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::${ACCOUNT}:role/KeyAdmin"]},"Action":"kms:Describe*","Resource":"*"}`) },
  },
  'policy-cross-account-grants': {
    fires: [
      keyPolicy('{"Effect":"Allow","Principal":{"AWS":⟦"arn:aws:iam::702914583316:root"⟧},"Action":"kms:*","Resource":"*"}'),
      keyPolicy('{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::702914583316:role/App",⟦"702914583316"⟧]},"Action":["kms:Decrypt","kms:CreateGrant"],"Resource":"*"}'),
    ],
    nearMisses: [
      // The KMS guide's cross-account statements: use, and grants for AWS services only.
      keyPolicy('{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::702914583316:root"},"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*"}',
        '{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::702914583316:root"},"Action":["kms:CreateGrant","kms:ListGrants","kms:RevokeGrant"],"Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}}'),
      // The key's own account, and a role of the other account (policy-sensitive-permissions' business).
      keyPolicy(),
      keyPolicy('{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::702914583316:role/App"},"Action":"kms:CreateGrant","Resource":"*"}'),
    ],
    message: /^Account 702914583316 is not the key's account \(210987654321\), and this statement lets it create grants on the key without limit: .* \(The key administration actions allowed here, such as PutKeyPolicy, ScheduleKeyDeletion, DisableKey, have no effect across accounts\.\)$/,
  },
  'policy-service-without-source': {
    fires: [
      keyPolicy('{"Effect":"Allow","Principal":{"Service":⟦"cloudtrail.amazonaws.com"⟧},"Action":"kms:GenerateDataKey*","Resource":"*"}'),
      keyPolicy('{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com",⟦"logs.us-west-2.amazonaws.com"⟧]},"Action":["kms:Encrypt*","kms:Decrypt*","kms:GenerateDataKey*","kms:Describe*"],"Resource":"*"}'),
    ],
    nearMisses: [
      // The CloudTrail guide's statements: the trail's ARN in aws:SourceArn or in the encryption context; DescribeKey alone.
      keyPolicy(`{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:cloudtrail:us-west-2:${ACCOUNT}:trail/main"}}}`),
      keyPolicy(`{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*","Condition":{"StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:${ACCOUNT}:trail/*"}}}`),
      keyPolicy('{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:DescribeKey","Resource":"*"}'),
      keyPolicy(`{"Effect":"Allow","Principal":{"Service":"logs.\${region}.amazonaws.com"},"Action":"kms:Decrypt*","Resource":"*","Condition":{"ArnLike":{"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:*:${ACCOUNT}:log-group:*"}}}`),
      // A service that is not on the list (its calls come through a grant or a role).
      keyPolicy('{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*"}'),
    ],
    message: /^cloudtrail\.amazonaws\.com may use the key \(kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext\) for any resource that names it, in any account/,
  },
  'policy-placeholder': {
    fires: [`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::⟦111122223333⟧:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/App"},"Action":"kms:Decrypt","Resource":"*"}]}`],
    nearMisses: [keyPolicy(), iamStmt(`"Action":"kms:Decrypt","Resource":"${keyArn()}"`)],
    message: /111122223333 is an example account number from the AWS documentation \(used 2 times in this policy\)/,
  },
  'policy-sub-policy-variable': {
    fires: [
      // A key policy kept as a file a template embeds: the user's own encryption context, and a principal by session name.
      keyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:user":{"Fn::Sub":"⟦${aws:username}⟧"}}}')),
      keyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":{"Fn::Sub":["arn:aws:iam::${AWS::AccountId}:role/${Team}-⟦${aws:PrincipalTag/team}⟧",{"Team":"ops"}]}}}')),
      iamStmt('"Action":"kms:Decrypt","Resource":{"Fn::Sub":"arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*"},"Condition":{"StringEquals":{"kms:EncryptionContext:session":{"Fn::Sub":"⟦${saml:sub}⟧"}}}'),
    ],
    nearMisses: [
      // Escaped; outside Fn::Sub (IAM reads it as written); given a value by the variable map; CloudFormation's own variables.
      keyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:user":{"Fn::Sub":"${!aws:username}"}}}')),
      keyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:user":"${aws:username}"}}}')),
      keyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:user":{"Fn::Sub":["${aws:username}",{"aws:username":"alice"}]}}}')),
      iamStmt('"Action":"kms:Decrypt","Resource":{"Fn::Sub":"arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}"}'),
    ],
    fix: {
      title: 'Escape as "${!aws:username}"',
      safety: 'repair',
      result: keyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:user":{"Fn::Sub":"${!aws:username}"}}}')),
    },
    message: /^"\$\{aws:username\}" inside Fn::Sub is read by CloudFormation as one of its own variables, and no parameter or resource has that name: CloudFormation refuses the template/,
  },
  'policy-s3-kms-key-id-alias': {
    fires: [
      // A bucket policy that refuses uploads not encrypted under one key, named by its alias ARN, and by a bare alias name.
      bucketDeny(`"StringNotEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"⟦arn:aws:kms:us-west-2:${ACCOUNT}:alias/uploads⟧"}`),
      bucketDeny('"StringNotEqualsIfExists":{"S3:X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id":["arn:aws:kms:us-west-2:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab","⟦alias/uploads⟧"]}'),
    ],
    nearMisses: [
      // The documented form: the key ARN, also with placeholders; an alias in another condition key.
      bucketDeny(`"StringNotEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"${keyArn()}"}`),
      bucketDeny('"StringNotEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}"}'),
      bucketDeny('"ForAnyValue:StringLike":{"kms:ResourceAliases":"alias/uploads"}'),
    ],
    message: /^"arn:aws:kms:us-west-2:210987654321:alias\/uploads" is an alias: the S3 User Guide requires the key ARN/,
  },
  'policy-unused-statement': {
    fires: [keyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*"'), batch().replace('"Sid":"Batch"', '"Sid":⟦"Batch"⟧'))],
    nearMisses: [
      // Every Allow statement was used; a Deny that never applied is working, not unused; the account's own root statement is never listed.
      keyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*"')),
      keyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*"'), batch('Deny')),
    ],
    context: USED_BY_APP,
    message: /^Unused in the open logs: none of the 2 calls on arn:aws:kms:us-west-2:210987654321:key\/1234abcd-12ab-34cd-56ef-1234567890ab between 2024-05-01 10:00:00 UTC and 2024-05-02 10:00:00 UTC went through this statement\.$/,
  },
};
