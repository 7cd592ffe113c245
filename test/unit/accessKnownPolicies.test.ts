/**
 * Key policies known from outside a log (kmsLens.keyPolicies, templates,
 * get-key-policy output, other logs): reading the mapping, finding the policy
 * in a file, and events judged against the policy in force.
 */
import * as assert from 'node:assert/strict';
import { buildModel, DEFAULT_SETTINGS, runRules } from '../../src/core';
import { keyIdInFileName, keyPolicyOfMappedFile, KnownKeyPolicies, readKeyPolicyMappings, type KnownKeyPolicy } from '../../src/core/access/knownPolicies';
import { knownPoliciesOfLog } from '../../src/core/access/logPolicies';
import { keyPolicyFromText } from '../../src/core/access/simulate';
import { hoverAt } from '../../src/core/hover';
import { BOB, KEY, KEY_POLICY, kmsEvent, log, ORDERS, OUTSIDER } from './accessFixtures';

const parse = (text: string, fileName: string) => buildModel(text, { languageId: fileName.endsWith('.yaml') ? 'yaml' : 'json', fileName }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });

function current(source = 'policies/orders.json'): KnownKeyPolicy {
  const model = keyPolicyFromText(JSON.stringify(KEY_POLICY));
  assert.ok(model);
  return { keyArn: KEY, model, origin: 'setting', source };
}

function eventNameOffset(text: string, i: number): number {
  let at = -1;
  for (let k = 0; k <= i; k++) at = text.indexOf('"eventName"', at + 1);
  return text.indexOf(':', at) + 3;
}

describe('kmsLens.keyPolicies: the mapping', () => {
  it('reads key ARN -> file and file#LogicalId, and says what it cannot read', () => {
    const { mappings, problems } = readKeyPolicyMappings({ [KEY]: 'policies/orders.json', [`${KEY.replace('1234abcd', '5678abcd')}`]: 'infra/template.yaml#OrdersKey', 'alias/orders': 'x.json', [KEY.replace('1234abcd', '9999abcd')]: 7 });
    assert.deepEqual(mappings[1], { keyArn: KEY.replace('1234abcd', '5678abcd'), path: 'infra/template.yaml', logicalId: 'OrdersKey' });
    assert.equal(problems.length, 2);
    assert.match(problems.join('\n'), /"alias\/orders" is not a key ARN/);
    assert.deepEqual(readKeyPolicyMappings(undefined), { mappings: [], problems: [] });
  });

  it('finds the policy in a policy file, get-key-policy output, and a template key (JSON and YAML)', () => {
    const plain = keyPolicyOfMappedFile(parse(JSON.stringify(KEY_POLICY), 'p.json'));
    assert.ok('model' in plain && plain.model.statements.length === 3);
    const output = keyPolicyOfMappedFile(parse(JSON.stringify({ Policy: JSON.stringify(KEY_POLICY), PolicyName: 'default' }), 'out.json'));
    assert.ok('model' in output && output.model.statements.length === 3);
    const template = { AWSTemplateFormatVersion: '2010-09-09', Resources: { OrdersKey: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: KEY_POLICY } }, Other: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: KEY_POLICY } } } };
    const json = keyPolicyOfMappedFile(parse(JSON.stringify(template), 'template.json'), 'OrdersKey');
    assert.ok('model' in json && json.origin === 'cloudFormation' && json.model.statements.length === 3);
    const twoKeys = keyPolicyOfMappedFile(parse(JSON.stringify(template), 'template.json'));
    assert.ok('problem' in twoKeys && /2 keys: map the key as FILE#LogicalId \(OrdersKey, Other\)/.test(twoKeys.problem));
    const yaml = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  OrdersKey:',
      '    Type: AWS::KMS::Key',
      '    Properties:',
      '      KeyPolicy:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Sid: AllowOrders',
      '            Effect: Allow',
      '            Principal:',
      `              AWS: arn:aws:iam::111122223333:role/OrdersService`,
      '            Action: kms:Decrypt',
      '            Resource: "*"',
      '',
    ].join('\n');
    const fromYaml = keyPolicyOfMappedFile(parse(yaml, 'template.yaml'));
    assert.ok('model' in fromYaml);
    assert.equal(fromYaml.model.statements[0].sid?.value, 'AllowOrders');
  });

  it('a key id in a file name, for get-key-policy output saved under its key', () => {
    assert.equal(keyIdInFileName('/work/keys/policy-1234ABCD-12ab-34cd-56ef-1234567890ab.json'), '1234abcd-12ab-34cd-56ef-1234567890ab');
    assert.equal(keyIdInFileName('key-policy.json'), undefined);
  });
});

describe('events against a key policy known from elsewhere', () => {
  const events = [
    kmsEvent('Decrypt', ORDERS, '2024-03-01T10:00:00Z'),
    kmsEvent('ScheduleKeyDeletion', OUTSIDER, '2024-03-01T10:02:00Z', { readOnly: false, requestParameters: { keyId: KEY, pendingWindowInDays: 7 } }),
  ];
  const text = log(events);
  const model = parse(text, 'trail.json');

  it('the hover says which statement of the mapped file allowed the call; nothing without it', () => {
    const known = new KnownKeyPolicies([current()]);
    const h = hoverAt(model, eventNameOffset(text, 0), known)?.markdown ?? '';
    assert.match(h, /\*\*Against the key policy in policies\/orders.json \(kmsLens.keyPolicies\)\*\*/);
    assert.match(h, /Allowed by statement 1 \(`AllowOrders`\)/);
    assert.doesNotMatch(hoverAt(model, eventNameOffset(text, 0))?.markdown ?? '', /Against/);
  });

  it('drift against the mapped policy names it; without it the rule is quiet', () => {
    const known = new KnownKeyPolicies([current()]);
    const drift = runRules(model, DEFAULT_SETTINGS, { known }).filter((f) => f.code === 'ct-access-drift');
    assert.equal(drift.length, 1);
    assert.match(drift[0].message, /ScheduleKeyDeletion succeeded, but the key policy in policies\/orders.json \(kmsLens.keyPolicies\) does not allow it/);
    assert.equal(runRules(model, DEFAULT_SETTINGS).filter((f) => f.code === 'ct-access-drift').length, 0);
  });

  it('a policy another log shows being set wins over the current one from its time on; before a shown change, nothing is judged', () => {
    const put = kmsEvent('PutKeyPolicy', BOB, '2024-03-01T09:00:00Z', { readOnly: false, requestParameters: { keyId: KEY, policyName: 'default', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'OnlyBob', Effect: 'Allow', Principal: { AWS: BOB.arn }, Action: 'kms:*', Resource: '*' }] }) } });
    const other = parse(log([put]), 'other.json');
    const fromOtherLog = knownPoliciesOfLog(other, 'other.json');
    assert.equal(fromOtherLog.length, 1);
    const known = new KnownKeyPolicies([current(), ...fromOtherLog]);
    assert.match(hoverAt(model, eventNameOffset(text, 0), known)?.markdown ?? '', /Against the key policy set at 2024-03-01 09:00:00 UTC in other.json/);
    // The change is after the event: the policy before it is not known, the current one is not used.
    const later = new KnownKeyPolicies([current(), ...knownPoliciesOfLog(parse(log([{ ...put, eventTime: '2024-03-02T00:00:00Z' }]), 'later.json'), 'later.json')]);
    assert.doesNotMatch(hoverAt(model, eventNameOffset(text, 0), later)?.markdown ?? '', /Against/);
  });
});
