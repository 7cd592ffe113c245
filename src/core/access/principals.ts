/**
 * Who is calling, and does a policy's Principal name them.
 *
 * Facts (IAM User Guide, "AWS JSON policy elements: Principal",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
 * - an account id and `arn:aws:iam::ACCOUNT:root` behave the same: both
 *   delegate to the account, whose administrators grant access to its users
 *   and roles (the account ARN does not mean only the root user);
 * - a role ARN names the role's sessions; an assumed-role session ARN names one
 *   session; a wildcard cannot match part of a principal ARN: only `*` as a
 *   whole matches everyone;
 * - the user name part of a user ARN is case-sensitive;
 * - a unique id (`AROA...`) appears in a policy when the principal was deleted
 *   and AWS can no longer map it back to an ARN.
 *
 * NotPrincipal (".../reference_policies_elements_notprincipal.html"): AWS
 * "might" check the account first, then the role, then the session, so a
 * NotPrincipal that lists only some of them might still exclude the caller.
 * The evaluator says "cannot tell" in that case instead of guessing.
 */
import type { PrincipalRef } from '../policy/normalize';
import { arnPart } from './glob';
import type { RequestPrincipal } from './types';
import { readPolicyText } from './values';
import type { Tri } from './truth';

/** The caller, reduced to what Principal elements can name. */
export interface Identity {
  kind: 'root' | 'user' | 'session' | 'federatedUser' | 'service' | 'accountOnly' | 'unknown';
  account?: string;
  /** The caller's own ARN (user, session, federated user, account root). */
  arn?: string;
  /** For a session: the role's name and, when known, its ARN with path. */
  roleName?: string;
  roleArn?: string;
  service?: string;
  /** `aws:userid`. */
  userId?: string;
  partition: string;
}

const ACCOUNT = /^\d{12}$/;

export function identityOf(p: RequestPrincipal): Identity {
  const partition = (p.arn && arnPart(p.arn, 1)) || 'aws';
  const arnAccount = p.account === undefined && p.arn ? arnPart(p.arn, 4) : undefined;
  const account = p.account ?? (arnAccount && ACCOUNT.test(arnAccount) ? arnAccount : undefined);
  const id: Identity = { kind: 'unknown', account, userId: p.userId, partition };
  switch (p.type) {
    case 'Root':
      if (account) {
        id.kind = 'root';
        id.arn = `arn:${partition}:iam::${account}:root`;
      }
      break;
    case 'IAMUser':
    case 'FederatedUser':
      if (p.arn) {
        id.kind = p.type === 'IAMUser' ? 'user' : 'federatedUser';
        id.arn = p.arn;
      } else if (account) id.kind = 'accountOnly';
      break;
    case 'AssumedRole': {
      // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
      const resource = (p.arn && arnPart(p.arn, 5)) ?? '';
      const slash = resource.startsWith('assumed-role/') ? resource.indexOf('/', 13) : -1;
      let roleName = slash > 13 && slash < resource.length - 1 ? resource.slice(13, slash) : undefined;
      if (roleName) id.arn = p.arn;
      if (!roleName && p.roleArn) {
        const role = arnPart(p.roleArn, 5);
        if (role) roleName = role.slice(role.lastIndexOf('/') + 1);
      }
      if (roleName) {
        id.kind = 'session';
        id.roleName = roleName;
        id.roleArn = p.roleArn;
      } else if (account) id.kind = 'accountOnly';
      break;
    }
    case 'AWSService':
      return p.service ? { kind: 'service', service: p.service.toLowerCase(), partition } : { kind: 'unknown', partition };
    case 'AWSAccount':
      if (account) id.kind = 'accountOnly';
      break;
  }
  return id;
}

/**
 * Services that CloudTrail shows calling as themselves for another service:
 * the EC2 front end for Fargate. The ECS Developer Guide's audit events for
 * Fargate ephemeral storage show `invokedBy: ec2-frontend-api.amazonaws.com`
 * on a key whose documented policy names `fargate.amazonaws.com` (see
 * shared/reference/kms-facts.md, Fargate). Which principal a policy must name
 * for such a call cannot be told from the event.
 */
const FRONT_ENDS = new Set(['ec2-frontend-api.amazonaws.com']);

/** The first DNS label of a service principal: `fargate.us-west-2.amazonaws.com` and `fargate.amazonaws.com` share `fargate`. */
function serviceLabel(s: string): string {
  const dot = s.indexOf('.');
  return dot === -1 ? s : s.slice(0, dot);
}

/** One entry of a Principal or NotPrincipal element, read. */
export type PrincipalPattern =
  | { kind: 'any'; written: string }
  | { kind: 'account'; account: string; written: string }
  | { kind: 'user' | 'session' | 'federatedUser'; arn: string; account: string; written: string }
  | { kind: 'role'; account: string; name: string; written: string }
  | { kind: 'uniqueId'; id: string; written: string }
  | { kind: 'service'; name: string; written: string }
  /** Federated (web identity, SAML) and canonical user principals: never a KMS caller in these requests. */
  | { kind: 'never'; written: string }
  | { kind: 'unknown'; written: string };

