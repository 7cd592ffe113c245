/**
 * Grants: does one allow the request?
 *
 * Facts (KMS Developer Guide, "Grants in AWS KMS",
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html, and the
 * API reference, GrantConstraints and CreateGrant):
 * - a grant allows its grantee principal the grant's operations on one key,
 *   when its constraints are met; grants allow, they never deny;
 * - EncryptionContextSubset: the request's context includes the constraint's
 *   pairs; EncryptionContextEquals: it is exactly them. In a constraint the key
 *   of each pair is not case-sensitive, the value is. Constraints apply only to
 *   operations that take an encryption context; DescribeKey and RetireGrant
 *   (and operations on asymmetric keys) ignore them;
 * - a new grant, or the end of one, can take up to about five minutes to reach
 *   all of KMS (eventual consistency); a grant token makes a new grant usable at once;
 * - a grant can be retired by its retiring principal, and by its grantee when
 *   the grant includes RetireGrant (KMS Developer Guide, "Retiring and revoking grants").
 * - users and roles of another account can use a key through a grant without
 *   an IAM policy ("Allowing users in other accounts to use a KMS key": IAM
 *   policies "or use grants").
 */
import type { Grant } from '../grants/types';
import { takesEncryptionContext } from './actions';
import type { RequestContext } from './context';
import { matchPrincipal, type Identity, type PrincipalPattern } from './principals';
import { arnParts } from './glob';
import type { Tri } from './truth';
import type { FailedPart, GrantInput } from './types';


/** How long KMS may take to make a grant's creation or end known everywhere (the API reference says "usually less than five minutes"). */
const CONSISTENCY_MS = 5 * 60 * 1000;

/** The grantee (or retiring principal) of a grant as a principal pattern. */
function grantPrincipalPattern(written: string): PrincipalPattern {
  if (/^\d{12}$/.test(written)) return { kind: 'account', account: written, written };
  if (!written.startsWith('arn:')) return /\.amazonaws\.com(\.cn)?$/.test(written) ? { kind: 'service', name: written.toLowerCase(), written } : { kind: 'unknown', written };
  const parts = arnParts(written);
  if (!parts) return { kind: 'unknown', written };
  const [, , service, , account, resource] = parts;
  if (service === 'iam' && resource === 'root') return { kind: 'account', account, written };
  if (service === 'iam' && resource.startsWith('role/')) return { kind: 'role', account, name: resource.slice(resource.lastIndexOf('/') + 1), written };
  if (service === 'iam' && resource.startsWith('user/')) return { kind: 'user', arn: written, account, written };
  if (service === 'sts' && resource.startsWith('assumed-role/')) return { kind: 'session', arn: written, account, written };
  if (service === 'sts' && resource.startsWith('federated-user/')) return { kind: 'federatedUser', arn: written, account, written };
  return { kind: 'unknown', written };
}

/** Does the principal name the caller? A grant to an account, whose use by the account's principals is not documented, cannot be told. */
function names(written: string | undefined, id: Identity): Tri {
  if (written === undefined) return 'no';
  const m = matchPrincipal(grantPrincipalPattern(written), id);
  return m === 'direct' ? 'yes' : m === 'no' ? 'no' : 'unknown';
}

function constraintsMet(g: GrantInput, ctx: RequestContext, operation: string): Tri {
  const c = g.constraints;
  if (!c || (!c.encryptionContextSubset && !c.encryptionContextEquals)) return 'yes';
  if (operation === 'CreateGrant') return 'unknown'; // the child grant must be as strict: the request does not say
  if (!takesEncryptionContext(operation)) return 'yes';
  const ec = ctx.request.encryptionContext;
  if (ec === undefined) return 'unknown';
  const request = new Map<string, string | undefined>();
  for (const k in ec ?? {}) {
    const lower = k.toLowerCase();
    request.set(lower, request.has(lower) ? undefined : (ec as Record<string, string>)[k]);
  }
  const check = (pairs: Readonly<Record<string, string>>): Tri => {
    let unknown = false;
    for (const k in pairs) {
      const lower = k.toLowerCase();
      if (!request.has(lower)) return 'no';
      const v = request.get(lower);
      if (v === undefined) unknown = true; // two request keys differing only in case
      else if (v !== pairs[k]) return 'no';
    }
    return unknown ? 'unknown' : 'yes';
  };
  if (c.encryptionContextSubset) return check(c.encryptionContextSubset);
  const equals = c.encryptionContextEquals as Readonly<Record<string, string>>;
  const t = check(equals);
  if (t === 'no') return 'no';
  return request.size === new Set(Object.keys(equals).map((k) => k.toLowerCase())).size ? t : 'no';
}

