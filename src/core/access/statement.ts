/**
 * Does one statement apply to a request? A statement applies when its action,
 * resource, principal and every condition match (IAM User Guide, "Policy
 * evaluation logic": conditions of several keys and operators are ANDed).
 * The answer carries the part that did not match, so a hover can say which
 * condition failed, and how the Principal named the caller (directly or
 * through its account), which decides whether IAM policies must also allow.
 */
import { matchActions, matchResources, type CompiledStatement } from './compile';
import { outcomeTruth } from './conditions';
import type { RequestContext } from './context';
import { matchPrincipals, outsideNotPrincipal } from './principals';
import type { Tri } from './truth';
import type { FailedPart } from './types';

export interface StatementOutcome {
  truth: Tri;
  /** How the Principal element named the caller: 'account' when only through the caller's account. */
  via: 'direct' | 'account';
  /** The part that did not match (for 'no'), or that could not be told (for 'unknown'). */
  failed?: FailedPart;
}

const ACTION: FailedPart = { part: 'action' };
const RESOURCE: FailedPart = { part: 'resource' };
const PRINCIPAL: FailedPart = { part: 'principal' };
const EFFECT: FailedPart = { part: 'effect' };
// The common outcomes, shared: a log's requests each test dozens of statements.
const NO_RESOURCE: StatementOutcome = Object.freeze({ truth: 'no', via: 'direct', failed: RESOURCE });
const NO_PRINCIPAL: StatementOutcome = Object.freeze({ truth: 'no', via: 'direct', failed: PRINCIPAL });
const YES_DIRECT: StatementOutcome = Object.freeze({ truth: 'yes', via: 'direct' });
const YES_ACCOUNT: StatementOutcome = Object.freeze({ truth: 'yes', via: 'account' });

/**
 * The statement's outcome, or undefined when its action list does not cover
 * the request's action: such a statement is not about this request at all.
 */
export function testStatement(s: CompiledStatement, ctx: RequestContext): StatementOutcome | undefined {
  if (s.never || !s.actions || !s.resources) return undefined;
  const action = matchActions(s.actions, ctx);
  if (action === 'no') return undefined;
  let unknown: FailedPart | undefined = action === 'unknown' ? ACTION : undefined;
  let via: StatementOutcome['via'] = 'direct';

  const resource = matchResources(s.resources, ctx);
  if (resource === 'no') return NO_RESOURCE;
  if (resource === 'unknown') unknown ??= RESOURCE;

  if (s.principals) {
    if (s.principals.negated) {
      const outside = outsideNotPrincipal(s.principals.patterns, ctx.identity);
      if (outside === 'no') return NO_PRINCIPAL;
      if (outside === 'unknown') unknown ??= PRINCIPAL;
    } else {
      const m = matchPrincipals(s.principals.patterns, ctx.identity);
      if (m === 'no') return NO_PRINCIPAL;
      if (m === 'unknown') unknown ??= PRINCIPAL;
      if (m === 'account') via = 'account';
    }
  }

  for (const c of s.conditions) {
    const o = c.test(ctx);
    const t = outcomeTruth(o);
    if (t === 'yes') continue;
    const failed: FailedPart = { part: 'condition', operator: c.operator, key: c.key, values: c.values, why: o === 'yes' ? 'mismatch' : o };
    if (t === 'no') return { truth: 'no', via, failed };
    unknown ??= failed;
  }

  if (unknown) return { truth: 'unknown', via, failed: unknown };
  // A statement whose Effect AWS does not accept (the policy would be rejected): nothing is known of what is in force.
  if (!s.effect) return { truth: 'unknown', via, failed: EFFECT };
  return via === 'direct' ? YES_DIRECT : YES_ACCOUNT;
}
