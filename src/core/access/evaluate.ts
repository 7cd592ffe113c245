/**
 * The decision: may this principal make this call on this key?
 *
 * KMS's rules, from the KMS Developer Guide:
 * - "Troubleshooting key access" (https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html):
 *   KMS evaluates the key policy, the caller's IAM policies, the key's grants
 *   and other policies (SCPs, VPC endpoint policies) together; an explicit Deny
 *   in any of them wins, and without an explicit Allow the call is denied.
 * - "KMS key access and permissions" (.../control-access.html): no principal
 *   has any permission on a key unless the key policy gives it, directly or by
 *   letting IAM policies give it; "To use an IAM policy to allow access to a
 *   KMS key, the key policy must explicitly allow it."
 * - "Default key policy" (.../key-policy-default.html): the statement whose
 *   principal is the account (`arn:aws:iam::ACCOUNT:root`, or the account id)
 *   lets the account's IAM policies allow access; it does not allow anyone by itself.
 * - "Allowing users in other accounts to use a KMS key" (.../key-policy-modifying-external-accounts.html):
 *   across accounts the key policy must allow the other account (or its users
 *   and roles) and that account's IAM policies must allow too, even when the
 *   key policy names the role; or a grant allows it. Only some operations can
 *   be used across accounts (crossAccount.ts).
 * And the IAM User Guide, "Policy evaluation logic"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html):
 * SCPs limit what principals of member accounts may do: an explicit Deny in
 * one denies, and every level (root, each OU, the account) must allow; the
 * account root user has every permission its account's IAM could give.
 *
 * Not modelled: permissions boundaries, session policies, resource control
 * policies and VPC endpoint policies.
 */
import type { CompiledPolicy } from './compile';
import { candidateStatements } from './statementIndex';
import { principalTokens } from './tokens';
import { RequestContext } from './context';
import { crossAccountAction } from './crossAccount';
import { arnPart } from './glob';
import { testGrant } from './grants';
import type { Identity } from './principals';
import { testStatement, type StatementOutcome } from './statement';
import type { AccessRequest, DecidingRef, DecisionNote, DelegationRef, Evaluation, FailedPart, GrantInput, GrantRef, NearMiss, StatementRef } from './types';

export interface AccessPolicies {
  /** The key's policy. */
  keyPolicy: CompiledPolicy;
  /** The key's grants known (from the logs, from list-grants output). */
  grants?: readonly GrantInput[];
  /** The IAM policies of the caller (its user, groups or role); undefined when they are not loaded. */
  identityPolicies?: readonly CompiledPolicy[];
  /**
   * The SCPs that apply to the caller's account, one entry per level of the
   * organization (root, each OU, the account): a policy, or the list of
   * policies attached at that level. Undefined when not loaded.
   */
  scps?: ReadonlyArray<CompiledPolicy | readonly CompiledPolicy[]>;
  /** The key's account, when neither the request's key ARN nor the policy's surroundings say. */
  keyAccount?: string;
}

/** Near misses worth showing: the action and principal fit, and something narrower did not. */
const NEAR_MISS_PARTS = new Set<FailedPart['part']>(['condition', 'resource', 'operation', 'constraint', 'notInForce']);

interface Tested {
  ref: StatementRef;
  outcome: StatementOutcome;
}

/** What one set of policies says about a request; lists are created only when something goes in them. */
interface Verdicts {
  denies?: StatementRef[];
  possibleDenies?: NearMiss[];
  allows?: Tested[];
  unknownAllows?: Tested[];
  nearMisses?: NearMiss[];
}

const NONE: readonly never[] = Object.freeze([]);

function verdictsOf(policies: readonly CompiledPolicy[], ctx: RequestContext, v: Verdicts = {}): Verdicts {
  for (const p of policies) {
    for (const s of candidateStatements(p, ctx.kmsIndex, ctx.identity, ctx.tokens)) {
      const o = testStatement(s, ctx);
      if (!o) continue;
      if (o.truth === 'no') {
        if (s.effect === 'Allow' && o.failed && NEAR_MISS_PARTS.has(o.failed.part)) (v.nearMisses ??= []).push({ ref: s.ref, failed: o.failed });
        continue;
      }
      const failed = o.failed ?? { part: 'effect' };
      if (s.effect !== 'Allow') {
        if (o.truth === 'yes') (v.denies ??= []).push(s.ref);
        else (v.possibleDenies ??= []).push({ ref: s.ref, failed });
      }
      if (s.effect !== 'Deny') {
        if (o.truth === 'yes') (v.allows ??= []).push({ ref: s.ref, outcome: o });
        else (v.unknownAllows ??= []).push({ ref: s.ref, outcome: o });
      }
    }
  }
  return v;
}