/** Is the grant in force at the request's time? Near its creation or end, "cannot tell" unless a grant token settles it. */
function inForce(g: GrantInput, ctx: RequestContext): Tri {
  const token = g.grantTokens && ctx.request.grantTokens?.some((t) => g.grantTokens?.includes(t));
  const created = g.createdAt ? Date.parse(g.createdAt) : NaN;
  const ended = g.endedAt ? Date.parse(g.endedAt) : NaN;
  const now = ctx.time;
  if (g.ended && Number.isNaN(ended)) return 'unknown';
  if (now === undefined) return Number.isNaN(ended) ? 'yes' : 'unknown';
  if (!Number.isNaN(ended)) {
    if (now >= ended + CONSISTENCY_MS) return 'no';
    if (now >= ended) return 'unknown';
  }
  if (!Number.isNaN(created)) {
    if (now < created) return 'no';
    if (now < created + CONSISTENCY_MS && !token) return 'unknown';
  }
  return 'yes';
}

export interface GrantOutcome {
  truth: Tri;
  failed?: FailedPart;
}

/** The outcome of one grant for the request, or undefined when the grant is for another key. */
export function testGrant(g: GrantInput, ctx: RequestContext): GrantOutcome | undefined {
  if (g.keyArn !== undefined && ctx.keyArn !== undefined && g.keyArn !== ctx.keyArn) return undefined;
  const operation = ctx.actionName;
  if (!ctx.action.startsWith('kms:')) return undefined;
  let unknown: FailedPart | undefined = g.keyArn !== undefined && ctx.keyArn === undefined ? { part: 'grantee' } : undefined;

  // RetireGrant on this grant: its retiring principal may, and its grantee when the grant includes RetireGrant.
  if (operation === 'RetireGrant' && ctx.request.grantId === g.grantId) {
    const retiring = names(g.retiringPrincipal, ctx.identity);
    if (retiring === 'yes') return { truth: unknown ? 'unknown' : 'yes', failed: unknown };
    if (retiring === 'unknown') unknown ??= { part: 'grantee' };
  }

  const grantee = names(g.granteePrincipal, ctx.identity);
  if (grantee === 'no') return unknown ? { truth: 'unknown', failed: unknown } : { truth: 'no', failed: { part: 'grantee' } };
  if (grantee === 'unknown') unknown ??= { part: 'grantee' };
  if (g.operations === undefined) unknown ??= { part: 'operation' };
  else if (!g.operations.includes(operation)) return { truth: 'no', failed: { part: 'operation' } };
  const constraints = constraintsMet(g, ctx, operation);
  if (constraints === 'no') return { truth: 'no', failed: { part: 'constraint' } };
  if (constraints === 'unknown') unknown ??= { part: 'constraint' };
  const time = inForce(g, ctx);
  if (time === 'no') return { truth: 'no', failed: { part: 'notInForce' } };
  if (time === 'unknown') unknown ??= { part: 'grantToken' };
  return unknown ? { truth: 'unknown', failed: unknown } : { truth: 'yes' };
}

/**
 * The grants model of the logs (src/core/grants) as evaluator input: the one
 * place that knows its shape. `keyArn` is the key's ARN when the model knows it.
 */
export function grantInputOf(g: Grant, keyArn?: string): GrantInput {
  return {
    grantId: g.grantId,
    keyArn,
    granteePrincipal: g.granteePrincipal,
    retiringPrincipal: g.retiringPrincipal,
    // The model lists none when the logs do not show them; a grant always has some.
    operations: g.operations.length > 0 ? g.operations : undefined,
    constraints: g.constraints,
    createdAt: g.createdAt,
    endedAt: g.retiredAt ?? g.revokedAt,
    ended: g.status !== 'active',
  };
}
