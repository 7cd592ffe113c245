/** Helpers for the access evaluator tests: policies from statements, requests from a few fields. */
import { compilePolicy, Evaluator, policyFromText, type AccessPolicies, type AccessRequest, type CompiledPolicy, type Evaluation, type GrantInput } from '../../src/core/access';

export const ACCT = '111122223333';
export const OTHER = '444455556666';
export const KEY = `arn:aws:kms:us-west-2:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const OTHER_KEY = `arn:aws:kms:us-west-2:${ACCT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;

/** The default key policy's root statement (KMS Developer Guide, "Default key policy"). */
export const ROOT_STATEMENT = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*', Resource: '*' };

export function policyText(statements: unknown[], version: string | undefined = '2012-10-17'): string {
  return JSON.stringify(version === undefined ? { Statement: statements } : { Version: version, Statement: statements });
}

export function compiled(statements: unknown[], kind: 'key' | 'identity' | 'scp' = 'key', version?: string): CompiledPolicy {
  const model = policyFromText(policyText(statements, version), kind === 'key' ? 'keyPolicy' : 'identityPolicy');
  if (!model) throw new Error('not a policy');
  return compilePolicy(model, { kind });
}

/** An assumed-role session of `role` in `account`. */
export function session(role: string, account = ACCT, name = 'session-1'): AccessRequest['principal'] {
  return { type: 'AssumedRole', arn: `arn:aws:sts::${account}:assumed-role/${role}/${name}`, account, roleArn: `arn:aws:iam::${account}:role/${role}` };
}

export function user(name: string, account = ACCT): AccessRequest['principal'] {
  return { type: 'IAMUser', arn: `arn:aws:iam::${account}:user/${name}`, account, userName: name };
}

export function request(fields: Partial<AccessRequest> = {}): AccessRequest {
  return { action: 'kms:Decrypt', keyArn: KEY, principal: session('App'), viaService: null, encryptionContext: null, ...fields };
}

export interface Setup {
  key: unknown[];
  identity?: unknown[][];
  scps?: unknown[][];
  grants?: GrantInput[];
  version?: string;
}

export function evaluator(s: Setup): Evaluator {
  const policies: AccessPolicies = {
    keyPolicy: compiled(s.key, 'key', s.version),
    identityPolicies: s.identity?.map((st) => compiled(st, 'identity')),
    scps: s.scps?.map((st) => compiled(st, 'scp')),
    grants: s.grants,
  };
  return new Evaluator(policies);
}

export function decide(s: Setup, r: AccessRequest): Evaluation {
  return evaluator(s).evaluate(r);
}

/** A key policy statement allowing `principal` the listed actions, with an optional condition. */
export function allow(principal: unknown, actions: string | string[], condition?: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Allow', Principal: principal, Action: actions, Resource: '*', ...(condition ? { Condition: condition } : {}), ...extra };
}

export function deny(principal: unknown, actions: string | string[], condition?: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Deny', Principal: principal, Action: actions, Resource: '*', ...(condition ? { Condition: condition } : {}), ...extra };
}