/** Two optional lists as one, without copying when one is empty. */
function concat<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] {
  if (!b || b.length === 0) return a ? (a as T[]) : [];
  if (!a || a.length === 0) return b as T[];
  return [...a, ...b];
}

function levelsOf(scps: ReadonlyArray<CompiledPolicy | readonly CompiledPolicy[]>): Array<readonly CompiledPolicy[]> {
  return scps.map((l) => (Array.isArray(l) ? (l as readonly CompiledPolicy[]) : [l as CompiledPolicy]));
}

/** Grants indexed by the principal tokens that can use them, so a request tests only its own. */
class GrantIndex {
  private readonly byToken = new Map<string, GrantInput[]>();
  private readonly byId = new Map<string, GrantInput>();
  private readonly all: readonly GrantInput[];
  /** Grants whose grantee has no token: every request tests them. */
  private readonly other: readonly GrantInput[];

  constructor(grants: readonly GrantInput[]) {
    this.all = grants;
    for (const g of grants) {
      this.byId.set(g.grantId, g);
      const token = granteeToken(g.granteePrincipal);
      let list = this.byToken.get(token);
      if (!list) this.byToken.set(token, (list = []));
      list.push(g);
    }
    this.other = this.byToken.get('other') ?? [];
  }

  /** A caller's grants, by its token list (the same array for the same caller: tokens.ts). */
  private readonly byCaller = new WeakMap<readonly string[], readonly GrantInput[]>();

  candidates(id: Identity, grantId: string | undefined, tokens: readonly string[] = principalTokens(id)): readonly GrantInput[] {
    if (this.all.length === 0) return NONE;
    if (id.kind === 'unknown' || id.kind === 'accountOnly') return this.all;
    let mine = this.byCaller.get(tokens);
    if (!mine) {
      const out: GrantInput[] = [];
      for (const t of tokens) {
        const list = this.byToken.get(t);
        if (list) for (const g of list) out.push(g);
      }
      for (const g of this.other) out.push(g);
      this.byCaller.set(tokens, (mine = out));
    }
    const named = grantId === undefined ? undefined : this.byId.get(grantId);
    return named && !mine.includes(named) ? [...mine, named] : mine;
  }
}

/** The index token of a grantee: its service's first label, its role, its ARN, or its account. */
function granteeToken(written: string | undefined): string {
  if (!written) return 'none';
  if (/^\d{12}$/.test(written)) return `acct:${written}`;
  if (!written.startsWith('arn:')) return written.includes('.') ? `svc:${written.slice(0, written.indexOf('.')).toLowerCase()}` : 'other';
  const m = /^arn:[^:]*:iam::(\d{12}):(root|role\/(?:.*\/)?([^/]+))$/.exec(written);
  if (m) return m[2] === 'root' ? `acct:${m[1]}` : `role:${m[1]}:${m[3]}`;
  return /^arn:[^:]*:(iam|sts)::\d{12}:(user|assumed-role|federated-user)\//.test(written) ? `arn:${written}` : 'other';
}

export class Evaluator {
  private readonly policies: AccessPolicies;
  private readonly grants: GrantIndex;
  private readonly levels?: Array<readonly CompiledPolicy[]>;
  private readonly keyPolicies: readonly CompiledPolicy[];

  constructor(policies: AccessPolicies) {
    this.policies = policies;
    this.keyPolicies = [policies.keyPolicy];
    this.grants = new GrantIndex(policies.grants ?? []);
    this.levels = policies.scps ? levelsOf(policies.scps) : undefined;
  }

