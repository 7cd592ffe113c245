/**
 * Callers and grantees. A grant names its grantee one way (a role ARN, an
 * account, a service principal such as `fargate.us-west-2.amazonaws.com`), and
 * CloudTrail names the caller another (an assumed-role session, `invokedBy`).
 * Both are reduced to tokens; a caller matches a grantee when they share one.
 */
import { isObject } from '../classify';
import { parseArn, repairShiftedArn, SERVICE_PRINCIPAL } from '../kms/identifiers';
import { nonEmptyString } from '../jsonValues';

/** `fargate.us-west-2.amazonaws.com` and `fargate.amazonaws.com` are the same service: its first label. */
function serviceToken(principal: string): string | undefined {
  return SERVICE_PRINCIPAL.test(principal) ? `svc:${principal.slice(0, principal.indexOf('.'))}` : undefined;
}

/** Tokens of one principal string (grantee or caller ARN). */
function principalTokens(raw: string, out: string[]): void {
  const service = serviceToken(raw);
  if (service) {
    out.push(service);
    return;
  }
  if (/^\d{12}$/.test(raw)) {
    out.push(`acct:${raw}`);
    return;
  }
  const fixed = raw.startsWith('arn:') ? (repairShiftedArn(raw) ?? raw) : raw;
  const arn = fixed.startsWith('arn:') ? parseArn(fixed) : undefined;
  if (!arn) {
    out.push(`id:${raw}`);
    return;
  }
  const account = arn.account.value;
  if (arn.service.value === 'iam' && arn.resource.value === 'root') {
    out.push(`acct:${account}`);
    return;
  }
  out.push(`arn:${fixed}`);
  if (arn.service.value === 'iam' && arn.resourceType === 'role') {
    // A role with a path: sessions name only its last segment.
    out.push(`role:${account}:${arn.resourceId.slice(arn.resourceId.lastIndexOf('/') + 1)}`);
  } else if (arn.service.value === 'sts' && arn.resourceType === 'assumed-role') {
    const [role] = arn.resourceId.split('/');
    if (role) out.push(`role:${account}:${role}`);
  }
}

/** The token a grantee principal matches on (the most specific one). */
export function granteeToken(principal: string): string {
  const out: string[] = [];
  principalTokens(principal, out);
  // For a role ARN the role token (path-insensitive) is what sessions carry; otherwise the first.
  return out.find((t) => t.startsWith('role:')) ?? out[0];
}

/** `svc`, `acct`, `role`, `arn` or `id`: what a token is made of. */
export function tokenKind(token: string): string {
  return token.slice(0, token.indexOf(':'));
}

/**
 * The tokens the caller of an event carries; with `kinds`, only tokens of
 * those kinds (a key whose grants all name services need no ARN parsing).
 */
export function callerTokens(userIdentity: unknown, kinds?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  if (!isObject(userIdentity)) return out;
  const all = kinds === undefined;
  let filter = false;
  if (all || kinds.has('arn') || kinds.has('role')) {
    const arn = nonEmptyString(userIdentity.arn);
    if (arn) principalTokens(arn, out);
    const session = isObject(userIdentity.sessionContext) ? userIdentity.sessionContext : undefined;
    const issuer = session && isObject(session.sessionIssuer) ? nonEmptyString(session.sessionIssuer.arn) : undefined;
    if (issuer) principalTokens(issuer, out);
    filter = !all; // ARNs give tokens of several kinds
  }
  if (all || kinds.has('id')) {
    const principalId = nonEmptyString(userIdentity.principalId);
    if (principalId) out.push(`id:${principalId}`);
  }
  if (all || kinds.has('acct')) {
    const account = nonEmptyString(userIdentity.accountId);
    if (account) out.push(`acct:${account}`);
  }
  if (all || kinds.has('svc')) {
    const invokedBy = nonEmptyString(userIdentity.invokedBy);
    const service = invokedBy && serviceToken(invokedBy);
    if (service) out.push(service);
  }
  return filter ? out.filter((t) => kinds?.has(tokenKind(t))) : out;
}