export function principalPattern(ref: PrincipalRef): PrincipalPattern {
  const written = ref.value;
  const text = readPolicyText(written, false);
  if (!text.known) return { kind: 'unknown', written };
  switch (ref.kind) {
    case 'wildcard': return { kind: 'any', written };
    case 'account': return { kind: 'account', account: written, written };
    case 'root':
    case 'user':
    case 'role':
    case 'assumedRole':
    case 'federatedUser': {
      // A shifted `arn:aws::iam:` ARN, repaired by the model, is not what AWS reads: it names no one.
      if (!ref.arn || !written.startsWith(`arn:${ref.arn.partition.value}:${ref.arn.service.value}:`)) return { kind: 'unknown', written };
      const account = ref.account ?? '';
      if (ref.kind === 'root') return { kind: 'account', account, written };
      if (ref.kind === 'role') return { kind: 'role', account, name: ref.name ?? '', written };
      if (ref.kind === 'assumedRole') return { kind: 'session', arn: written, account, written };
      return { kind: ref.kind, arn: written, account, written };
    }
    case 'uniqueId': return { kind: 'uniqueId', id: written, written };
    case 'service': return { kind: 'service', name: written.toLowerCase(), written };
    case 'federated':
    case 'canonical':
      return { kind: 'never', written };
    default:
      return { kind: 'unknown', written };
  }
}

/** How a Principal entry names the caller: directly (or as everyone), through the caller's account, or not. */
export type PrincipalMatch = 'direct' | 'account' | 'no' | 'unknown';

export function matchPrincipal(p: PrincipalPattern, id: Identity): PrincipalMatch {
  if (p.kind === 'any') return 'direct';
  if (p.kind === 'unknown') return 'unknown';
  if (id.kind === 'unknown') return p.kind === 'never' ? 'no' : 'unknown';
  switch (p.kind) {
    case 'account':
      if (id.kind === 'service') return 'no';
      return id.account === undefined ? 'unknown' : id.account === p.account ? 'account' : 'no';
    case 'service':
      if (id.kind !== 'service' || id.service === undefined) return 'no';
      if (id.service === p.name) return 'direct';
      return FRONT_ENDS.has(id.service) || serviceLabel(id.service) === serviceLabel(p.name) ? 'unknown' : 'no';
    case 'never':
      return 'no';
  }
  if (id.kind === 'service') return 'no';
  // Principals of one account: a caller of another account is not one of them.
  const patternAccount = p.kind === 'uniqueId' ? undefined : p.account;
  if (patternAccount !== undefined && id.account !== undefined && patternAccount !== id.account) return 'no';
  if (id.kind === 'accountOnly') return 'unknown';
  switch (p.kind) {
    case 'user':
    case 'federatedUser':
      return (p.kind === 'user' ? id.kind === 'user' : id.kind === 'federatedUser') && id.arn === p.arn ? 'direct' : 'no';
    case 'session':
      if (id.kind !== 'session') return 'no';
      return id.arn === undefined ? 'unknown' : id.arn === p.arn ? 'direct' : 'no';
    case 'role':
      return id.kind === 'session' && id.roleName === p.name && id.account === p.account ? 'direct' : 'no';
    case 'uniqueId': {
      const uid = id.userId;
      if (uid === undefined) return 'no';
      const own = id.kind === 'session' ? uid.slice(0, uid.indexOf(':') === -1 ? uid.length : uid.indexOf(':')) : uid;
      return own === p.id ? 'direct' : 'no';
    }
  }
}

const RANK: Record<PrincipalMatch, number> = { no: 0, unknown: 1, account: 2, direct: 3 };

/** The best match over a Principal element's entries (an element names everyone it lists). */
export function matchPrincipals(patterns: readonly PrincipalPattern[], id: Identity): PrincipalMatch {
  let best: PrincipalMatch = 'no';
  for (const p of patterns) {
    const m = matchPrincipal(p, id);
    if (RANK[m] > RANK[best]) best = m;
    if (best === 'direct') break;
  }
  return best;
}

/**
 * Whether a NotPrincipal element leaves the caller in (the statement applies).
 * The caller itself (the session, the user) is always checked: if it is not
 * listed, the statement applies. If it is listed with its role and account,
 * it does not. If it is listed but its role or account is not, AWS "might"
 * still apply the statement to the role or account: "cannot tell".
 */
export function outsideNotPrincipal(patterns: readonly PrincipalPattern[], id: Identity): Tri {
  if (patterns.some((p) => p.kind === 'any')) return 'no';
  const links: Array<(p: PrincipalPattern) => boolean> = [];
  switch (id.kind) {
    case 'root':
      links.push((p) => p.kind === 'account' && p.account === id.account);
      break;
    case 'user':
    case 'federatedUser':
      links.push((p) => (p.kind === 'user' || p.kind === 'federatedUser') && p.arn === id.arn);
      links.push((p) => p.kind === 'account' && p.account === id.account);
      break;
    case 'session':
      if (id.arn === undefined) return 'unknown';
      links.push((p) => p.kind === 'session' && p.arn === id.arn);
      links.push((p) => p.kind === 'role' && p.name === id.roleName && p.account === id.account);
      links.push((p) => p.kind === 'account' && p.account === id.account);
      break;
    case 'service':
      links.push((p) => p.kind === 'service' && p.name === id.service);
      break;
    default:
      return 'unknown';
  }
  const unknown = patterns.some((p) => p.kind === 'unknown');
  if (!patterns.some(links[0])) return unknown ? 'unknown' : 'yes';
  for (const link of links) if (!patterns.some(link)) return 'unknown';
  return 'no';
}
