/**
 * Placeholders and template values, one treatment (issue 11, point 2): every
 * placeholder style in every field is one information finding on its own
 * characters and never a format error; the text around a placeholder is still
 * checked; a real IAM policy variable is still reported where AWS does not
 * replace it; quick fixes never rewrite a placeholder.
 */
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, type Finding } from '../../src/core';
import { buildModel } from '../../src/core/document/model';
import { hoverAt } from '../../src/core/hover';
import { completionsAt } from '../../src/core/policy/complete';
import { semanticTokens } from '../../src/core/semanticTokens';
import { statementLenses } from '../../src/core/policy/summary';
import { ACCOUNT, expectAt, expectNone, identityPolicy, JSON_HINTS, keyPolicy, ofCode, putKeyPolicyEvent, unmark } from './policyHelpers';

const SERIOUS = new Set(['error', 'warning']);
const serious = (text: string): string[] => analyze(text, JSON_HINTS).findings.filter((f) => SERIOUS.has(f.severity)).map((f) => `${f.code}: ${f.message}`);

/** Placeholder styles users write, and the kind of message each gets. */
const STYLES: ReadonlyArray<[string, 'template' | 'placeholder']> = [
  ['${account_id}', 'template'],
  ['${var.region}', 'template'],
  ['${data.aws_caller_identity.current.account_id}', 'template'],
  ['${self:custom.accountId}', 'template'],
  ['${opt:region}', 'template'],
  ['${env:ACCOUNT}', 'template'],
  ['${aws:accountId}', 'template'],
  ['#{AWS::AccountId}', 'template'],
  ['{{ account_id }}', 'template'],
  ['{{.Region}}', 'template'],
  ['$ACCOUNT_ID', 'template'],
  ['${AWS_REGION}', 'template'],
  // Tokens a deploy script replaces by text substitution (sed, CI "replace tokens", Maven filtering).
  ['__AWS_ACCOUNT_ID__', 'template'],
  ['@@ACCOUNT_ID@@', 'template'],
  ['%ACCOUNT_ID%', 'template'],
  // Format strings of the scripts that render policy files: Python's and .NET's, printf, shell and pipeline variables.
  ['{account_id}', 'template'],
  ['{0}', 'template'],
  ['%s', 'template'],
  ['%(account_id)s', 'template'],
  ['$(AWS_ACCOUNT_ID)', 'template'],
  // Shell heredocs in snake case (`"AWS": "$role_arn"`).
  ['$account_id', 'template'],
  ['<ACCOUNT_ID>', 'placeholder'],
  ['<security-AccountId>', 'placeholder'],
  ['ACCOUNT_NUMBER_HERE', 'placeholder'],
  ['REGION_HERE', 'placeholder'],
  ['YOUR_ACCOUNT_ID', 'placeholder'],
  ['ACCOUNT_ID', 'placeholder'],
  ['REGION', 'placeholder'],
  ['<<ACCOUNT_ID>>', 'placeholder'],
  // Square brackets, as tutorials and READMEs write them (`arn:aws:iam::[ACCOUNT-ID]:role/...`).
  ['[ACCOUNT-ID]', 'placeholder'],
  ['[account-id]', 'placeholder'],
  ['[Account ID]', 'placeholder'],
  ['REPLACE_ME', 'placeholder'],
  ['CHANGEME', 'placeholder'],
  ['TODO', 'placeholder'],
  // Values masked before sharing (READMEs, issues, sample policies).
  ['XXXXXXXXXXXX', 'placeholder'],
  ['xxxxxxxxxxxx', 'placeholder'],
  ['xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', 'placeholder'],
  ['REDACTED', 'placeholder'],
  ['[REDACTED]', 'placeholder'],
];

const role = `arn:aws:iam::${ACCOUNT}:role/App`;
const keyStmt = (members: string): string => keyPolicy(`{"Effect":"Allow",${members}}`);
const iamStmt = (members: string): string => identityPolicy(`{"Effect":"Allow",${members}}`);

