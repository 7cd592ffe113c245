/**
 * The injection grammar (syntaxes/), run by vscode-textmate the way VS Code runs
 * it: snapshots of sample documents, and the promises a reader relies on (every
 * KMS action, operator and condition key is highlighted as such, keys are not
 * mistaken for actions, placeholders stand out, the grammar never swallows a
 * closing quote, and it behaves the same in JSON, JSON with Comments and JSON Lines).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allConditionKeys, KMS_ACTIONS } from '../../src/core/data/iam';
import { isPlaceholderAccount } from '../../src/core/kms/identifiers';
import { grammarContributions, HOST_SCOPES, innermost, ours, ROOT, scopedParts, snapshot, tokenize, type HostLanguage } from './grammarHost';

const SAMPLES = path.join(ROOT, 'test', 'fixtures', 'grammar');
const UPDATE = process.env.KMS_LENS_UPDATE_SNAPSHOTS === '1';

function languageOf(file: string): HostLanguage {
  if (file.endsWith('.jsonc')) return 'jsonc';
  if (file.endsWith('.jsonl')) return 'jsonl';
  return 'json';
}

describe('grammar: snapshots of sample documents', () => {
  const samples = fs.readdirSync(SAMPLES).filter((f) => /\.(json|jsonc|jsonl)$/.test(f)).sort();

  it('has samples for each host language', () => {
    assert.deepEqual([...new Set(samples.map(languageOf))].sort(), ['json', 'jsonc', 'jsonl']);
  });

  for (const file of samples) {
    it(`${file} matches ${file}.snap${UPDATE ? ' (updating)' : ''}`, async () => {
      const actual = await snapshot(fs.readFileSync(path.join(SAMPLES, file), 'utf8'), languageOf(file));
      const snapFile = path.join(SAMPLES, `${file}.snap`);
      if (UPDATE) fs.writeFileSync(snapFile, actual);
      assert.equal(actual, fs.readFileSync(snapFile, 'utf8'), `run with KMS_LENS_UPDATE_SNAPSHOTS=1 to accept the new tokens of ${file}`);
    });
  }
});

describe('grammar: ARNs', () => {
  it('splits a key ARN into partition, service, Region, account, resource type and id', async () => {
    assert.deepEqual(await scopedParts('{"Resource": "arn:aws:kms:us-west-2:482913650217:key/7f3c2a91-5b4e-4d8a-9c61-2e8b0f4d7a35"}'), [
      'arn => storage.type.arn',
      ': => punctuation.separator.arn',
      'aws => constant.language.partition',
      ': => punctuation.separator.arn',
      'kms => entity.name.namespace.service',
      ': => punctuation.separator.arn',
      'us-west-2 => constant.language.region',
      ': => punctuation.separator.arn',
      '482913650217 => constant.numeric.account',
      ': => punctuation.separator.arn',
      'key => entity.name.type.resource-type',
      '/ => punctuation.separator.arn',
      '7f3c2a91-5b4e-4d8a-9c61-2e8b0f4d7a35 => variable.other.resource-id',
    ]);
  });

  it('marks the empty field of `arn:aws::kms:` and scopes the shifted parts by what they were meant to be', async () => {
    const parts = await scopedParts('{"Resource": "arn:aws::kms:us-west-2:482913650217:key/7f3c2a91-5b4e-4d8a-9c61-2e8b0f4d7a35"}');
    assert.ok(parts.includes(':: => invalid.illegal.empty-field'), parts.join('\n'));
    assert.ok(parts.includes('kms => entity.name.namespace.service'), parts.join('\n'));
    assert.ok(parts.includes('us-west-2 => constant.language.region'), parts.join('\n'));
    assert.ok(parts.includes('482913650217 => constant.numeric.account'), parts.join('\n'));
  });

  it('keeps an empty Region and account and a resource without a type (arn:aws:iam::ACCOUNT:root)', async () => {
    assert.deepEqual((await scopedParts('{"AWS": "arn:aws:iam::482913650217:root"}')).filter((p) => !p.includes('punctuation')), [
      'arn => storage.type.arn',
      'aws => constant.language.partition',
      'iam => entity.name.namespace.service',
      '482913650217 => constant.numeric.account',
      'root => variable.other.resource-id',
    ]);
  });

  it('marks wildcards inside ARN parts', async () => {
    const parts = await scopedParts('{"aws:SourceArn": "arn:aws:cloudtrail:*:482913650217:trail/*"}');
    assert.equal(parts.filter((p) => p === '* => keyword.operator.wildcard').length, 2, parts.join('\n'));
  });

  it('stops an ARN at the closing quote, and at the escaped quote of a policy inside a string', async () => {
    const [tokens] = await tokenize('{"a": "arn:aws:kms:us-west-2:482913650217:key/1", "b": "{\\"Resource\\":\\"arn:aws:kms:us-west-2:482913650217:alias/x\\"}"}', 'json');
    for (const t of tokens) if (t.text.includes('"')) assert.deepEqual(ours(t), [], `a quote was scoped: ${JSON.stringify(t)}`);
    const ids = tokens.filter((t) => innermost(t) === 'variable.other.resource-id').map((t) => t.text);
    assert.deepEqual(ids, ['1', 'x']);
  });
});

describe('grammar: actions', () => {
  it('highlights every KMS action as an action when it is a value', async () => {
    for (const action of KMS_ACTIONS) {
      assert.deepEqual(await scopedParts(`{"Action": "kms:${action.name}"}`), [
        'kms => entity.name.namespace.service',
        ': => punctuation.separator.action',
        `${action.name} => support.function.action`,
      ], action.name);
    }
  });

  it('marks the wildcards of action patterns', async () => {
    assert.deepEqual(await scopedParts('{"Action": ["kms:*", "kms:Generate?ataKey*"]}'), [
      'kms => entity.name.namespace.service',
      ': => punctuation.separator.action',
      '* => keyword.operator.wildcard',
      'kms => entity.name.namespace.service',
      ': => punctuation.separator.action',
      'Generate => support.function.action',
      '? => keyword.operator.wildcard',
      'ataKey => support.function.action',
      '* => keyword.operator.wildcard',
    ]);
  });

  it('does not take a key, or a string that only mentions an action, for an action', async () => {
    const asKey = await scopedParts('{"kms:Decrypt": {}}');
    assert.ok(!asKey.some((p) => p.includes('support.function.action')), asKey.join('\n'));
    assert.deepEqual(await scopedParts('{"note": "use kms:Decrypt here"}'), []);
  });
});

describe('grammar: conditions', () => {
  const BASE_OPERATORS = [
    'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
    'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
    'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
    'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnNotEquals', 'ArnLike', 'ArnNotLike', 'Null',
  ];

  it('highlights every IAM condition operator, with its set prefix and IfExists suffix', async () => {
    for (const op of BASE_OPERATORS) {
      assert.deepEqual(await scopedParts(`{"${op}": {}}`), [`${op} => keyword.operator.condition`], op);
      assert.deepEqual(await scopedParts(`{"ForAllValues:${op}IfExists": {}}`), [
        'ForAllValues => storage.modifier.set-operator',
        ': => punctuation.separator.condition-operator',
        `${op} => keyword.operator.condition`,
        'IfExists => storage.modifier.if-exists',
      ], op);
      assert.deepEqual((await scopedParts(`{"ForAnyValue:${op}": {}}`))[0], 'ForAnyValue => storage.modifier.set-operator', op);
    }
  });

  it('leaves misspelt operators and operator names used as values alone', async () => {
    assert.deepEqual(await scopedParts('{"StringEqual": {}, "ForAllValue:StringEquals": {}}'), []);
    assert.deepEqual(await scopedParts('{"operator": "StringEquals"}'), []);
  });

  it('highlights every kms: and aws: condition key when it is a key', async () => {
    // (The global list also has a few service keys such as ec2:RoleDelivery: semantic tokens cover those in policies.)
    const keys = allConditionKeys().map((k) => k.key.replace(/\$\{[^}]+\}/, 'Sample')).filter((k) => /^(kms|aws):/.test(k));
    assert.ok(keys.length > 100, `only ${keys.length} condition keys`);
    for (const key of keys) {
      const parts = await scopedParts(`{"${key}": "x"}`);
      const [ns, name] = key.split(/[:/]/);
      assert.equal(parts[0], `${ns} => entity.name.namespace.service`, key);
      assert.equal(parts[2], `${name} => variable.language.condition-key`, key);
      const rest = key.slice(ns.length + 1 + name.length + 1);
      if (rest) assert.equal(parts[4], `${rest} => variable.parameter.condition-key-qualifier`, key);
      else assert.equal(parts.length, 3, key);
    }
  });

  it('splits an encryption context key into the condition key and the context key', async () => {
    assert.deepEqual(await scopedParts('{"kms:EncryptionContext:aws:ecs:clusterName": ["production"]}'), [
      'kms => entity.name.namespace.service',
      ': => punctuation.separator.condition-key',
      'EncryptionContext => variable.language.condition-key',
      ': => punctuation.separator.condition-key',
      'aws:ecs:clusterName => variable.parameter.condition-key-qualifier',
    ]);
  });
});

describe('grammar: service principals and placeholders', () => {
  it('highlights service principals and Regional service names as values only', async () => {
    assert.deepEqual(await scopedParts('{"Service": ["fargate.amazonaws.com", "cloudtrail.amazonaws.com.cn"], "kms:ViaService": "deadline.us-west-2.amazonaws.com"}'), [
      'fargate.amazonaws.com => support.class.service-principal',
      'cloudtrail.amazonaws.com.cn => support.class.service-principal',
      'kms => entity.name.namespace.service',
      ': => punctuation.separator.condition-key',
      'ViaService => variable.language.condition-key',
      'deadline.us-west-2.amazonaws.com => support.class.service-principal',
    ]);
    assert.deepEqual(await scopedParts('{"url": "https://kms.us-west-2.amazonaws.com"}'), []);
  });

  it('marks the documentation account ids the core treats as placeholders, and no real account', async () => {
    for (const account of ['111122223333', '444455556666', '123456789012', '111111111111', '222222222222', '999999999999']) {
      assert.ok(isPlaceholderAccount(account), `the core does not treat ${account} as a placeholder`);
      assert.deepEqual(await scopedParts(`{"accountId": "${account}"}`), [`${account} => invalid.deprecated.placeholder`], account);
      const inArn = await scopedParts(`{"AWS": "arn:aws:iam::${account}:root"}`);
      assert.ok(inArn.includes(`${account} => invalid.deprecated.placeholder`), inArn.join('\n'));
    }
    for (const account of ['482913650217', '210987654321']) {
      assert.ok(!isPlaceholderAccount(account));
      assert.deepEqual(await scopedParts(`{"accountId": "${account}"}`), [], account);
    }
  });

  it('marks EXAMPLE ids, account words in ARNs and <angle> placeholders, and not prose', async () => {
    assert.deepEqual(await scopedParts('{"keyId": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", "accessKeyId": "AKIAIOSFODNN7EXAMPLE"}'), [
      'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111 => invalid.deprecated.placeholder',
      'AKIAIOSFODNN7EXAMPLE => invalid.deprecated.placeholder',
    ]);
    const arn = await scopedParts('{"Resource": "arn:aws:kms:<region>:account-id:key/<key-id>"}');
    assert.deepEqual(arn.filter((p) => p.endsWith('placeholder')), [
      '<region> => invalid.deprecated.placeholder',
      'account-id => invalid.deprecated.placeholder',
      '<key-id> => invalid.deprecated.placeholder',
    ]);
    assert.deepEqual(await scopedParts('{"clusterAccount": ["customerAccountId"]}'), ['customerAccountId => invalid.deprecated.placeholder']);
    assert.deepEqual(await scopedParts('{"accountId": "x", "note": "EXAMPLES of account ids"}'), []);
  });
});

describe('grammar: hosts and scope names', () => {
  it('is contributed as an injection into JSON, JSON with Comments and JSON Lines', () => {
    const [g] = grammarContributions();
    assert.deepEqual(g.injectTo, Object.values(HOST_SCOPES));
    const raw = JSON.parse(fs.readFileSync(path.join(ROOT, g.path), 'utf8'));
    assert.equal(raw.scopeName, g.scopeName);
    assert.equal(raw.injectionSelector, 'L:string.quoted.double.json, L:support.type.property-name.json');
  });

  it('gives the same scopes in all three languages', async () => {
    const line = '{"Effect": "Allow", "Principal": {"Service": "fargate.amazonaws.com"}, "Action": "kms:CreateGrant", "Resource": "arn:aws:kms:us-west-2:482913650217:key/7f3c2a91-5b4e-4d8a-9c61-2e8b0f4d7a35", "Condition": {"ForAllValues:StringEquals": {"kms:GrantOperations": ["Decrypt"]}}}';
    const json = await scopedParts(line, 'json');
    assert.ok(json.length > 20, json.join('\n'));
    assert.deepEqual(await scopedParts(line, 'jsonc'), json);
    assert.deepEqual(await scopedParts(line, 'jsonl'), json);
  });

  it('does not reach into comments', async () => {
    assert.deepEqual(await scopedParts('{"Action": "kms:Decrypt"} // kms:Encrypt "kms:Encrypt" arn:aws:kms:us-west-2:482913650217:key/1', 'jsonc'), [
      'kms => entity.name.namespace.service',
      ': => punctuation.separator.action',
      'Decrypt => support.function.action',
    ]);
  });

  it('uses only TextMate scope families that themes colour, each scope suffixed .kms-lens', () => {
    // The roots of the TextMate naming conventions this grammar uses; `meta` and `punctuation` are structural.
    const families = /^(storage\.type|storage\.modifier|constant\.language|constant\.numeric|entity\.name\.namespace|entity\.name\.type|variable\.other|variable\.language|variable\.parameter|support\.function|support\.class|keyword\.operator|invalid\.deprecated|invalid\.illegal|punctuation\.separator|meta)\./;
    const [g] = grammarContributions();
    const names: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'name' && typeof x === 'string') names.push(...x.split(' '));
          else walk(x);
        }
      }
    };
    walk(JSON.parse(fs.readFileSync(path.join(ROOT, g.path), 'utf8')).repository);
    assert.ok(names.length > 30, `${names.length} names`);
    for (const n of names) {
      assert.ok(n.endsWith('.kms-lens'), n);
      assert.match(n, families);
    }
  });
});
