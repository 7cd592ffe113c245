/**
 * CloudFormation values everywhere (issue 11, point 3): `Ref`, `Fn::Sub`,
 * `Fn::Join`, `Fn::GetAtt`, `Fn::ImportValue`, `Fn::If`, `Fn::Select`... are
 * values in standalone policy files and in templates alike. Strings they
 * build are checked with their unknown parts; a `Ref` where a list goes is
 * unknown, never a type error; both alternatives of `Fn::If` are checked.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { buildModel } from '../../src/core/document/model';
import { hoverAt } from '../../src/core/hover';
import { statementLenses } from '../../src/core/policy/summary';
import { ACCOUNT, expectAt, expectNone, JSON_HINTS, ofCode, ROOT, unmark } from './policyHelpers';

const SERIOUS = new Set(['error', 'warning']);
const serious = (text: string): string[] => analyze(text, JSON_HINTS).findings.filter((f) => SERIOUS.has(f.severity)).map((f) => `${f.code} ${text.slice(f.start, f.end)}`);

/** A key policy as a standalone file (a template embeds it), with the root statement first. */
const standalone = (...statements: string[]): string => `{"Version":"2012-10-17","Statement":[${[ROOT, ...statements].join(',')}]}`;

/** The same statements as the KeyPolicy of an AWS::KMS::Key in a template. */
const template = (...statements: string[]): string =>
  `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"Key":{"Type":"AWS::KMS::Key","Properties":{"KeyPolicy":${standalone(...statements)}}}}}`;

const both = (...statements: string[]): Array<[string, string]> => [['standalone', standalone(...statements)], ['template', template(...statements)]];