/** Each field a value can sit in; `X` is where the placeholder goes. */
const FIELDS: ReadonlyArray<[string, (x: string) => string]> = [
  ['principal ARN account', (x) => keyStmt(`"Principal":{"AWS":"arn:aws:iam::${x}:role/App"},"Action":"kms:Decrypt","Resource":"*"`)],
  ['principal account id', (x) => keyStmt(`"Principal":{"AWS":"${x}"},"Action":"kms:Decrypt","Resource":"*"`)],
  ['principal role name', (x) => keyStmt(`"Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/${x}"},"Action":"kms:Decrypt","Resource":"*"`)],
  ['service principal Region', (x) => keyStmt(`"Principal":{"Service":"logs.${x}.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"${ACCOUNT}"}}`)],
  ['condition account', (x) => keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"${x}"}}`)],
  ['condition ARN Region', (x) => keyStmt(`"Principal":{"Service":"logs.us-west-2.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*","Condition":{"ArnLike":{"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:${x}:${ACCOUNT}:*"}}`)],
  ['kms:ViaService Region', (x) => keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"ec2.${x}.amazonaws.com"}}`)],
  ['kms:ViaService service', (x) => keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"${x}.us-west-2.amazonaws.com"}}`)],
  ['kms:ViaService whole', (x) => keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"${x}"}}`)],
  ['Bool condition value', (x) => keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"${x}"}}`)],
  ['Resource ARN partition', (x) => iamStmt(`"Action":"kms:Decrypt","Resource":"arn:${x}:kms:us-west-2:${ACCOUNT}:key/*"`)],
  ['Resource ARN Region', (x) => iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:${x}:${ACCOUNT}:key/*"`)],
  ['Resource ARN account', (x) => iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:${x}:key/*"`)],
  ['key id', (x) => iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:key/${x}"`)],
  ['alias name', (x) => iamStmt(`"Action":"kms:CreateAlias","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:alias/${x}"`)],
  ['whole Resource', (x) => iamStmt(`"Action":"kms:Decrypt","Resource":"${x}"`)],
  ['action name', (x) => iamStmt(`"Action":"kms:${x}","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:key/*"`)],
];

describe('placeholders in every field', () => {
  for (const [field, build] of FIELDS) {
    it(`${field}: one information finding on the placeholder, nothing above information`, () => {
      for (const [style, kind] of STYLES) {
        const src = build(`⟦${style}⟧`);
        const { text, found } = expectAt(src, 'policy-placeholder');
        assert.deepEqual(serious(text), [], `${field} with ${style}`);
        assert.equal(found[0].severity, 'information');
        assert.match(found[0].message, kind === 'template' ? /is a template variable/ : /is a placeholder/, `${field} with ${style}`);
      }
    });
  }

  it('counts a placeholder once per policy, on its first use, and names what it stands for', () => {
    const src = keyPolicy(
      `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::⟦\${account_id}⟧:role/App"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"ec2.⟦\${region}⟧.amazonaws.com"}}}`,
      '{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${account_id}:role/Ops"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.${region}.amazonaws.com"}}}',
      '{"Effect":"Allow","Principal":{"AWS":"${account_id}"},"Action":"kms:Encrypt","Resource":"*"}',
    );
    const { found } = expectAt(src, 'policy-placeholder');
    assert.deepEqual(found.map((f) => f.message), [
      '"${account_id}" is a template variable (used 3 times in this policy): KMS Lens checks the text around it; it must be filled in with an account id (12 digits).',
      '"${region}" is a template variable (used 2 times in this policy): KMS Lens checks the text around it; it must be filled in with a Region such as us-west-2.',
    ]);
  });

  it('a nested templatefile call is one placeholder', () => {
    const src = iamStmt('"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:⟦${lookup(var.accounts, \\"prod\\")}⟧:key/*"');
    const { text, found } = expectAt(src, 'policy-placeholder');
    assert.deepEqual(serious(text), []);
    assert.match(found[0].message, /^"\$\{lookup\(var.accounts, "prod"\)\}" is a template variable/);
  });

  it('the AWS documentation examples stay known values: reported as examples, as before', () => {
    const src = identityPolicy(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:⟦111122223333⟧:key/⟦a1b2c3d4-5678-90ab-cdef-EXAMPLE11111⟧"}`);
    const { found } = expectAt(src, 'policy-placeholder');
    assert.match(found[0].message, /example account number from the AWS documentation/);
    assert.match(found[1].message, /example key id/);
  });
});

describe('the text around a placeholder is still checked', () => {
  it('arn:aws::kms:${Region}:... is still the shifted ARN, and its fix deletes the colon only', () => {
    const src = identityPolicy('{"Effect":"Allow","Action":"kms:Decrypt","Resource":"⟦arn:aws::kms:${Region}:${account_id}:key/*⟧"}');
    const { text, found } = expectAt(src, 'policy-arn-malformed');
    assert.match(found[0].message, /the intended ARN is "arn:aws:kms:\$\{Region\}:\$\{account_id\}:key\/\*"/);
    const fix = found[0].fixes?.[0];
    assert.ok(fix);
    // The repaired ARN starts matching keys in this Allow: a quick fix the user picks, not Fix all.
    assert.equal(fix.safety, 'widens');
    assert.deepEqual(fix.edits.map((e) => [text.slice(e.start, e.end), e.newText]), [[':', '']]);
    assert.equal(applyEdits(text, fix.edits), text.replace('arn:aws::kms:', 'arn:aws:kms:'));
  });

  it('"ACCOUNT_NUMBER_HERE " with a trailing space still breaks the principal, on the space', () => {
    expectAt(keyStmt('"Principal":{"AWS":"arn:aws:iam::ACCOUNT_NUMBER_HERE⟦ ⟧:role/App"},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
    expectAt(keyStmt('"Principal":{"AWS":"ACCOUNT_NUMBER_HERE⟦ ⟧"},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
    expectAt(iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:⟦x⟧\${account_id}:key/*"`), 'policy-arn-malformed');
  });

  it('a known partition, Region, alias name or service principal suffix around a placeholder is still judged', () => {
    expectAt(keyStmt('"Principal":{"AWS":"arn:⟦awz⟧:iam::${account_id}:root"},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
    expectAt(iamStmt('"Action":"kms:Decrypt","Resource":"arn:aws:kms:⟦us-west-3⟧:${account_id}:key/*"'), 'policy-unknown-region');
    expectAt(iamStmt('"Action":"kms:CreateAlias","Resource":"arn:aws:kms:us-west-2:${account_id}:alias/${app}⟦ ⟧key"'), 'policy-alias-invalid');
    expectAt(keyStmt('"Principal":{"Service":⟦"logs.${aws_region}.amazonaws"⟧},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
    expectAt(keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"⟦ebs⟧.\${region}.amazonaws.com"}}`), 'policy-via-service-unsupported');
  });

  it('arn:aws:iam::${account_id}:root is the root of an unknown account: the root statement, lockout and delegation rules still know it', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${account_id}:root"},"Action":"kms:*","Resource":"*"},'
      + '{"Sid":"Grants","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${account_id}:root"},"Action":"kms:CreateGrant","Resource":"*"}]}';
    assert.deepEqual(serious(text), []);
    expectNone(text, 'policy-sensitive-permissions');
    expectNone(text, 'policy-create-grant-unrestricted');
    const lenses = statementLenses(buildModel(text, JSON_HINTS, { maxFileSize: 1e9 })).map((l) => l.tooltip);
    assert.match(lenses[0], /^Allows account \$\{account_id\} to perform every KMS action \(kms:\*\) on this key\. The account principal delegates to IAM/);
    // Without the root statement, a role alone: lockout is still found.
    const locked = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${account_id}:role/App"},"Action":"kms:Decrypt","Resource":"*"}]}';
    assert.equal(ofCode(locked, 'policy-lockout-risk').length, 1);
  });

  it('logs.${aws_region}.amazonaws.com is the Regional CloudWatch Logs service principal', () => {
    const text = keyStmt('"Principal":{"Service":"logs.${aws_region}.amazonaws.com"},"Action":"kms:Encrypt*","Resource":"*"');
    assert.deepEqual(serious(text), []);
    const model = buildModel(text, JSON_HINTS, { maxFileSize: 1e9 });
    const hover = hoverAt(model, text.indexOf('logs.${') + 2);
    assert.ok(hover);
    assert.match(hover.markdown, /The CloudWatch Logs service itself/);
    assert.match(hover.markdown, /Regional form of the service principal: the Region is `\$\{aws_region\}` \(a template variable/);
    assert.doesNotMatch(hover.markdown, /Not of the form/);
  });
});

describe('IAM policy variables and template placeholders told apart', () => {
  it('a real policy variable in a Principal is still reported, on the variable', () => {
    expectAt(keyStmt('"Principal":{"AWS":"arn:aws:iam::123456789012:user/⟦${aws:username}⟧"},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
  });

  it('a real policy variable in Action is reported: IAM does not replace it there', () => {
    const { found } = expectAt(iamStmt(`"Action":"kms:⟦\${aws:PrincipalTag/action}⟧","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:key/*"`), 'policy-unknown-action');
    assert.match(found[0].message, /Policy variables are not replaced in Action/);
  });

  it('a policy variable in Resource and condition values is neither a placeholder nor an error', () => {
    const text = iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:\${aws:PrincipalAccount}:key/*","Condition":{"StringEquals":{"kms:EncryptionContext:user":"\${aws:username}","kms:CallerAccount":"\${aws:PrincipalAccount}"}}`);
    assert.deepEqual(serious(text), []);
    expectNone(text, 'policy-placeholder');
  });

  it('a template placeholder in a Principal is never an error', () => {
    for (const x of ['${account_id}', '${var.admin_role_arn}', '<ADMIN_ROLE_ARN>', '{{ admin_arn }}']) {
      assert.deepEqual(serious(keyStmt(`"Principal":{"AWS":"${x}"},"Action":"kms:Decrypt","Resource":"*"`)), [], x);
    }
  });

  it('Version fixes stay in Fix all with template variables, and are left to the user with a policy variable', () => {
    const withTemplate = '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${account_id}:root"},"Action":"kms:*","Resource":"*"}]}';
    const withVariable = '{"Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:${aws:PrincipalAccount}:key/*"}]}';
    assert.equal(ofCode(withTemplate, 'policy-version-missing')[0].fixes?.[0].safety, 'neutral');
    assert.equal(ofCode(withVariable, 'policy-version-missing')[0].fixes?.[0].safety, 'review');
  });
});

describe('the documentation\'s Region word', () => {
  it('"region" copied from the KMS guide (logs.region.amazonaws.com, arn:aws:logs:region:...) is one placeholder note, not an unknown Region', () => {
    const text = keyStmt('"Principal":{"Service":"logs.region.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*","Condition":{"ArnLike":{"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:region:918273645501:*"}}');
    assert.deepEqual(serious(text), []);
    const [f] = ofCode(text, 'policy-placeholder');
    assert.equal(text.slice(f.start, f.end), 'region');
    assert.match(f.message, /"region" stands for a Region in the AWS documentation \(used 2 times in this policy\)/);
  });

  it('in a KMS ARN and a kms:ViaService value, "region" and the EKS guide\'s "region-code" are placeholders; a misspelt Region is still an error', () => {
    const arn = iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:⟦region⟧:${ACCOUNT}:key/*"`);
    expectNone(unmark(arn).text, 'policy-unknown-region');
    expectAt(arn, 'policy-placeholder');
    const via = iamStmt('"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":["ec2.⟦region-code⟧.amazonaws.com","ec2.regoin.amazonaws.com"]}}');
    expectAt(via, 'policy-placeholder');
    assert.deepEqual(serious(unmark(via).text).map((m) => m.replace(/:.*/s, '')), ['policy-via-service-invalid']);
    assert.match(serious(unmark(via).text)[0], /"regoin" is not a known AWS Region/);
  });
});

