/**
 * The one place that decides what kind of policy a document is, from its
 * content; the file name only breaks ties. Plain values in, a KindDecision
 * out (policy/kinds.ts): cheap, no parse tree needed.
 *
 * The questions, in order:
 * - no statement names a principal: an identity policy (or permissions
 *   boundary), or a service control policy when it only denies, with the
 *   shapes SCPs have (NotAction, aws:RequestedRegion, aws:PrincipalArn, ...);
 * - only sts:AssumeRole* (and TagSession, SetSourceIdentity, SetContext):
 *   an IAM role trust policy;
 * - `"Principal": "*"`, `"Resource": "*"`, Deny, across the services resource
 *   control policies cover (S3, STS, SQS, Secrets Manager, KMS): an RCP;
 * - `"Action": "*"` with a principal: a VPC endpoint policy (the default one);
 * - mostly another service's actions (or resources): that service's resource policy;
 * - kms: actions with principals: a key policy or a KMS VPC endpoint policy,
 *   told apart by evidence (a service principal, the account root with
 *   kms:*, key administration, a console or AWS managed key policy Id, versus
 *   actions that only work in IAM policies and key ARNs in Resource). Without
 *   enough evidence either way, the kind is uncertain: it is read as a key
 *   policy (unless the file name says otherwise), and its findings are shown
 *   as information at most.
 */
import * as l10n from '@vscode/l10n';
import { isKeyResourceAction, kmsAction } from '../data/iam';
import type { KindDecision, PolicyKind } from './kinds';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

interface StatementFacts {
  effect: string | undefined;
  hasPrincipal: boolean;
  /** Principal types (AWS, Service, Federated, CanonicalUser), or '*' for `"Principal": "*"`. */
  principalTypes: Set<string>;
  principals: string[];
  /** Every principal is everyone (`"*"` or `{"AWS": "*"}`). */
  anyone: boolean;
  /** Action and NotAction, lower case. */
  actions: string[];
  notAction: boolean;
  resources: string[];
  conditionKeys: string[];
}

function factsOf(s: Obj): StatementFacts {
  const principal = s.Principal ?? s.NotPrincipal;
  const principalTypes = new Set<string>();
  const principals: string[] = [];
  if (typeof principal === 'string') {
    principalTypes.add('*');
    principals.push(principal);
  } else if (isObject(principal)) {
    for (const [type, v] of Object.entries(principal)) {
      principalTypes.add(type);
      principals.push(...strings(v));
    }
  }
  const conditionKeys: string[] = [];
  if (isObject(s.Condition)) for (const block of Object.values(s.Condition)) if (isObject(block)) conditionKeys.push(...Object.keys(block).map((k) => k.toLowerCase()));
  return {
    // Told by case-insensitively: "allow" is a mistake (reported), not another kind of statement.
    effect: typeof s.Effect === 'string' ? s.Effect.toLowerCase() : undefined,
    hasPrincipal: 'Principal' in s || 'NotPrincipal' in s,
    principalTypes,
    principals,
    anyone: principals.length > 0 && principals.every((p) => p === '*') && [...principalTypes].every((t) => t === '*' || t === 'AWS'),
    actions: [...strings(s.Action), ...strings(s.NotAction)].map((a) => a.toLowerCase()),
    notAction: 'NotAction' in s,
    resources: [...strings(s.Resource), ...strings(s.NotResource)],
    conditionKeys,
  };
}

const serviceOf = (action: string): string => (action === '*' ? '*' : action.includes(':') ? action.slice(0, action.indexOf(':')) : '');
const isAllow = (s: StatementFacts): boolean => s.effect === 'allow';