describe('CloudFormation functions as values, in standalone policies and in templates', () => {
  it('a key policy Resource built by Fn::Sub naming one key is still the key-policy Resource mistake', () => {
    for (const [where, src] of both('{"Effect":"Allow","Principal":{"AWS":{"Fn::GetAtt":["AppRole","Arn"]}},"Action":"kms:Decrypt","Resource":⟦{"Fn::Sub":"arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/0a9e4f63-d2b8-47c1-8e5a-b3f6c1d70e22"}⟧}')) {
      const { found } = expectAt(src, 'policy-key-policy-resource');
      assert.equal(found[0].severity, 'warning', where);
      assert.match(found[0].message, /"arn:aws:kms:\$\{AWS::Region\}:\$\{AWS::AccountId\}:key\/0a9e4f63-d2b8-47c1-8e5a-b3f6c1d70e22" is matched against this key's ARN/, where);
    }
  });

  it('a key policy Resource built by Fn::Sub as every key of the stack (key/*) names this key too: information only', () => {
    for (const [where, src] of both('{"Effect":"Allow","Principal":{"AWS":{"Fn::GetAtt":["AppRole","Arn"]}},"Action":"kms:Decrypt","Resource":⟦{"Fn::Sub":"arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*"}⟧}')) {
      const { found } = expectAt(src, 'policy-key-policy-resource');
      assert.equal(found[0].severity, 'information', where);
      assert.match(found[0].message, /"arn:aws:kms:\$\{AWS::Region\}:\$\{AWS::AccountId\}:key\/\*" matches every key of its Region and account/, where);
    }
  });

  it('":iam::12345678:root" inside Fn::Join is still an 8-digit account, on those characters', () => {
    for (const [where, src] of both('{"Effect":"Allow","Principal":{"AWS":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::⟦12345678⟧:root"]]}},"Action":"kms:Decrypt","Resource":"*"}')) {
      const { found } = expectAt(src, 'policy-principal-invalid');
      assert.match(found[0].message, /"12345678" is not an account id/, where);
    }
  });

  it('an account split across Fn::Join pieces with a Ref is not judged; the pieces around it are', () => {
    for (const [, src] of both('{"Effect":"Allow","Principal":{"AWS":{"Fn::Join":["",["arn:aws:iam::",{"Ref":"AWS::AccountId"},":root"]]}},"Action":"kms:Decrypt","Resource":"*"}')) {
      assert.deepEqual(serious(src), []);
      expectNone(src, 'policy-placeholder');
    }
  });

  it('a Ref where a list or a value goes is unknown, never a policy-value-type error', () => {
    for (const [where, src] of both(
      '{"Effect":"Allow","Principal":{"AWS":{"Ref":"KeyUsers"}},"Action":{"Ref":"UserActions"},"Resource":"*","Condition":{"StringEquals":{"kms:ViaService":{"Ref":"ViaService"},"kms:CallerAccount":[{"Ref":"AWS::AccountId"},"111122223333"]}}}',
      '{"Effect":"Allow","Principal":{"AWS":[{"Fn::ImportValue":"shared-admin-arn"},{"Fn::Select":[0,{"Ref":"AdminArns"}]},{"Fn::FindInMap":["Accounts",{"Ref":"AWS::Region"},"Admin"]}]},"Action":"kms:*","Resource":"*"}',
      '{"Effect":"Allow","Principal":{"Service":{"Fn::Sub":"logs.${AWS::Region}.${AWS::URLSuffix}"}},"Action":["kms:Encrypt*","kms:Decrypt*"],"Resource":"*","Condition":{"ArnLike":{"kms:EncryptionContext:aws:logs:arn":{"Fn::Sub":"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*"}}}}',
    )) {
      assert.deepEqual(serious(src), [], where);
      expectNone(src, 'policy-value-type');
    }
  });

  it('both alternatives of Fn::If are checked as written', () => {
    for (const [, src] of both('{"Effect":"Allow","Principal":{"AWS":{"Fn::If":["HasAdmin",{"Fn::Sub":"arn:aws:iam::${AWS::AccountId}:role/Admin"},"arn:aws:iam::⟦1234567⟧:role/Admin"]}},"Action":"kms:Decrypt","Resource":"*"}')) {
      expectAt(src, 'policy-principal-invalid');
    }
    for (const [, src] of both('{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:role/App"},"Action":["kms:Decrypt",{"Fn::If":["CanSign",["kms:Sign","kms:⟦Verfy⟧"],{"Ref":"AWS::NoValue"}]}],"Resource":"*"}')) {
      expectAt(src, 'policy-unknown-action');
    }
  });

  it('a statement given as Fn::If in the Statement list is read, both alternatives, and AWS::NoValue is none', () => {
    const cond = `{"Fn::If":["Shared",{"Sid":"Shared","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":["kms:⟦Decrpyt⟧"],"Resource":"*"},{"Ref":"AWS::NoValue"}]}`;
    for (const [, src] of both(cond)) {
      expectAt(src, 'policy-unknown-action');
      expectNone(unmark(src).text, 'policy-unknown-element');
      expectNone(unmark(src).text, 'policy-missing-action');
      const lenses = statementLenses(buildModel(unmark(src).text, JSON_HINTS, { maxFileSize: 1e9 })).map((l) => l.tooltip);
      assert.equal(lenses.length, 2);
      assert.match(lenses[1], /one alternative of a CloudFormation Fn::If/);
    }
  });

  it('a KeyPolicy or PolicyDocument written as Fn::If is two policies, each checked; an action in an Fn::If still makes an IAM policy about KMS', () => {
    const { text } = unmark(`{"Resources":{"K":{"Type":"AWS::KMS::Key","Properties":{"KeyPolicy":{"Fn::If":["Strict",
      {"Version":"2012-10-17","Statement":[${ROOT}]},
      {"Version":"2012-10-17","Statement":[${ROOT},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:Decrpyt","Resource":"*"}]}]}}},
      "P":{"Type":"AWS::IAM::ManagedPolicy","Properties":{"PolicyDocument":{"Fn::If":["Strict",{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{"Fn::If":["X","kms:Encrpyt","kms:Decrypt"]}],"Resource":"*"}]},{"Ref":"AWS::NoValue"}]}}}}}`);
    assert.deepEqual(serious(text), ['policy-unknown-action Decrpyt', 'policy-unknown-action Encrpyt']);
  });

  it('Fn::Sub list form: a variable given in its map as text is checked on that text', () => {
    for (const [, src] of both('{"Effect":"Allow","Principal":{"AWS":{"Fn::Sub":["arn:aws:iam::${Acct}:role/${Role}",{"Acct":"⟦12345678⟧","Role":{"Ref":"RoleName"}}]}},"Action":"kms:Decrypt","Resource":"*"}')) {
      expectAt(src, 'policy-principal-invalid');
    }
  });

  it('${!aws:username} in Fn::Sub is an IAM policy variable: fine in a condition value, reported in a principal', () => {
    const fine = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:user":{"Fn::Sub":"\${!aws:username}"}}}}`;
    for (const [, src] of both(fine)) {
      assert.deepEqual(serious(src), []);
      expectNone(src, 'policy-placeholder');
    }
    for (const [, src] of both('{"Effect":"Allow","Principal":{"AWS":{"Fn::Sub":"arn:aws:iam::${AWS::AccountId}:user/⟦${!aws:username}⟧"}},"Action":"kms:Decrypt","Resource":"*"}')) {
      expectAt(src, 'policy-principal-invalid');
    }
  });

  it('CloudFormation parts get no placeholder note: CloudFormation fills them in', () => {
    for (const [, src] of both('{"Effect":"Allow","Principal":{"AWS":{"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${RoleName}"}},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":{"Fn::Sub":"ec2.${AWS::Region}.amazonaws.com"}}}}')) {
      assert.deepEqual(serious(src), []);
      expectNone(src, 'policy-placeholder');
    }
  });

  it('in a template, ${AWS::AccountId} in a plain string is named: CloudFormation replaces it only inside Fn::Sub', () => {
    const src = template('{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::⟦${AWS::AccountId}⟧:role/App"},"Action":"kms:Decrypt","Resource":"*"}');
    const { found } = expectAt(src, 'policy-placeholder');
    assert.equal(found[0].severity, 'information');
    assert.match(found[0].message, /replaced by CloudFormation only inside Fn::Sub/);
  });

  it('a hover on a function value says what fills it in', () => {
    const text = template('{"Effect":"Allow","Principal":{"AWS":{"Ref":"KeyAdminArn"}},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":{"Fn::Sub":"s3.${AWS::Region}.amazonaws.com"}}}}');
    const model = buildModel(text, JSON_HINTS, { maxFileSize: 1e9 });
    const principal = hoverAt(model, text.indexOf('{"Ref":"KeyAdminArn"}') + 2);
    assert.match(principal?.markdown ?? '', /`!Ref KeyAdminArn`[\s\S]*set by CloudFormation when the stack is deployed/);
    const via = hoverAt(model, text.indexOf('s3.${AWS::Region}'));
    assert.match(via?.markdown ?? '', /Region: `\$\{AWS::Region\}` · the stack's Region, set by CloudFormation/);
  });

  it('the lockout rule still sees a root statement built by Fn::Sub or Fn::Join', () => {
    for (const principal of ['{"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}', '{"Fn::Join":["",["arn:aws:iam::",{"Ref":"AWS::AccountId"},":root"]]}']) {
      const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":${principal}},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":${principal}},"Action":"kms:CreateGrant","Resource":"*"}]}`;
      assert.deepEqual(serious(text), []);
      expectNone(text, 'policy-create-grant-unrestricted');
      expectNone(text, 'policy-sensitive-permissions');
    }
  });

  it('a real 8-digit account written plainly in a template is still an error (near miss)', () => {
    const src = template('{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::⟦12345678⟧:root"},"Action":"kms:Decrypt","Resource":"*"}');
    expectAt(src, 'policy-principal-invalid');
    assert.equal(ofCode(unmark(src).text, 'policy-principal-invalid')[0].severity, 'error');
  });
});
