/**
 * Property tests of the access evaluator, on generated key policies, grants,
 * IAM policies, SCPs and requests:
 * - it never throws, and always gives one of the five decisions;
 * - adding a Deny statement never turns a denied request into an allowed one,
 *   and an explicit deny stays explicit;
 * - removing an Allow statement never turns a denied request into an allowed one;
 * - adding an Allow statement or a grant never turns an allowed request into a denied one;
 * - the decision does not depend on the order of the statements;
 * - Fix all (issue 11's guarantee, checked here as issue 16 asks) never turns
 *   a denied request into an allowed one, on generated key policies that AWS
 *   accepts but that KMS Lens has fixes for (action case, duplicates, a missing
 *   Version, redundant actions);
 * - a value that cannot be read (a placeholder) never gives a definite answer
 *   that the real value would contradict: either "cannot tell", or the answer
 *   the real value gives (counting explicit and implicit denies as one, since
 *   a Deny that might apply is reported beside an implicit deny, not as one).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, fixAll } from '../../src/core';
import { compilePolicy, Evaluator, policyFromText, type AccessRequest, type Decision, type GrantInput } from '../../src/core/access';
import { ACCT, decide, KEY, OTHER, OTHER_KEY, type Setup } from './accessHelpers';

const DECISIONS: readonly Decision[] = ['allow', 'explicitDeny', 'implicitDeny', 'delegated', 'unknown'];
const denied = (d: Decision): boolean => d === 'explicitDeny' || d === 'implicitDeny';

const PRINCIPALS: unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: `arn:aws:iam::${ACCT}:root` },
  { AWS: ACCT },
  { AWS: `arn:aws:iam::${ACCT}:role/App` },
  { AWS: `arn:aws:iam::${ACCT}:role/Other` },
  { AWS: `arn:aws:iam::${OTHER}:role/App` },
  { AWS: `arn:aws:iam::${OTHER}:root` },
  { AWS: `arn:aws:sts::${ACCT}:assumed-role/App/s1` },
  { AWS: `arn:aws:iam::${ACCT}:user/Bob` },
  { AWS: [`arn:aws:iam::${ACCT}:role/App`, `arn:aws:iam::${ACCT}:user/Bob`] },
  { Service: 'cloudtrail.amazonaws.com' },
];

const ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:*', 'kms:Re*', 'kms:Describe*', 'kms:GenerateDataKey*', 'kms:decrypt', 'kms:ScheduleKeyDeletion'];
const RESOURCES = ['*', KEY, OTHER_KEY, `arn:aws:kms:*:${ACCT}:key/*`];

const CONDITIONS: unknown[] = [
  { StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' } },
  { StringNotEquals: { 'aws:PrincipalOrgID': 'o-1' } },
  { Bool: { 'aws:SecureTransport': 'false' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'team' } },
  { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['team', 'app'] } },
  { StringLikeIfExists: { 'kms:EncryptionContext:team': 'a*' } },
  { Null: { 'kms:EncryptionContext:team': 'true' } },
  { StringEquals: { 'kms:CallerAccount': ACCT } },
  { StringEquals: { 'kms:EncryptionContext:team': '${aws:PrincipalTag/owner}' } },
  { DateLessThan: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } },
  { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/*` } },
  { StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' }, StringNotEquals: { 'aws:PrincipalOrgID': 'o-2' } },
];

const sid = fc.option(fc.constantFrom('A', 'B', 'C', 'D'), { nil: undefined });

const keyStatement = fc.record({
  effect: fc.constantFrom('Allow', 'Deny'),
  notPrincipal: fc.boolean().map((b) => b && Math.random() < 0.3),
  principal: fc.constantFrom(...PRINCIPALS),
  notAction: fc.boolean(),
  actions: fc.subarray(ACTIONS, { minLength: 1, maxLength: 3 }),
  notResource: fc.boolean(),
  resource: fc.constantFrom(...RESOURCES),
  condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
  sid,
}).map((s) => ({
  ...(s.sid ? { Sid: s.sid } : {}),
  Effect: s.effect,
  ...(s.notPrincipal && s.effect === 'Deny' && s.principal !== '*' ? { NotPrincipal: s.principal } : { Principal: s.principal }),
  ...(s.notAction && s.effect === 'Deny' ? { NotAction: s.actions } : { Action: s.actions }),
  ...(s.notResource && s.effect === 'Deny' && s.resource !== '*' ? { NotResource: s.resource } : { Resource: s.resource }),
  ...(s.condition ? { Condition: s.condition } : {}),
}));

const identityStatement = fc.record({
  effect: fc.constantFrom('Allow', 'Deny'),
  actions: fc.subarray(ACTIONS, { minLength: 1, maxLength: 2 }),
  resource: fc.constantFrom(...RESOURCES),
  condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
}).map((s) => ({ Effect: s.effect, Action: s.actions, Resource: s.resource, ...(s.condition ? { Condition: s.condition } : {}) }));

const grant: fc.Arbitrary<GrantInput> = fc.record({
  grantId: fc.constantFrom('g1', 'g2', 'g3'),
  granteePrincipal: fc.constantFrom(`arn:aws:iam::${ACCT}:role/App`, `arn:aws:iam::${OTHER}:role/App`, 'cloudtrail.amazonaws.com', `arn:aws:iam::${ACCT}:user/Bob`),
  operations: fc.subarray(['Decrypt', 'Encrypt', 'DescribeKey', 'ReEncryptFrom'], { minLength: 1 }),
  constraints: fc.option(fc.constantFrom({ encryptionContextSubset: { team: 'ab' } }, { encryptionContextEquals: { team: 'ab' } }), { nil: undefined }),
});

const PRINCIPAL_OF_REQUEST: Array<AccessRequest['principal']> = [
  { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/App/s1`, account: ACCT, roleArn: `arn:aws:iam::${ACCT}:role/App` },
  { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/Other/s2`, account: ACCT, roleArn: `arn:aws:iam::${ACCT}:role/Other` },
  { type: 'AssumedRole', arn: `arn:aws:sts::${OTHER}:assumed-role/App/s1`, account: OTHER, roleArn: `arn:aws:iam::${OTHER}:role/App` },
  { type: 'IAMUser', arn: `arn:aws:iam::${ACCT}:user/Bob`, account: ACCT, userName: 'Bob' },
  { type: 'Root', arn: `arn:aws:iam::${ACCT}:root`, account: ACCT },
  { type: 'AWSService', service: 'cloudtrail.amazonaws.com' },
];

const requestArb: fc.Arbitrary<AccessRequest> = fc.record({
  action: fc.constantFrom('kms:Decrypt', 'kms:Encrypt', 'kms:ReEncryptFrom', 'kms:DescribeKey', 'kms:ScheduleKeyDeletion'),
  keyArn: fc.constantFrom<string | undefined>(KEY, KEY, OTHER_KEY, undefined),
  principal: fc.constantFrom(...PRINCIPAL_OF_REQUEST),
  viaService: fc.constantFrom<string | null | undefined>(null, 's3.us-west-2.amazonaws.com', undefined),
  principalOrgId: fc.constantFrom<string | null | undefined>('o-1', 'o-2', undefined),
  secureTransport: fc.constantFrom<boolean | undefined>(true, false, undefined),
  sourceIp: fc.constantFrom<string | null | undefined>('10.1.2.3', '192.0.2.1', null, undefined),
  encryptionContext: fc.constantFrom<Record<string, string> | null | undefined>(null, { team: 'ab' }, { team: 'ab', app: 'x' }, { team: 'zz' }, undefined),
  principalTags: fc.constantFrom<Record<string, string> | undefined>({ owner: 'ab' }, {}, undefined),
  time: fc.constantFrom('2024-05-01T00:00:00Z', '2024-07-01T00:00:00Z'),
});

const setupArb: fc.Arbitrary<Setup> = fc.record({
  key: fc.array(keyStatement, { minLength: 1, maxLength: 6 }),
  identity: fc.option(fc.array(fc.array(identityStatement, { minLength: 1, maxLength: 3 }), { maxLength: 2 }), { nil: undefined }),
  scps: fc.option(fc.array(fc.array(identityStatement, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  grants: fc.array(grant, { maxLength: 2 }),
});

const RUNS = { numRuns: 300 };

describe('access: properties of the evaluator', function () {
  // Hundreds of generated policies and requests per property: bounded by counts, not by time; a busy CI machine may be slow.
  this.timeout(120_000);
  it('never throws and always gives one of the five decisions', () => {
    fc.assert(fc.property(setupArb, requestArb, (s, r) => {
      assert.ok(DECISIONS.includes(decide(s, r).decision));
    }), RUNS);
  });

  it('adding a Deny statement never turns a denied request into an allowed one; an explicit deny stays explicit', () => {
    fc.assert(fc.property(setupArb, requestArb, keyStatement, fc.nat(), (s, r, extra, at) => {
      const before = decide(s, r).decision;
      const key = [...s.key];
      key.splice(at % (key.length + 1), 0, { ...extra, Effect: 'Deny' });
      const after = decide({ ...s, key }, r).decision;
      if (denied(before)) assert.ok(denied(after), `${before} -> ${after}`);
      if (before === 'explicitDeny') assert.equal(after, 'explicitDeny');
      assert.notEqual(after === 'allow' && before !== 'allow', true, `${before} -> ${after}`);
    }), RUNS);
  });

  it('removing an Allow statement never turns a denied request into an allowed one', () => {
    fc.assert(fc.property(setupArb, requestArb, fc.nat(), (s, r, which) => {
      const allows = s.key.map((st, i) => [st, i] as const).filter(([st]) => (st as { Effect: string }).Effect === 'Allow');
      fc.pre(allows.length > 0);
      const drop = allows[which % allows.length][1];
      const before = decide(s, r).decision;
      const after = decide({ ...s, key: s.key.filter((_, i) => i !== drop) }, r).decision;
      if (before !== 'allow') assert.notEqual(after, 'allow', `${before} -> ${after}`);
      if (denied(before)) assert.ok(denied(after), `${before} -> ${after}`);
    }), RUNS);
  });

  it('adding an Allow statement or a grant never turns an allowed request into a denied one', () => {
    // Setups that allow often: App of the key's account, allowed everything by a first statement.
    const app = PRINCIPAL_OF_REQUEST[0];
    const allowApp = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:role/App` }, Action: 'kms:*', Resource: '*' };
    fc.assert(fc.property(setupArb, requestArb, keyStatement, grant, (generated, generatedRequest, extra, g) => {
      const s = { ...generated, key: [allowApp, ...generated.key] };
      const r = { ...generatedRequest, principal: app };
      const before = decide(s, r).decision;
      fc.pre(before === 'allow');
      assert.equal(decide({ ...s, key: [...s.key, { ...extra, Effect: 'Allow' }] }, r).decision, 'allow');
      assert.equal(decide({ ...s, grants: [...(s.grants ?? []), g] }, r).decision, 'allow');
    }), RUNS);
  });

  it('the decision does not depend on the order of the statements', () => {
    fc.assert(fc.property(setupArb, requestArb, fc.nat(), (s, r, seed) => {
      const shuffled = [...s.key];
      let x = seed;
      for (let i = shuffled.length - 1; i > 0; i--) {
        x = (x * 1103515245 + 12345) >>> 0;
        const j = x % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      const a = decide(s, r);
      const b = decide({ ...s, key: shuffled }, r);
      assert.equal(b.decision, a.decision);
      assert.equal(b.decidedBy.length, a.decidedBy.length);
    }), RUNS);
  });

  it('a placeholder never gives a definite answer the real value contradicts', () => {
    const placeholders = ['${placeholder}', '{{ value }}', '<ACCOUNT_ID>'];
    fc.assert(fc.property(setupArb, requestArb, fc.nat(), fc.constantFrom(...placeholders), fc.constantFrom('principal', 'condition', 'resource'), (s, r, which, placeholder, part) => {
      const i = which % s.key.length;
      const st = s.key[i] as Record<string, unknown>;
      let changed: Record<string, unknown> | undefined;
      if (part === 'principal' && st.Principal !== undefined) changed = { ...st, Principal: { AWS: `arn:aws:iam::${placeholder}:role/App` } };
      if (part === 'resource' && st.Resource !== undefined) changed = { ...st, Resource: placeholder };
      if (part === 'condition' && st.Condition !== undefined) {
        const [op, entries] = Object.entries(st.Condition as Record<string, Record<string, unknown>>)[0];
        const [k] = Object.keys(entries);
        changed = { ...st, Condition: { [op]: { [k]: placeholder } } };
      }
      fc.pre(changed !== undefined);
      const unreadable = decide({ ...s, key: s.key.map((x, j) => (j === i ? changed : x)) }, r).decision;
      if (unreadable === 'unknown') return;
      // Any real value the placeholder might stand for: the original one, and one that matches nothing.
      for (const real of [s.key[i], { ...st, ...(part === 'resource' ? { Resource: OTHER_KEY } : {}) }]) {
        const d = decide({ ...s, key: s.key.map((x, j) => (j === i ? real : x)) }, r).decision;
        const same = d === unreadable || (denied(d) && denied(unreadable));
        assert.ok(same, `placeholder gave ${unreadable}, a real value gives ${d}`);
      }
    }), RUNS);
  });

  it('Fix all never turns a denied request into an allowed one', () => {
    const fixable = fc.record({
      Effect: fc.constantFrom('Allow', 'Deny'),
      Principal: fc.constantFrom<unknown>({ AWS: `arn:aws:iam::${ACCT}:root` }, { AWS: `arn:aws:iam::${ACCT}:role/App` }, { AWS: '*' }, { AWS: [`arn:aws:iam::${ACCT}:role/App`, `arn:aws:iam::${ACCT}:role/App`] }, { Service: 'cloudtrail.amazonaws.com' }),
      Action: fc.subarray(['kms:Decrypt', 'kms:decrypt', 'KMS:Encrypt', 'kms:*', 'kms:Re*', 'kms:DescribeKey', 'kms:GenerateDataKey*', 'kms:GenerateDataKey'], { minLength: 1 }),
      Resource: fc.constantFrom<unknown>('*', ['*'], KEY),
      Condition: fc.option(fc.constantFrom<unknown>(
        { StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' } },
        { StringEquals: { 'kms:EncryptionContext:owner': '${aws:username}' } },
        { StringNotEquals: { 'aws:PrincipalOrgID': 'o-1' } },
        { StringEquals: { 'kms:CallerAccount': ACCT } },
      ), { nil: undefined }),
    });
    const policy = fc.record({ version: fc.constantFrom('2012-10-17', '2008-10-17', undefined), statements: fc.array(fixable, { minLength: 1, maxLength: 4 }) })
      .map((p) => JSON.stringify({ ...(p.version ? { Version: p.version } : {}), Statement: p.statements }, null, 2));
    const principals = PRINCIPAL_OF_REQUEST.filter((p) => p.type !== 'Root' && p.account !== OTHER);
    const fixRequest = fc.record({
      action: fc.constantFrom('kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'),
      keyArn: fc.constant(KEY),
      principal: fc.constantFrom(...principals),
      viaService: fc.constantFrom<string | null>(null, 's3.us-west-2.amazonaws.com'),
      principalOrgId: fc.constantFrom('o-1', 'o-2'),
      encryptionContext: fc.constantFrom<Record<string, string> | null>(null, { owner: 'Bob' }, { owner: '${aws:username}' }),
    });
    const decision = (text: string, r: AccessRequest): Decision | undefined => {
      const model = policyFromText(text);
      return model && new Evaluator({ keyPolicy: compilePolicy(model), identityPolicies: [] }).evaluate(r).decision;
    };
    fc.assert(fc.property(policy, fixRequest, (text, r) => {
      const before = decision(text, r);
      fc.pre(before !== undefined && denied(before));
      const fixed = fixAll(text, { languageId: 'json', fileName: 'key-policy.json' }, DEFAULT_SETTINGS).text;
      const after = decision(fixed, r);
      assert.ok(after === undefined || after !== 'allow', `Fix all allowed a denied request:\n${text}\n->\n${fixed}`);
    }), { numRuns: 200 });
  });
});
