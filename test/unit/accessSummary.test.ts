/**
 * The access summary of a key policy: by principal, what each may and may not
 * do, under which conditions, with the statement that says so; as the hover
 * on "Statement" and as `kms-lens access`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { accessSummary, describeAccessSummary } from '../../src/core/access/summary';
import { keyPolicyFromText } from '../../src/core/access/simulate';
import { hoverAt } from '../../src/core/hover';
import { ACCOUNT, KEY_POLICY } from './accessFixtures';
import { FIXTURES, runCli } from './helpers';

function summaryOf(policy: unknown) {
  const model = keyPolicyFromText(JSON.stringify(policy));
  assert.ok(model);
  return accessSummary(model);
}

describe('access summary', () => {
  it('groups the statements by principal, with conditions and the statement that says so', () => {
    const s = summaryOf(KEY_POLICY);
    assert.deepEqual(s.entries.map((e) => [e.who, e.kind, e.delegation, e.lines.map((l) => [l.effect, l.index, l.sid])]), [
      [`any principal of account ${ACCOUNT} whose IAM policies allow it`, 'account', true, [['Allow', 0, 'Enable IAM User Permissions']]],
      ['role OrdersService', 'role', false, [['Allow', 1, 'AllowOrders'], ['Deny', 2, 'DenyOutsideDynamo']]],
    ]);
    const text = describeAccessSummary(s);
    assert.ok(text.includes('Role OrdersService:'), text.join('\n'));
    assert.ok(text.includes('  may Decrypt, Encrypt and CreateGrant (statement 1, AllowOrders)'), text.join('\n'));
    assert.ok(text.includes('  may not Encrypt when not called through DynamoDB in us-west-2 (statement 2, DenyOutsideDynamo)'), text.join('\n'));
    assert.ok(text.includes('A denial overrides any permission, from this policy, IAM policies or grants.'));
  });

  it('says "only when" with each condition of an Allow, and names anyone and services', () => {
    const s = summaryOf({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'dynamodb.us-west-2.amazonaws.com' } } },
        { Effect: 'Allow', Principal: { Service: 'logs.us-west-2.amazonaws.com' }, Action: 'kms:Encrypt*', Resource: '*' },
      ],
    });
    assert.deepEqual(s.entries.map((e) => e.kind), ['anyone', 'service']);
    const [anyone] = describeAccessSummary(s).filter((l) => l.startsWith('  may Decrypt'));
    assert.equal(anyone, '  may Decrypt, only when the caller\'s account is 111122223333 and called through DynamoDB in us-west-2 (statement 0)');
  });

  it('leaves out, and counts, statements AWS would not read (no Effect, no Principal)', () => {
    const s = summaryOf({ Version: '2012-10-17', Statement: [{ Effect: 'Alow', Principal: '*', Action: 'kms:*', Resource: '*' }, { Effect: 'Allow', Action: 'kms:*', Resource: '*' }] });
    assert.equal(s.entries.length, 0);
    assert.equal(s.unread, 2);
    assert.match(describeAccessSummary(s).join('\n'), /no one gets access from it[\s\S]*2 statements have no valid/);
  });

  it('is the hover on a key policy\'s "Statement" key, and only there', () => {
    const text = JSON.stringify(KEY_POLICY, null, 2);
    const model = buildModel(text, { languageId: 'json', fileName: 'key-policy.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    const at = text.indexOf('"Statement"') + 3;
    const h = hoverAt(model, at);
    assert.ok(h);
    assert.match(h.markdown, /\*\*Who can use this key\*\*/);
    assert.match(h.markdown, /- Role `OrdersService`:\n {2}- may `Decrypt`, `Encrypt` and `CreateGrant` \(statement 1, `AllowOrders`\)/);
    assert.equal(text.slice(h.start, h.end), '"Statement"');
    const elsewhere = hoverAt(model, text.indexOf('"Version"') + 3);
    assert.doesNotMatch(elsewhere?.markdown ?? '', /Who can use this key/);
  });

  it('is not shown on an IAM policy\'s "Statement"', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }, null, 2);
    const model = buildModel(text, { languageId: 'json', fileName: 'role-policy.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.doesNotMatch(hoverAt(model, text.indexOf('"Statement"') + 3)?.markdown ?? '', /Who can use this key/);
  });
});

describe('kms-lens access', () => {
  const policies = path.join(FIXTURES, 'workspace', 'policies');

  it('prints each key policy\'s summary and skips the files that hold none, saying why', () => {
    const r = runCli(['access', policies]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /default-key-policy\.json:\n {2}Any principal of account 111122223333 whose IAM policies allow it:\n {4}may perform every KMS action \(kms:\*\) \(statement 0, Enable IAM User Permissions\)/);
    assert.match(r.stderr, /skipped .*deploy-role-trust-policy\.json: not a key policy \(read as an IAM role trust policy\)/);
  });

  it('--format json: the entries, with 0-based statement indexes', () => {
    const r = runCli(['access', '--format', 'json', path.join(policies, 'default-key-policy.json')]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.length, 1);
    assert.equal(out[0].policy, 0);
    assert.deepEqual(out[0].entries[0].lines[0], { effect: 'Allow', actions: 'perform every KMS action (kms:*)', conditions: [], index: 0, sid: 'Enable IAM User Permissions' });
  });

  it('reads get-key-policy output; exits 2 when no input holds a key policy', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-access-'));
    try {
      fs.writeFileSync(path.join(dir, 'out.json'), JSON.stringify({ Policy: JSON.stringify(KEY_POLICY), PolicyName: 'default' }));
      const r = runCli(['access', 'out.json'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Role OrdersService:/);
      const none = runCli(['access', path.join(policies, 'deploy-role-trust-policy.json')]);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /nothing was analysed: none of the inputs is a key policy/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
