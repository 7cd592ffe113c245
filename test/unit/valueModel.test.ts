/**
 * The value model on its own (src/core/policy/value.ts, placeholders.ts,
 * intrinsics.ts): which text is an unknown part and what it is, the shape the
 * checks read, exact spans through escapes and across Fn::Join pieces, and
 * edits that never touch an unknown part.
 */
import * as assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { UNKNOWN } from '../../src/core/kms/identifiers';
import { readContext, scan } from '../../src/core/policy/placeholders';
import { listValues, readValue, valueArn, arnText, type PolicyValue } from '../../src/core/policy/value';
import { applyEdits } from '../../src/core';

/** The value of the JSON text (a string literal or a CloudFormation function), read as a policy value. */
function read(json: string): { text: string; v: PolicyValue } {
  const root = parseTree(json) as Node;
  const v = readValue(root, readContext(json));
  assert.ok(v, json);
  return { text: json, v };
}

const kinds = (s: string, mode: 'plain' | 'sub' = 'plain'): string[] => scan(s, mode).map((f) => `${s.slice(f.from, f.to)} ${f.kind}/${f.syntax}${f.means ? `/${f.means}` : ''}`);

describe('unknown parts in text', () => {
  it('reads every placeholder syntax, and what fills each in', () => {
    const cases: Array<[string, string]> = [
      ['arn:aws:iam::${account_id}:root', '${account_id} template/interpolation'],
      ['arn:aws:iam::${data.aws_caller_identity.current.account_id}:root', '${data.aws_caller_identity.current.account_id} template/interpolation'],
      ['${jsonencode({"a" = "}"})}x', '${jsonencode({"a" = "}"})} template/interpolation'],
      ['arn:aws:iam::${self:custom.accounts.${opt:stage}}:root', '${self:custom.accounts.${opt:stage}} template/serverless'],
      ['${env:ACCOUNT}', '${env:ACCOUNT} template/serverless'],
      ['arn:aws:iam::${aws:accountId}:root', '${aws:accountId} template/serverless/account'],
      ['logs.${aws:region}.amazonaws.com', '${aws:region} template/serverless/region'],
      ['arn:aws:iam::#{AWS::AccountId}:root', '#{AWS::AccountId} template/pseudoParameter/account'],
      ['arn:aws:iam::{{ account_id }}:root', '{{ account_id }} template/braces'],
      ['{{resolve:ssm:/kms/admin-role-arn}}', '{{resolve:ssm:/kms/admin-role-arn}} cloudFormation/braces'],
      ['arn:aws:iam::<ACCOUNT_ID>:root', '<ACCOUNT_ID> placeholder/angle'],
      ['arn:aws:iam::<security-AccountId>:role/Audit', '<security-AccountId> placeholder/angle'],
      ['arn:aws:iam::ACCOUNT_NUMBER_HERE:root', 'ACCOUNT_NUMBER_HERE placeholder/word'],
      ['ec2.REGION_HERE.amazonaws.com', 'REGION_HERE placeholder/word'],
      ['arn:aws:iam::YOUR_ACCOUNT_ID:root', 'YOUR_ACCOUNT_ID placeholder/word'],
      ['arn:aws:iam::123456789012:role/your-role-name', 'your-role-name placeholder/word'],
      ['arn:aws:iam::$ACCOUNT_ID:root', '$ACCOUNT_ID template/shell'],
      ['$role_arn', '$role_arn template/shell'],
      ['arn:aws:iam::[ACCOUNT-ID]:role/App', '[ACCOUNT-ID] placeholder/bracket'],
      ['s3.[region].amazonaws.com', '[region] placeholder/bracket'],
      ['arn:aws:iam::[Account ID]:root', '[Account ID] placeholder/bracket'],
      ['arn:aws:kms:REGION:123456789012:key/*', 'REGION placeholder/word'],
      ['arn:aws:kms:us-west-2:AWS_ACCOUNT_ID:key/*', 'AWS_ACCOUNT_ID placeholder/word'],
      ['logs.${AWS_REGION}.amazonaws.com', '${AWS_REGION} template/interpolation'],
      ['arn:aws:s3:::bucket/${aws:username}/*', '${aws:username} policyVariable/interpolation'],
      ['${aws:PrincipalTag/team}', '${aws:PrincipalTag/team} policyVariable/interpolation'],
      ["home/${aws:username, 'anonymous'}", "${aws:username, 'anonymous'} policyVariable/interpolation"],
      ['${*}', '${*} policyVariable/interpolation'],
      ['arn:aws:s3:::b/$${aws:username}', '$${aws:username} policyVariable/escaped'],
      ['arn:aws:iam::${AWS::AccountId}:root', '${AWS::AccountId} template/interpolation/account'],
    ];
    for (const [s, expected] of cases) assert.deepEqual(kinds(s), [expected], s);
  });

  it('reads Fn::Sub strings as CloudFormation\'s, with ${!Literal} as the literal text', () => {
    assert.deepEqual(kinds('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}', 'sub'), [
      '${AWS::Partition} cloudFormation/interpolation/partition',
      '${AWS::Region} cloudFormation/interpolation/region',
      '${AWS::AccountId} cloudFormation/interpolation/account',
      '${KeyId} cloudFormation/interpolation',
    ]);
    assert.deepEqual(kinds('arn:aws:s3:::b/${!aws:username}/*', 'sub'), ['${!aws:username} policyVariable/escaped']);
  });

  it('leaves what is not a placeholder alone', () => {
    for (const s of [
      'arn:aws:lambda:us-west-2:123456789012:function:f:$LATEST', 'arn:aws:execute-api:us-west-2:123456789012:a1/$default/GET/', 'kms:Decrypt',
      'arn:aws:execute-api:us-west-2:123456789012:a1/$connect', 'arn:aws:s3:::bucket/logs[1]/*', 'arn:aws:s3:::bucket/[abc]/*',
      'a <= b', 'HERE', 'THERE', 'arn:aws:iam::123456789012:role/YOURS', 'price$5', 'arn:aws:iam::123456789012:role/DEPLOY_ROLE', 'arn:aws:iam::123456789012:role/REGIONAL-ops', 'MY_KEY_IDS', '{"json": 1}', 'arn:aws:kms:us-west-2:111122223333:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    ]) assert.deepEqual(kinds(s), [], s);
  });

  it('takes an unclosed interpolation to the end of the text, so nothing after it is judged', () => {
    assert.deepEqual(kinds('arn:aws:iam::${account_id:root'), ['${account_id:root template/interpolation']);
  });
});

describe('a value with unknown parts', () => {
  it('has a shape with one UNKNOWN per part, and shows itself as written', () => {
    const { v } = read('"arn:aws:iam::${account_id}:role/${role_name}"');
    assert.equal(v.shape, `arn:aws:iam::${UNKNOWN}:role/${UNKNOWN}`);
    assert.equal(v.written, 'arn:aws:iam::${account_id}:role/${role_name}');
    assert.equal(v.show(13, 14), '${account_id}');
    assert.equal(v.writeShape(`arn:aws:iam::${UNKNOWN}:user/${UNKNOWN}`), 'arn:aws:iam::${account_id}:user/${role_name}');
    assert.equal(v.known, false);
    assert.equal(v.whollyUnknown, undefined);
    assert.equal(read('"${key_arn}"').v.whollyUnknown?.name, 'key_arn');
  });

  it('parses an ARN around its placeholders, and names its parts as written', () => {
    const { v } = read('"arn:aws:iam::${account_id}:root"');
    const a = valueArn(v);
    assert.ok(a);
    assert.equal(a.arn.service.value, 'iam');
    assert.equal(a.arn.resource.value, 'root');
    assert.equal(arnText(a, a.arn.account), '${account_id}');
    // CloudFormation's pseudo parameters have colons, but they are one part of the shape.
    const sub = valueArn(read('{"Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*"}').v);
    assert.deepEqual([sub?.arn.service.value, sub?.arn.resourceType, sub?.arn.resourceId], ['kms', 'key', '*']);
  });

  it('maps shape ranges to the characters of the text, through escapes', () => {
    const { text, v } = read('"arn:aws:iam::\\u0031${acct}:r\\u006F\\u006Ft"');
    assert.equal(v.written, 'arn:aws:iam::1${acct}:root');
    const at = (from: number, to: number): string => text.slice(v.span(from, to).start, v.span(from, to).end);
    assert.equal(at(13, 14), '\\u0031');
    assert.equal(at(14, 15), '${acct}');
    assert.equal(at(16, 20), 'r\\u006F\\u006Ft');
  });

  it('reads Fn::Join as its pieces, each on its own characters', () => {
    const { text, v } = read('{"Fn::Join": [":", ["arn", "aws", "iam", "", {"Ref": "AWS::AccountId"}, "root"]]}');
    assert.equal(v.shape, `arn:aws:iam::${UNKNOWN}:root`);
    assert.equal(v.written, 'arn:aws:iam::!Ref AWS::AccountId:root');
    const a = valueArn(v)!;
    const span = v.span(a.arn.resource.start, a.arn.resource.start + 4);
    assert.equal(text.slice(span.start, span.end), 'root');
    const account = v.span(a.arn.account.start, a.arn.account.start + 1);
    assert.equal(text.slice(account.start, account.end), '{"Ref": "AWS::AccountId"}');
    // The delimiter's characters stand for it.
    const colon = v.span(3, 4);
    assert.equal(text.slice(colon.start, colon.end), ':');
  });

  it('reads the list form of Fn::Sub with the values its map gives', () => {
    const { text, v } = read('{"Fn::Sub": ["arn:aws:iam::${Acct}:role/${Role}", {"Acct": "12345678", "Role": {"Ref": "RoleName"}}]}');
    assert.equal(v.written, 'arn:aws:iam::12345678:role/!Ref RoleName');
    const a = valueArn(v)!;
    const span = v.span(a.arn.account.start, a.arn.account.start + a.arn.account.value.length);
    assert.equal(text.slice(span.start, span.end), '12345678');
  });

  it('reads other CloudFormation functions as one unknown part, written in their short form', () => {
    for (const [json, written] of [
      ['{"Ref": "KeyAdminArn"}', '!Ref KeyAdminArn'], ['{"Fn::GetAtt": ["AppRole", "Arn"]}', '!GetAtt AppRole.Arn'], ['{"Fn::GetAtt": "AppRole.Arn"}', '!GetAtt AppRole.Arn'],
      ['{"Fn::ImportValue": "shared-key-arn"}', '!ImportValue shared-key-arn'], ['{"Fn::Select": [0, {"Ref": "Arns"}]}', '!Select'],
      ['{"Fn::FindInMap": ["M", "k", "v"]}', '!FindInMap'], ['{"Fn::Base64": "x"}', '!Base64 x'], ['{"Fn::If": ["C", "a", "b"]}', '!If'],
    ] as const) {
      const { v } = read(json);
      assert.equal(v.whollyUnknown?.written, written, json);
      assert.equal(v.whollyUnknown?.kind, 'cloudFormation');
    }
  });

  it('reads both alternatives of Fn::If in a list, and Ref AWS::NoValue as no value', () => {
    const json = '["kms:Decrypt", {"Fn::If": ["Admin", ["kms:Put*", "kms:Delete*"], {"Ref": "AWS::NoValue"}]}, {"Ref": "MoreActions"}]';
    const list = listValues(parseTree(json), readContext(json));
    assert.deepEqual(list.values.map((x) => [x.value, x.conditional === true]), [['kms:Decrypt', false], ['kms:Put*', true], ['kms:Delete*', true], ['!Ref MoreActions', false]]);
    assert.equal(list.open, true);
    const plain = '["kms:Decrypt", "kms:Encrypt"]';
    assert.equal(listValues(parseTree(plain), readContext(plain)).open, false);
  });

  it('edits known characters only, and refuses an edit that would touch a placeholder', () => {
    const { text, v } = read('"arn:aws::kms:${region}:${account_id}:key/*"');
    const fix = v.rewrite(v.shape.replace('aws::kms', 'aws:kms'));
    assert.ok(fix);
    assert.equal(applyEdits(text, [fix]), '"arn:aws:kms:${region}:${account_id}:key/*"');
    assert.equal(fix.end - fix.start, 1);
    assert.equal(v.rewrite(v.shape.replace(UNKNOWN, 'us-west-2')), undefined);
    assert.equal(v.edit(13, 15, 'x'), undefined);
  });

  it('encodes the text of an edit for the literal it goes into', () => {
    const { text, v } = read('"a${x}b"');
    const edit = v.rewrite(`a${UNKNOWN}"b`);
    assert.ok(edit);
    assert.equal(applyEdits(text, [edit]), '"a${x}\\"b"');
  });
});