  evaluate(request: AccessRequest): Evaluation {
    // A context per evaluation, not kept: a log's requests are evaluated once each.
    const ctx = new RequestContext(request);
    const id = ctx.identity;
    const { identityPolicies } = this.policies;
    const notes: DecisionNote[] = [];
    const undecided: NearMiss[] = [];
    const key = verdictsOf(this.keyPolicies, ctx);
    const iam = identityPolicies ? verdictsOf(identityPolicies, ctx) : undefined;
    const nearMisses = concat(key.nearMisses, iam?.nearMisses);

    // SCPs: not for service principals, which are not principals of a member account.
    let scp: 'yes' | 'no' | 'unknown' = 'yes';
    let scpDenies: StatementRef[] | undefined;
    if (this.levels && id.kind !== 'service') {
      for (const level of this.levels) {
        const v = verdictsOf(level, ctx);
        scpDenies = concat(scpDenies, v.denies);
        if (v.possibleDenies) {
          undecided.push(...v.possibleDenies);
          if (scp === 'yes') scp = 'unknown';
        }
        if (!v.allows) {
          if (!v.unknownAllows) scp = 'no';
          else if (scp === 'yes') {
            scp = 'unknown';
            for (const a of v.unknownAllows) undecided.push({ ref: a.ref, failed: a.outcome.failed ?? { part: 'effect' } });
          }
        }
      }
    }

    const denies = concat(concat(key.denies, iam?.denies), scpDenies);
    const possibleDenies = concat(key.possibleDenies, iam?.possibleDenies);
    undecided.push(...possibleDenies);
    const crossAccount = this.crossAccount(ctx);
    const base = { nearMisses, undecided, notes, crossAccount };

    if (denies.length > 0) return { decision: 'explicitDeny', decidedBy: denies, ...base };
    if (scp === 'no') {
      notes.push('scpNoAllow');
      return { decision: 'implicitDeny', decidedBy: [], ...base };
    }

    const allows: DecidingRef[] = [];
    const delegations: DelegationRef[] = [];
    let unknownPath = false;
    const service = id.kind === 'service';
    const crossOk = ctx.kmsAction !== undefined && crossAccountAction(ctx.kmsAction);
    if (crossAccount === true && !crossOk) notes.push('notCrossAccountOperation');

    for (const a of concat(key.allows, key.unknownAllows)) {
      const sure = a.outcome.truth === 'yes';
      if (!sure) undecided.push({ ref: a.ref, failed: a.outcome.failed ?? { part: 'effect' } });
      // Across accounts only some operations work at all.
      if (crossAccount === true && !crossOk) continue;
      const needsIam = !service && (a.outcome.via === 'account' || crossAccount !== false);
      if (!needsIam) {
        if (sure) allows.push(a.ref);
        else unknownPath = true;
        continue;
      }
      // The caller's account decides through its IAM policies; if the call might cross accounts, only some operations can.
      if (crossAccount === undefined && !crossOk) {
        unknownPath = true;
        continue;
      }
      if (id.kind === 'root') {
        if (!sure) unknownPath = true;
        else {
          allows.push(a.ref);
          if (!notes.includes('rootUser')) notes.push('rootUser');
        }
        continue;
      }
      if (!iam) {
        if (!sure || id.account === undefined || (crossAccount === undefined && a.outcome.via === 'direct')) unknownPath = true;
        else delegations.push({ type: 'delegation', account: id.account, statement: a.ref });
        continue;
      }
      if (iam.allows) {
        if (!sure) unknownPath = true;
        else {
          if (id.account !== undefined) allows.push({ type: 'delegation', account: id.account, statement: a.ref });
          else allows.push(a.ref);
          for (const i of iam.allows) if (!allows.includes(i.ref)) allows.push(i.ref);
        }
      } else if (iam.unknownAllows) {
        unknownPath = true;
        for (const i of iam.unknownAllows) undecided.push({ ref: i.ref, failed: i.outcome.failed ?? { part: 'effect' } });
      } else if (crossAccount === true && !notes.includes('identityPolicyNoAllow')) notes.push('identityPolicyNoAllow');
    }

    for (const g of this.grants.candidates(id, request.grantId, ctx.tokens)) {
      const o = testGrant(g, ctx);
      if (!o) continue;
      const ref: GrantRef = { type: 'grant', grantId: g.grantId };
      if (o.truth === 'yes') allows.push(ref);
      else if (o.truth === 'unknown') {
        unknownPath = true;
        undecided.push({ ref, failed: o.failed ?? { part: 'grantee' } });
      } else if (o.failed && NEAR_MISS_PARTS.has(o.failed.part)) nearMisses.push({ ref, failed: o.failed });
    }

    const shaky = possibleDenies.length > 0 || scp === 'unknown';
    if (allows.length > 0) return { decision: shaky ? 'unknown' : 'allow', decidedBy: allows, ...base };
    if (unknownPath) return { decision: 'unknown', decidedBy: delegations, ...base };
    if (delegations.length > 0) return { decision: shaky ? 'unknown' : 'delegated', decidedBy: delegations, ...base };
    if (!notes.includes('notCrossAccountOperation') && !notes.includes('identityPolicyNoAllow')) notes.push('noAllow');
    return { decision: 'implicitDeny', decidedBy: [], ...base };
  }

  /** Is the caller in another account than the key? Undefined when either account is not known (and for service principals: false). */
  private crossAccount(ctx: RequestContext): boolean | undefined {
    const id = ctx.identity;
    if (id.kind === 'service') return false;
    const keyAccount = (ctx.keyArn && arnPart(ctx.keyArn, 4)) || this.policies.keyAccount || this.policies.keyPolicy.account;
    if (!keyAccount || !id.account) return undefined;
    return keyAccount !== id.account;
  }
}

/** Evaluates one request (for many requests against the same policies, make one Evaluator). */
export function evaluate(policies: AccessPolicies, request: AccessRequest): Evaluation {
  return new Evaluator(policies).evaluate(request);
}