describe('a key policy Resource whose key id is left to fill in', () => {
  it('key/${key_id} or key/KEY_ID may be this key\'s own ARN: information, not a warning; another key\'s literal ARN stays a warning', () => {
    for (const id of ['${key_id}', 'KEY_ID', '{{ key_id }}']) {
      const text = keyStmt(`"Principal":{"AWS":"arn:aws:iam::918273645501:role/App"},"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:918273645501:key/${id}"`);
      const [f] = ofCode(text, 'policy-key-policy-resource');
      assert.equal(f?.severity, 'information', id);
    }
    const other = keyStmt('"Principal":{"AWS":"arn:aws:iam::918273645501:role/App"},"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:918273645501:key/0a9e4f63-d2b8-47c1-8e5a-b3f6c1d70e22"');
    assert.equal(ofCode(other, 'policy-key-policy-resource')[0]?.severity, 'warning');
  });
});

describe('a sample word where an ARN goes', () => {
  it('"arn", "key-arn", "KMS_KEY_ARN", "your role ARN" are placeholders: one information finding each, nothing above information', () => {
    for (const word of ['arn', 'ARN', 'key-arn', 'kms_key_arn', 'KMS_KEY_ARN', 'kms-key-arn', 'Your KMS key ARN', 'role-arn']) {
      const iam = identityPolicy(`{"Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":["⟦${word}⟧"]}`);
      const { found } = expectAt(iam, 'policy-placeholder');
      assert.match(found[0].message, /is a placeholder: replace it with an ARN\./, word);
      assert.deepEqual(serious(unmark(iam).text), [], word);
      const key = keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:Decrypt","Resource":"${word}"`);
      assert.deepEqual(serious(key), [], word);
    }
  });

  it('"arn" as a field of an ARN built by Fn::Join is text, and words that only contain "arn" are values', () => {
    const joined = keyStmt(`"Principal":{"AWS":{"Fn::Join":[":",["arn",{"Ref":"AWS::Partition"},"iam:","${ACCOUNT}","role/App"]]}},"Action":"kms:Decrypt","Resource":"*"`);
    expectNone(joined, 'policy-placeholder');
    assert.deepEqual(serious(joined), []);
    for (const value of ['learn', 'barn-owl']) expectNone(keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:project":"${value}"}}`), 'policy-placeholder');
  });
});

describe('near misses: no placeholder, no pass', () => {
  it('a real 8-digit account is still an error', () => {
    expectAt(keyStmt('"Principal":{"AWS":"arn:aws:iam::⟦12345678⟧:root"},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
    expectAt(iamStmt('"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:⟦12345678⟧:key/*"'), 'policy-arn-malformed');
  });

  it('a real malformed service principal and a real bad ViaService Region are still errors', () => {
    expectAt(keyStmt('"Principal":{"Service":⟦"logs.us-west-2.amazonaws"⟧},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
    expectAt(keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"ec2.⟦us-west-9⟧.amazonaws.com"}}`), 'policy-via-service-invalid');
  });

  it('text that only looks like a template is not one', () => {
    expectAt(iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:key/⟦1234567890abcdef0⟧"`), 'policy-key-id-invalid');
    const lambda = iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:key/*","Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:lambda:us-west-2:${ACCOUNT}:function:f:$LATEST"}}`);
    expectNone(lambda, 'policy-placeholder');
  });

  it('underscores, @ and % inside real names are not substitution tokens', () => {
    // A role name with double underscores, a bucket starting with them, a URL-encoded encryption context value.
    const text = keyStmt(`"Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/app__blue__v2"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:path":"reports%2F2024","aws:SourceArn":"arn:aws:s3:::__staging"}}`);
    expectNone(text, 'policy-placeholder');
    expectAt(keyStmt('"Principal":{"AWS":"arn:aws:iam::⟦__12345678⟧:root"},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
  });

  it('URL escapes, words that contain TODO and braces that name no field are not format fields', () => {
    expectAt(keyStmt('"Principal":{"AWS":"arn:aws:iam::⟦%2F⟧:root"},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
    expectAt(keyStmt('"Principal":{"AWS":"arn:aws:iam::⟦TODOLIST⟧:root"},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
    expectAt(keyStmt('"Principal":{"AWS":"arn:aws:iam::⟦{proxy+}⟧:root"},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
    const text = keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:path":"reports%2Fsummary%2d2024"}}`);
    expectNone(text, 'policy-placeholder');
  });

  it('x inside a real name is no mask, and a mask does not hide a real mistake next to it', () => {
    // `xxx` after other letters of a word, or two x only: real names, left as written.
    expectAt(keyStmt('"Principal":{"AWS":"arn:aws:iam::⟦12345678xx⟧:root"},"Action":"kms:Decrypt","Resource":"*"'), 'policy-principal-invalid');
    expectAt(iamStmt(`"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-2:${ACCOUNT}:key/⟦boxxx-1234⟧"`), 'policy-key-id-invalid');
    // The masked account is a placeholder; the misspelt action and the 11-digit account beside it are still errors.
    expectAt(iamStmt('"Action":"kms:⟦Decrpyt⟧","Resource":["arn:aws:kms:us-west-2:XXXXXXXXXXXX:key/*","arn:aws:kms:us-west-2:12345678901:key/*"]'), 'policy-unknown-action');
    expectAt(iamStmt('"Action":"kms:Decrpyt","Resource":["arn:aws:kms:us-west-2:XXXXXXXXXXXX:key/*","arn:aws:kms:us-west-2:⟦12345678901⟧:key/*"]'), 'policy-arn-malformed');
  });
});

describe('quick fixes never rewrite a placeholder', () => {
  const fixesOf = (text: string, code: string): Array<{ title: string; edits: string[] }> =>
    ofCode(text, code).flatMap((f: Finding) => (f.fixes ?? []).map((x) => ({ title: x.title, edits: x.edits.map((e) => `${text.slice(e.start, e.end)}→${e.newText}`) })));

  it('the Region fix changes the Region only', () => {
    const text = iamStmt('"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-west-3:${account_id}:key/${key_id}"');
    const [fix] = fixesOf(text, 'policy-unknown-region');
    assert.deepEqual(fix.edits, ['us-west-3→us-west-1']);
    assert.ok(fix.title.startsWith('Change the Region to us-west-1'), fix.title);
  });

  it('the ViaService fixes change the service label only', () => {
    const text = keyStmt(`"Principal":{"AWS":"${role}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"ebs.\${region}.amazonaws.com"}}`);
    const fixes = fixesOf(text, 'policy-via-service-unsupported');
    assert.deepEqual(fixes.map((f) => f.edits), [['ebs→ec2']]);
    // The title names the new value, placeholder as written, then what the statement will allow.
    assert.ok(fixes[0].title.startsWith('Change to "ec2.${region}.amazonaws.com" — Allows'), fixes[0].title);
  });

  it('a fix that would replace a value the template fills in is not offered', () => {
    const text = `{"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Resource":["\${key_arn}","arn:aws:kms:us-west-2:${ACCOUNT}:key/*"]}]}`;
    const [f] = ofCode(text, 'policy-key-policy-resource');
    assert.equal(text.slice(f.start, f.end), `"arn:aws:kms:us-west-2:${ACCOUNT}:key/*"`);
    assert.deepEqual(f.fixes, []);
  });

  it('a bare-string principal is wrapped as written, placeholder and all', () => {
    const text = keyPolicy('{"Effect":"Allow","Principal":"arn:aws:iam::${account_id}:role/App","Action":"kms:Decrypt","Resource":"*"}');
    const [f] = ofCode(text, 'policy-principal-invalid');
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.ok(fixed.includes('"Principal":{ "AWS": "arn:aws:iam::${account_id}:role/App" }'), fixed);
  });
});

describe('placeholders inside a PutKeyPolicy policy string', () => {
  it('findings land on the placeholder\'s characters through the string\'s escapes', () => {
    const policy = '{"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${account_id}:root"},"Action":"kms:*","Resource":"*"},'
      + '{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::ACCOUNT_NUMBER_HERE :role\\/App"},"Action":"kms:Decrypt","Resource":"*"}]}';
    const text = putKeyPolicyEvent(policy);
    const found = analyze(text, JSON_HINTS).findings.filter((f) => f.code.startsWith('policy-'));
    assert.deepEqual(found.map((f) => [f.code, text.slice(f.start, f.end)]), [
      ['policy-placeholder', '${account_id}'],
      ['policy-placeholder', 'ACCOUNT_NUMBER_HERE'],
      ['policy-principal-invalid', ' '],
    ]);
  });
});

describe('a templatefile key policy as written in real repositories', () => {
  it('is only information findings, one per variable', () => {
    const { text } = unmark(`{
  "Version": "2012-10-17",
  "Id": "key-default-1",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::\${account_id}:root" },
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "Allow CloudWatch Logs",
      "Effect": "Allow",
      "Principal": { "Service": "logs.\${aws_region}.amazonaws.com" },
      "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      "Resource": "*",
      "Condition": { "ArnLike": { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:\${aws_region}:\${account_id}:*" } }
    }
  ]
}`);
    const found = analyze(text, JSON_HINTS).findings;
    assert.deepEqual(found.map((f) => [f.code, f.severity, text.slice(f.start, f.end)]), [
      ['policy-placeholder', 'information', '${account_id}'],
      ['policy-placeholder', 'information', '${aws_region}'],
    ]);
  });
});

describe('completions and semantic tokens read values through the same model', () => {
  const model = (text: string): ReturnType<typeof buildModel> => buildModel(text, JSON_HINTS, { maxFileSize: 1e9 });

  it('completions reuse a template\'s own account and Region placeholders, as literal text in snippets', () => {
    const marked = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${account_id}:root"},"Action":"kms:*","Resource":"*"},'
      + '{"Effect":"Allow","Principal":{"Service":"logs.${aws_region}.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"|"}}]}';
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    const items = completionsAt(model(text), offset);
    const root = items.find((i) => i.label === 'arn:aws:iam::${account_id}:root');
    assert.ok(root, items.map((i) => i.label).join(', '));
    // In snippet syntax "$" and "}" are escaped, so the editor inserts the placeholder as written.
    assert.ok(root.snippet && root.insertText.includes('\\${account_id\\}'), root.insertText);
    const via = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logs.${aws_region}.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"|"}}}]}';
    const at = via.indexOf('|');
    const values = completionsAt(model(via.slice(0, at) + via.slice(at + 1)), at).map((i) => i.label);
    assert.ok(values.includes('ec2.${aws_region}.amazonaws.com'), values.slice(0, 8).join(', '));
  });

  it('a service principal with a placeholder is a service principal token on its known characters only', () => {
    const text = keyStmt('"Principal":{"Service":"logs.${aws_region}.amazonaws.com"},"Action":["kms:${action}","kms:Decrypt"],"Resource":"*"');
    const tokens = semanticTokens(model(text)).map((t) => `${text.slice(t.start, t.end)} ${t.type}`);
    assert.ok(tokens.includes('logs. class') && tokens.includes('.amazonaws.com class'), tokens.join(' | '));
    assert.ok(!tokens.some((t) => t.startsWith('${')), tokens.join(' | '));
    assert.ok(tokens.includes('Decrypt function'));
  });
});
