/**
 * Requests from CloudTrail events, on the KMS Developer Guide's own examples
 * (test/fixtures/corpus: ct-*.md events, the policy-evaluation page's policies,
 * the Fargate and Deadline Cloud guides' events), and the evaluation of those
 * events against the documented policies.
 */
import * as assert from 'node:assert/strict';
import { compilePolicy, contradiction, eventOutcome, Evaluator, grantInputOf, policyFromText, requestsFromEvent } from '../../src/core/access';
import { buildGrantsModel } from '../../src/core/keys/build';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS, fixture } from './helpers';

const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function event(name: string): unknown {
  return JSON.parse(fixture('corpus', 'awsdocs', `${name}.json`));
}

function seed(name: string): unknown {
  return JSON.parse(fixture('corpus', 'seeds', `${name}.json`));
}

function keyPolicy(name: string) {
  const model = policyFromText(fixture('corpus', 'awsdocs', `${name}.json`));
  assert.ok(model);
  return compilePolicy(model);
}

describe('access: requests from CloudTrail events', () => {
  it('Decrypt by an IAM user from an address (ct-decrypt-0)', () => {
    const [r] = requestsFromEvent(event('ct-decrypt-0'));
    assert.equal(r.action, 'kms:Decrypt');
    assert.equal(r.keyArn, KEY);
    assert.deepEqual(r.principal, { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/Alice', account: '111122223333', userId: 'EX_PRINCIPAL_ID', userName: 'Alice' });
    assert.deepEqual(r.encryptionContext, { Department: 'Engineering', Project: 'Alpha' });
    assert.equal(r.viaService, null);
    assert.equal(r.sourceIp, '192.0.2.0');
    assert.equal(r.sourceVpce, null);
    assert.equal(r.time, '2020-07-27T22:58:24Z');
    assert.equal(r.region, 'us-west-2');
  });

  it('ReEncrypt is two requests: ReEncryptFrom on the source key, ReEncryptTo on the destination (ct-reencrypt-0)', () => {
    const [from, to] = requestsFromEvent(event('ct-reencrypt-0'));
    assert.equal(from.action, 'kms:ReEncryptFrom');
    assert.equal(from.keyArn, KEY);
    assert.deepEqual(from.encryptionContext, { Project: 'Alpha', Department: 'Engineering' });
    assert.equal(to.action, 'kms:ReEncryptTo');
    assert.equal(to.keyArn, 'arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321');
    assert.deepEqual(to.encryptionContext, { Level: '3A' });
  });

  it('RetireGrant names its grant from additionalEventData (ct-retire-grant-0)', () => {
    const [r] = requestsFromEvent(event('ct-retire-grant-0'));
    assert.equal(r.action, 'kms:RetireGrant');
    assert.equal(r.grantId, 'abcde1237f76e4ba7987489ac329fbfba6ad343d6f7075dbd1ef191f0120514a');
    // Its encryption context condition keys come from the grant, which the event does not show.
    assert.equal(r.encryptionContext, undefined);
    assert.equal(requestsFromEvent(event('ct-describekey-0'))[0].encryptionContext, null);
  });

  it('a call a service makes on the principal\'s behalf carries kms:ViaService (Deadline Cloud Decrypt, its shifted ARNs read as meant)', () => {
    const [r] = requestsFromEvent(seed('deadline-decrypt'));
    assert.equal(r.viaService, 'deadline.us-west-2.amazonaws.com');
    assert.equal(r.sourceIp, undefined, 'the address a service calls from is not the caller\'s');
    assert.equal(r.principal.arn, 'arn:aws:sts::111122223333:assumed-role/SampleRole/SampleUser01');
    assert.equal(r.principal.roleArn, 'arn:aws:iam::111122223333:role/SampleRole');
    assert.equal(r.mfa, false);
    assert.equal(r.keyArn, 'arn:aws:kms:us-west-2:111122223333:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111');
  });

  it('a service principal calling as itself: CreateGrant by the EC2 front end, with the grant\'s condition keys', () => {
    const [r] = requestsFromEvent(seed('fargate-creategrant'));
    assert.deepEqual(r.principal, { type: 'AWSService', service: 'ec2-frontend-api.amazonaws.com' });
    assert.equal(r.viaService, undefined);
    assert.deepEqual(r.context, {
      'kms:GrantOperations': ['Decrypt'],
      'kms:GranteePrincipal': 'fargate.us-west-2.amazonaws.com',
      'kms:RetiringPrincipal': 'ec2.us-west-2.amazonaws.com',
      'kms:GrantConstraintType': 'EncryptionContextSubset',
    });
  });

  it('a request through a VPC endpoint has aws:SourceVpce and no aws:SourceIp', () => {
    const e = { ...(event('ct-decrypt-0') as Record<string, unknown>), vpcEndpointId: 'vpce-1a2b3c4d5e6f' };
    const [r] = requestsFromEvent(e);
    assert.equal(r.sourceVpce, 'vpce-1a2b3c4d5e6f');
    assert.equal(r.sourceIp, null);
  });

  it('events that are not KMS calls give no request', () => {
    assert.deepEqual(requestsFromEvent(event('ct-rotatekey-0')), []);
    assert.deepEqual(requestsFromEvent({ eventSource: 's3.amazonaws.com', eventName: 'GetObject' }), []);
    assert.deepEqual(requestsFromEvent('not an event'), []);
  });

  it('the outcome: success, refused as not authorised, or another failure (a dry run succeeds)', () => {
    assert.equal(eventOutcome(event('ct-decrypt-0')), 'success');
    assert.equal(eventOutcome({ errorCode: 'AccessDenied' }), 'accessDenied');
    assert.equal(eventOutcome({ errorCode: 'DisabledException' }), 'otherFailure');
    assert.equal(eventOutcome(seed('fargate-creategrant-dryrun')), 'success');
  });
});

describe('access: decisions against what happened (drift)', () => {
  it('a successful call the known policy denies, and a refused one it allows, contradict it; the rest does not', () => {
    assert.equal(contradiction('implicitDeny', 'success'), 'succeededButDenied');
    assert.equal(contradiction('explicitDeny', 'success'), 'succeededButDenied');
    assert.equal(contradiction('allow', 'accessDenied'), 'refusedButAllowed');
    for (const d of ['allow', 'delegated', 'unknown'] as const) assert.equal(contradiction(d, 'success'), undefined);
    for (const d of ['implicitDeny', 'explicitDeny', 'delegated', 'unknown'] as const) assert.equal(contradiction(d, 'accessDenied'), undefined);
    // A call that failed for another reason (a disabled key) says nothing about authorisation.
    assert.equal(contradiction('implicitDeny', 'otherFailure'), undefined);
    assert.equal(contradiction('allow', 'otherFailure'), undefined);
  });
});

describe('access: documented events against documented policies', () => {
  it('KMS Developer Guide, policy-evaluation Example 1: Alice\'s Decrypt under a key policy that only delegates to IAM', () => {
    const evaluator = new Evaluator({ keyPolicy: keyPolicy('policy-evaluation-0') });
    const [r] = requestsFromEvent(event('ct-decrypt-0'));
    const e = evaluator.evaluate(r);
    assert.equal(e.decision, 'delegated');
    assert.deepEqual(e.decidedBy, [{ type: 'delegation', account: '111122223333', statement: { type: 'statement', policy: { kind: 'key' }, index: 0, sid: 'Delegate to IAM policies', effect: 'Allow' } }]);
    // "no IAM policy gives Alice permission to use the KMS key": denied.
    const withIam = new Evaluator({ keyPolicy: keyPolicy('policy-evaluation-0'), identityPolicies: [] });
    assert.equal(withIam.evaluate(r).decision, 'implicitDeny');
  });

  it('KMS Developer Guide, policy-evaluation Example 2: the Engineering role of account 1 uses the key of account 2', () => {
    const iam = policyFromText(fixture('corpus', 'awsdocs', 'policy-evaluation-2.json'), 'identityPolicy');
    assert.ok(iam);
    const evaluator = new Evaluator({ keyPolicy: keyPolicy('policy-evaluation-1'), identityPolicies: [compilePolicy(iam)] });
    const r = {
      action: 'kms:Decrypt',
      keyArn: 'arn:aws:kms:us-west-2:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      principal: { type: 'AssumedRole' as const, arn: 'arn:aws:sts::111122223333:assumed-role/Engineering/bob', account: '111122223333', roleArn: 'arn:aws:iam::111122223333:role/Engineering' },
      encryptionContext: null,
    };
    const e = evaluator.evaluate(r);
    assert.equal(e.decision, 'allow');
    assert.equal(e.crossAccount, true);
    assert.deepEqual(e.decidedBy.map((d) => d.type), ['delegation', 'statement']);
  });

  it('Fargate: CloudTrail shows the EC2 front end calling for Fargate, on a key whose documented policy names fargate.amazonaws.com: "cannot tell", not "denied"', () => {
    const policy = policyFromText(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Allow generate data key access for Fargate tasks.', Effect: 'Allow', Principal: { Service: 'fargate.amazonaws.com' }, Action: ['kms:GenerateDataKeyWithoutPlaintext'], Resource: '*' }] }));
    assert.ok(policy);
    const [r] = requestsFromEvent(seed('fargate-generatedatakeywithoutplaintext'));
    assert.deepEqual(r.principal, { type: 'AWSService', service: 'ec2-frontend-api.amazonaws.com' });
    assert.equal(new Evaluator({ keyPolicy: compilePolicy(policy) }).evaluate(r).decision, 'unknown');
    // The service itself (the documented dry runs come from fargate.amazonaws.com) is allowed.
    assert.equal(new Evaluator({ keyPolicy: compilePolicy(policy) }).evaluate({ ...r, principal: { type: 'AWSService', service: 'fargate.amazonaws.com' } }).decision, 'allow');
  });

  it('EBS\'s grant to an instance (ct-ec2two-0): the grantee is written in a form the evaluator cannot read, so the instance\'s Decrypt is "cannot tell", not "denied"', () => {
    const text = fixture('corpus', 'awsdocs', 'ct-ec2two-0.json');
    const model = buildModel(text, { languageId: 'json', fileName: 'ct-ec2two-0.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    const grants = buildGrantsModel([{ id: 'ct-ec2two-0.json', model }]).keys.flatMap((k) => k.grants.map((g) => grantInputOf(g, k.key.arn)));
    assert.equal(grants.length, 1);
    const evaluator = new Evaluator({ keyPolicy: keyPolicy('policy-evaluation-0'), grants, identityPolicies: [] });
    const decrypt = (JSON.parse(text) as { Records: unknown[] }).Records[3];
    const [r] = requestsFromEvent(decrypt);
    assert.equal(evaluator.evaluate(r).decision, 'unknown');
  });
});

describe('access: the whole corpus', () => {
  it('every policy of the corpus compiles, and every event of it is evaluated against each without throwing', () => {
    const files = ['awsdocs', 'seeds'].flatMap((d) => fs.readdirSync(path.join(CORPUS, d)).filter((f) => f.endsWith('.json')).map((f) => path.join(CORPUS, d, f)));
    const policies = [];
    const events: unknown[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        continue;
      }
      const records = (value as { Records?: unknown[] }).Records;
      if (Array.isArray(records)) events.push(...records);
      else if ((value as { eventSource?: unknown }).eventSource) events.push(value);
      else if ((value as { Statement?: unknown }).Statement) {
        const model = policyFromText(text);
        if (model) policies.push(compilePolicy(model));
      }
    }
    assert.ok(policies.length > 40 && events.length > 60, `${policies.length} policies, ${events.length} events`);
    const seen = new Set<string>();
    for (const p of policies) {
      const evaluator = new Evaluator({ keyPolicy: p });
      for (const e of events) for (const r of requestsFromEvent(e)) seen.add(evaluator.evaluate(r).decision);
    }
    assert.deepEqual([...seen].sort(), ['allow', 'delegated', 'explicitDeny', 'implicitDeny', 'unknown']);
  });
});
