/**
 * Semantic tokens from the core: a string's meaning depends on the key it is
 * under, and the tokens must say exactly that (and nothing where the key says
 * otherwise), sorted, non-overlapping and within one line, on any input.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel, DEFAULT_SETTINGS, getKmsLensService } from '../../src/core';
import { locateWasm } from '../../src/cli/wasm';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES, type SemanticToken } from '../../src/core/semanticTokens';
import { CORPUS } from './helpers';

function tokensOf(text: string, languageId = 'json'): SemanticToken[] {
  return semanticTokens(buildModel(text, { languageId, fileName: `p.${languageId}` }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
}

/** `text type[.modifier...]` for each token. */
function show(text: string, languageId = 'json'): string[] {
  return tokensOf(text, languageId).map((t) => [`${text.slice(t.start, t.end)} ${t.type}`, ...t.modifiers].join('.'));
}

function policy(statement: object): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
}

describe('semantic tokens', () => {
  it('uses only standard token types and modifiers', () => {
    const standard = ['namespace', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'type', 'parameter', 'variable', 'property', 'enumMember', 'decorator', 'event', 'function', 'method', 'macro', 'label', 'comment', 'string', 'keyword', 'number', 'regexp', 'operator', 'modifier'];
    for (const t of TOKEN_TYPES) assert.ok(standard.includes(t), t);
    const modifiers = ['declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async', 'modification', 'documentation', 'defaultLibrary'];
    for (const m of TOKEN_MODIFIERS) assert.ok(modifiers.includes(m), m);
  });

  it('marks actions under Action and NotAction: service, name, wildcards', () => {
    assert.deepEqual(show(policy({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:*', 's3:GetObject'], Resource: '*' })), [
      'Allow keyword',
      'kms namespace',
      'Decrypt function.defaultLibrary',
      'kms namespace',
      'GenerateDataKey function.defaultLibrary',
      '* operator',
      'kms namespace',
      '* operator',
      's3 namespace',
      'GetObject function',
      '* operator',
    ]);
    assert.deepEqual(show(policy({ Effect: 'Deny', NotAction: ['kms:Re?ncrypt*', '*'], Resource: '*' })), [
      'Deny keyword',
      'kms namespace',
      'Re function.defaultLibrary',
      '? operator',
      'ncrypt function.defaultLibrary',
      '* operator',
      '* operator',
      '* operator',
    ]);
  });

  it('does not mark an unknown KMS action as part of the AWS library', () => {
    assert.deepEqual(show(policy({ Effect: 'Allow', Action: 'kms:Decrpyt' })), ['Allow keyword', 'kms namespace', 'Decrpyt function']);
  });

  it('does not mark action-like strings that are not under Action', () => {
    assert.deepEqual(show(policy({ Sid: 'kms:Decrypt', Effect: 'Allow', Resource: 'kms:Decrypt', Principal: { AWS: 'kms:Decrypt' } })), ['Allow keyword', 'AWS type']);
  });

  it('marks condition operators with set prefix and IfExists, condition keys and their qualifiers', () => {
    const text = policy({
      Effect: 'Allow',
      Condition: {
        'ForAllValues:StringEqualsIfExists': { 'kms:GrantOperations': ['Decrypt', 'Sign', 'Unknown'] },
        StringEquals: { 'kms:EncryptionContext:aws:ecs:clusterName': 'production', 'aws:ResourceTag/Project': 'atlas', 'kms:ViaService': 'Decrypt' },
        Bool: { 'kms:NoSuchKey': 'true' },
        StringEqual: { 'kms:CallerAccount': '482913650217' },
      },
    });
    assert.deepEqual(show(text), [
      'Allow keyword',
      'ForAllValues modifier',
      'StringEquals operator',
      'IfExists modifier',
      'kms namespace',
      'GrantOperations variable.defaultLibrary.readonly',
      'Decrypt enumMember.defaultLibrary',
      'Sign enumMember.defaultLibrary',
      'StringEquals operator',
      'kms namespace',
      'EncryptionContext variable.defaultLibrary.readonly',
      'aws:ecs:clusterName parameter',
      'aws namespace',
      'ResourceTag variable.defaultLibrary.readonly',
      'Project parameter',
      'kms namespace',
      'ViaService variable.defaultLibrary.readonly',
      'Bool operator',
      'kms namespace',
      'NoSuchKey variable.readonly',
      'kms namespace',
      'CallerAccount variable.defaultLibrary.readonly',
    ]);
  });

  it('marks principal types, "*" and service principals, and leaves ARNs to the grammar', () => {
    assert.deepEqual(show(policy({
      Effect: 'Allow',
      Principal: { AWS: ['*', 'arn:aws:iam::482913650217:root'], Service: ['fargate.amazonaws.com', 'not a principal'] },
      Action: 'kms:DescribeKey',
      Resource: ['*', 'arn:aws:kms:us-west-2:482913650217:key/7f3c2a91-5b4e-4d8a-9c61-2e8b0f4d7a35'],
    })), [
      'Allow keyword',
      'AWS type',
      '* operator',
      'Service type',
      'fargate.amazonaws.com class.defaultLibrary',
      'kms namespace',
      'DescribeKey function.defaultLibrary',
      '* operator',
    ]);
    assert.deepEqual(show(policy({ Effect: 'Deny', Principal: '*', NotPrincipal: { AWS: '*' } })), ['Deny keyword', '* operator', 'AWS type', '* operator']);
  });

  it('marks only the exact effects', () => {
    assert.deepEqual(show(policy({ Effect: 'allow', Action: [] })), []);
  });

  it('gives no token inside a string whose escapes make its text differ from its value', () => {
    assert.deepEqual(show('{"Statement": [{"Effect": "Allow", "Action": "kms:Decr\\u0079pt", "Condition": {"Bool": {"kms:Grant\\u0049sForAWSResource": "true"}}}]}'), [
      'Allow keyword',
      'Bool operator',
    ]);
  });

  it('works in JSON with Comments, and gives nothing for documents that are not policies', () => {
    assert.deepEqual(show('// draft\n{"Statement": {"Effect": "Allow", /* x */ "Action": "kms:Encrypt"}}', 'jsonc'), ['Allow keyword', 'kms namespace', 'Encrypt function.defaultLibrary']);
    assert.deepEqual(show('{"eventVersion": "1.08", "eventSource": "kms.amazonaws.com", "eventName": "Decrypt", "Action": "kms:Decrypt"}'), []);
    // Not a statement without an Effect (a statement saved on its own, with one, is a policy: see below).
    assert.deepEqual(show('{"Action": "kms:Decrypt", "Resource": "*"}'), []);
    assert.deepEqual(show(''), []);
  });

  it('marks a statement saved on its own as it marks the statements of a policy', () => {
    assert.deepEqual(show('{"Action": "kms:Decrypt", "Effect": "Allow"}'), ['kms namespace', 'Decrypt function.defaultLibrary', 'Allow keyword']);
  });

  it('gives no token to the Allow an aws_iam_policy_document statement implies, and marks what its Terraform text writes', async () => {
    // An empty token there made VS Code log "Semantic token with invalid length" on the `statement {` line.
    await getKmsLensService().prepareFormats(locateWasm);
    const tf = 'data "aws_iam_policy_document" "app" {\n  statement {\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n  }\n  statement {\n    effect  = "Deny"\n    actions = ["kms:ScheduleKeyDeletion"]\n    resources = ["*"]\n  }\n}\n';
    assert.deepEqual(show(tf, 'terraform'), [
      'kms namespace',
      'Decrypt function.defaultLibrary',
      '* operator',
      'Deny keyword',
      'kms namespace',
      'ScheduleKeyDeletion function.defaultLibrary',
      '* operator',
    ]);
    for (const t of tokensOf(tf, 'terraform')) assert.ok(t.end > t.start, `empty token at ${t.start}`);
  });

  it('over the whole corpus: sorted, non-overlapping, inside one line, never on a quote, modifiers in legend order', () => {
    let total = 0;
    for (const dir of ['awsdocs', 'seeds']) {
      for (const f of fs.readdirSync(path.join(CORPUS, dir)).filter((x) => x.endsWith('.json'))) {
        const text = fs.readFileSync(path.join(CORPUS, dir, f), 'utf8');
        const tokens = tokensOf(text);
        total += tokens.length;
        tokens.forEach((t, i) => {
          const s = text.slice(t.start, t.end);
          assert.ok(t.end > t.start && s.length > 0, `${f}: empty token`);
          assert.ok(!/["\n\r]/.test(s), `${f}: token ${JSON.stringify(s)} crosses a quote or a line`);
          if (i > 0) assert.ok(t.start >= tokens[i - 1].end, `${f}: tokens overlap or are unsorted at ${t.start}`);
          const order = t.modifiers.map((m) => TOKEN_MODIFIERS.indexOf(m));
          assert.deepEqual(order, [...order].sort((a, b) => a - b), `${f}: modifiers out of legend order`);
        });
      }
    }
    assert.ok(total > 500, `only ${total} tokens in the corpus`);
  });
});