const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);
/** Services resource control policies apply to. [AWS Organizations: "Resource control policies (RCPs)"] */
const RCP_SERVICES = new Set(['s3', 'sts', 'sqs', 'secretsmanager', 'kms']);
const ORG_KEYS = ['aws:principalorgid', 'aws:principalorgpaths', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:resourceorgid', 'aws:principalisawsservice'];
/** Condition keys that service control policies are written with (guardrails on who and where). */
const SCP_KEYS = ['aws:requestedregion', 'aws:principalarn', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount'];
const KEY_POLICY_ID = /^(key-default-\d+|key-consolepolicy(-\d+)?|auto-.+)$/;
const ADMIN_ACTIONS = new Set(['kms:putkeypolicy', 'kms:put*', 'kms:schedulekeydeletion', 'kms:cancelkeydeletion']);
const ROOT = /^(arn:[^:]*:iam::\d{12}:root|\d{12})$/;
const KMS_ARN = /^arn:[^:]*:kms:/;

/** What the file name says, used only between kinds the content fits equally. */
export function kindFromFileName(fileName: string | undefined): { kind: PolicyKind; service?: string } | undefined {
  const base = (fileName ?? '').split(/[\\/]/).pop()?.toLowerCase() ?? '';
  if (/key[-_ .]?polic|kms[-_ .]?(key|polic)|keypolic/.test(base)) return { kind: 'keyPolicy' };
  if (/endpoint|vpce/.test(base)) return { kind: 'vpcEndpointPolicy' };
  if (/trust|assume[-_ .]?role/.test(base)) return { kind: 'trustPolicy' };
  if (/(^|[^a-z])rcps?([^a-z]|$)|resource[-_ .]?control/.test(base)) return { kind: 'resourceControlPolicy' };
  if (/(^|[^a-z])scps?([^a-z]|$)|service[-_ .]?control/.test(base)) return { kind: 'serviceControlPolicy' };
  if (/bucket[-_ .]?polic/.test(base)) return { kind: 'resourcePolicy', service: 's3' };
  if (/boundary|(iam|identity)[-_ .]?polic/.test(base)) return { kind: 'identityPolicy' };
  return undefined;
}

function decided(kind: PolicyKind, reason: string, extra: Partial<KindDecision> = {}): KindDecision {
  return { kind, certain: true, alternatives: [], reason, source: 'content', ...extra };
}

/**
 * Between kinds the content fits equally: the file name decides when it names
 * one of them; otherwise `reading`, uncertain.
 */
function tie(reading: PolicyKind, alternatives: PolicyKind[], reason: string, fileName: string | undefined): KindDecision {
  const named = kindFromFileName(fileName);
  if (named && (named.kind === reading || alternatives.includes(named.kind))) {
    return { kind: named.kind, service: named.service, certain: true, alternatives: [reading, ...alternatives].filter((k) => k !== named.kind), reason: l10n.t('{0} The file name says which.', reason), source: 'fileName' };
  }
  return { kind: reading, certain: false, alternatives, reason, source: 'content' };
}

/** The most frequent service, from actions (or, failing those, from resource ARNs). */
function mainService(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = 0;
  for (const [s, c] of counts) if (c > n) [best, n] = [s, c];
  return best;
}

function resourceServices(facts: StatementFacts[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of facts) {
    for (const r of f.resources) {
      const m = /^arn:[^:]*:([^:]+):/.exec(r);
      if (m && m[1] !== 'kms') counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    }
  }
  return counts;
}

export interface PolicyContent {
  /** The policy's `Id`, when it has one (a bare statement has none). */
  id?: unknown;
  statements: unknown[];
}

export function detectPolicyKind(content: PolicyContent, fileName?: string): KindDecision {
  const facts = content.statements.filter(isObject).map(factsOf);
  if (facts.length === 0) {
    const named = kindFromFileName(fileName);
    if (named) return decided(named.kind, l10n.t('It has no statement to tell its kind by; the file name says which.'), { service: named.service, source: 'fileName' });
    return decided('identityPolicy', l10n.t('It has no statement to tell its kind by.'));
  }

  if (!facts.some((f) => f.hasPrincipal)) return withoutPrincipal(facts, fileName);

  const actions = facts.flatMap((f) => f.actions);
  const allowActions = facts.filter(isAllow).flatMap((f) => f.actions);
  if (actions.length > 0 && actions.every((a) => TRUST_ACTIONS.has(a)) && allowActions.some((a) => a.startsWith('sts:assumerole'))) {
    return decided('trustPolicy', l10n.t('Its statements allow only sts:AssumeRole and the session actions that go with it.'));
  }

  const services = new Map<string, number>();
  for (const a of actions) {
    const s = serviceOf(a);
    if (s) services.set(s, (services.get(s) ?? 0) + 1);
  }
  const kms = services.get('kms') ?? 0;
  const star = services.get('*') ?? 0;
  const others = new Map([...services].filter(([s]) => s !== 'kms' && s !== '*'));
  const otherCount = [...others.values()].reduce((a, b) => a + b, 0);

  const rcpShape = facts.every((f) => f.anyone && f.resources.every((r) => r === '*'))
    && facts.every((f) => f.effect === 'deny' || (f.actions.every((a) => a === '*')));
  const named = [...services.keys()].filter((s) => s !== '*');
  // One service with organisation keys is an RCP too, unless that service is KMS: a key policy denies that way as well.
  const orgKeys = facts.some((f) => f.conditionKeys.some((k) => ORG_KEYS.includes(k)));
  if (rcpShape && named.length > 0 && named.every((s) => RCP_SERVICES.has(s)) && (named.length >= 2 || (named[0] !== 'kms' && orgKeys))) {
    return decided('resourceControlPolicy', l10n.t('It denies everyone ("Principal": "*") actions of several of the services resource control policies cover.'));
  }

  if (kms === 0 && otherCount === 0 && star > 0) {
    return decided('vpcEndpointPolicy', l10n.t('It allows "Action": "*" to a principal, as the default VPC endpoint policy does.'), { alternatives: ['resourceControlPolicy'] });
  }

  if (otherCount > kms || (kms === 0 && otherCount === 0 && resourceServices(facts).size > 0)) {
    const service = mainService(others.size > 0 ? others : resourceServices(facts));
    return decided('resourcePolicy', l10n.t('It names principals and its actions are of {0}, not of KMS.', service ?? '?'), { service, alternatives: ['vpcEndpointPolicy'] });
  }

  // Every statement names resources of one other service (a queue, a topic): that service's policy,
  // whatever its kms: actions say (they allow nothing there; policy-kms-action-in-resource-policy says why).
  const owner = soleResourceService(facts);
  if (owner) {
    return decided('resourcePolicy', l10n.t('It names principals, and every statement\'s Resource is a resource of {0}, not a KMS key.', owner), { service: owner, alternatives: [] });
  }

  return kmsWithPrincipals(content, facts, rcpShape, fileName);
}

/** The one service whose ARNs are every Resource of every statement (no "*", no KMS ARN), if there is one. */
function soleResourceService(facts: StatementFacts[]): string | undefined {
  let service: string | undefined;
  for (const f of facts) {
    if (f.resources.length === 0) return undefined;
    for (const r of f.resources) {
      const m = /^arn:[^:]*:([^:]+):/.exec(r);
      if (!m || m[1] === 'kms' || (service !== undefined && m[1] !== service)) return undefined;
      service = m[1];
    }
  }
  return service;
}

function withoutPrincipal(facts: StatementFacts[], fileName: string | undefined): KindDecision {
  const allDeny = facts.every((f) => f.effect === 'deny');
  const keys = facts.flatMap((f) => f.conditionKeys);
  const scpShaped = allDeny && (facts.some((f) => f.notAction) || keys.some((k) => SCP_KEYS.includes(k)) || facts.some((f) => f.actions.includes('organizations:leaveorganization')));
  const named = kindFromFileName(fileName)?.kind;
  if (scpShaped || named === 'serviceControlPolicy') {
    return decided('serviceControlPolicy', l10n.t('No statement names a principal, and it only denies, with the guardrails service control policies are written with.'), {
      alternatives: ['identityPolicy'],
      source: scpShaped ? 'content' : 'fileName',
    });
  }
  return decided('identityPolicy', l10n.t('No statement names a principal: it is attached to an identity (or is a permissions boundary).'), { alternatives: ['serviceControlPolicy'] });
}

/** kms: actions with principals: a key policy, or a policy that filters KMS requests (VPC endpoint, RCP). */
function kmsWithPrincipals(content: PolicyContent, facts: StatementFacts[], rcpShape: boolean, fileName: string | undefined): KindDecision {
  const keyEvidence: string[] = [];
  let key = 0;
  const endpointEvidence: string[] = [];
  let endpoint = 0;

  if (facts.some((f) => f.principalTypes.has('Service'))) {
    key += 2;
    keyEvidence.push(l10n.t('it names an AWS service as principal'));
  }
  if (facts.some((f) => isAllow(f) && f.principals.some((p) => ROOT.test(p)) && f.actions.some((a) => a === 'kms:*' || a === '*'))) {
    key += 2;
    keyEvidence.push(l10n.t('it gives an account kms:*, as the default key policy does'));
  }
  if (typeof content.id === 'string' && KEY_POLICY_ID.test(content.id)) {
    key += 2;
    keyEvidence.push(l10n.t('its Id is that of a console or AWS managed key policy'));
  }
  if (facts.some((f) => isAllow(f) && f.actions.some((a) => ADMIN_ACTIONS.has(a)))) {
    key += 2;
    keyEvidence.push(l10n.t('it allows key administration (kms:PutKeyPolicy, key deletion)'));
  }
  if (facts.some((f) => f.conditionKeys.some((k) => k === 'kms:viaservice' || k === 'kms:grantisforawsresource'))) {
    key += 1;
    keyEvidence.push(l10n.t('it tests kms:ViaService or kms:GrantIsForAWSResource, which only matter for a key'));
  }

  if (facts.some((f) => isAllow(f) && f.actions.includes('*'))) {
    endpoint += 2;
    endpointEvidence.push(l10n.t('it allows "Action": "*"'));
  }
  const iamOnly = facts.filter(isAllow).flatMap((f) => f.actions).filter((a) => {
    if (!a.startsWith('kms:') || /[*?]/.test(a)) return false;
    const action = kmsAction(a.slice(4));
    return action !== undefined && !isKeyResourceAction(action);
  });
  if (iamOnly.length > 0) {
    endpoint += 1;
    endpointEvidence.push(l10n.t('it allows actions that have no effect in a key policy ({0})', iamOnly.join(', ')));
  }
  if (facts.some((f) => f.resources.some((r) => KMS_ARN.test(r)))) {
    endpoint += 1;
    endpointEvidence.push(l10n.t('its Resource names key ARNs, where a key policy has "*"'));
  }

  const because = (evidence: string[]): string => evidence.join('; ');
  if (key >= 2 && endpoint < 2) return decided('keyPolicy', l10n.t('It names principals and KMS actions, and {0}.', because(keyEvidence)), { alternatives: [] });
  if (endpoint >= 2 && key === 0) {
    return decided('vpcEndpointPolicy', l10n.t('It names principals and KMS actions, but {0}: a VPC endpoint policy, not a key policy.', because(endpointEvidence)), { alternatives: ['keyPolicy'] });
  }
  // In doubt, a key policy: its rules run, and what they find is shown as information at most.
  const alternatives: PolicyKind[] = rcpShape ? ['vpcEndpointPolicy', 'resourceControlPolicy'] : ['vpcEndpointPolicy'];
  const evidence = [...keyEvidence, ...endpointEvidence];
  return tie(
    'keyPolicy',
    alternatives,
    evidence.length > 0
      ? l10n.t('It names principals and KMS actions; {0}. That fits a key policy and a VPC endpoint policy alike.', because(evidence))
      : l10n.t('It names principals and KMS actions, which fits a key policy and a VPC endpoint policy alike.'),
    fileName,
  );
}
