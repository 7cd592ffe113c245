/**
 * A policy's statements indexed by the KMS action and by the principal they
 * name, so that a request tests only the statements that can concern it: in a
 * key policy with a statement per application role, a call by one role tests
 * that role's statement and the ones that may apply to anyone, not all of
 * them. Built once per policy and action.
 */
import type { CompiledPolicy, CompiledStatement } from './compile';
import type { PrincipalPattern } from './principals';
import { principalTokens } from './tokens';
import type { Identity } from './principals';

interface Bucket {
  /** Statements that may apply to any caller: no Principal (IAM policies, SCPs), `*`, an account, a service, NotPrincipal, entries that cannot be read. */
  general: readonly CompiledStatement[];
  /** Statements that name only IAM users, roles and sessions, by principal token. */
  named: ReadonlyMap<string, readonly CompiledStatement[]>;
  all: readonly CompiledStatement[];
  /**
   * The candidates of each caller, keyed by its token list: principalTokens
   * returns the same array for the same caller, so a log's thousands of calls
   * by a few hundred callers merge lists once per caller, not once per call.
   */
  byCaller: WeakMap<readonly string[], readonly CompiledStatement[]>;
  /** A named list merged with the general statements (callers with distinct session ARNs share it). */
  withGeneral: WeakMap<readonly CompiledStatement[], readonly CompiledStatement[]>;
}

/** The token of a principal entry that names one IAM identity; undefined for the others. */
function patternToken(p: PrincipalPattern): string | undefined {
  switch (p.kind) {
    case 'role': return `role:${p.account}:${p.name}`;
    case 'user':
    case 'session':
    case 'federatedUser':
      return `arn:${p.arn}`;
    default: return undefined;
  }
}

function bucketOf(statements: readonly CompiledStatement[]): Bucket {
  const general: CompiledStatement[] = [];
  const named = new Map<string, CompiledStatement[]>();
  for (const s of statements) {
    const p = s.principals;
    const tokens = p && !p.negated ? p.patterns.map(patternToken) : [undefined];
    if (tokens.length === 0 || tokens.some((t) => t === undefined)) {
      general.push(s);
      continue;
    }
    for (const t of new Set(tokens as string[])) {
      let list = named.get(t);
      if (!list) named.set(t, (list = []));
      list.push(s);
    }
  }
  return { general, named, all: statements, byCaller: new WeakMap(), withGeneral: new WeakMap() };
}

const buckets = new WeakMap<CompiledPolicy, Map<number, Bucket>>();

function bucketFor(policy: CompiledPolicy, kmsIndex: number): Bucket {
  let byAction = buckets.get(policy);
  if (!byAction) buckets.set(policy, (byAction = new Map()));
  let b = byAction.get(kmsIndex);
  if (!b) {
    // Statements whose Action list can match: it names the action, or uses NotAction, or cannot be read.
    const statements = kmsIndex < 0
      ? policy.statements
      : policy.statements.filter((s) => !s.never && s.actions && (s.actions.negated || s.actions.unknown || s.actions.kms[kmsIndex] === 1));
    byAction.set(kmsIndex, (b = bucketOf(statements)));
  }
  return b;
}

/**
 * The statements of `policy` that can apply to a call of the KMS action
 * `kmsIndex` (-1: another action) by `id`, in policy order. `tokens`: the
 * caller's tokens, when the caller already has them.
 */
export function candidateStatements(policy: CompiledPolicy, kmsIndex: number, id: Identity, tokens: readonly string[] = principalTokens(id)): readonly CompiledStatement[] {
  const b = bucketFor(policy, kmsIndex);
  if (b.named.size === 0) return b.general;
  // A caller the logs show only by its account could be any of the named ones.
  if (id.kind === 'unknown' || id.kind === 'accountOnly') return b.all;
  let out = b.byCaller.get(tokens);
  if (!out) b.byCaller.set(tokens, (out = mergeCandidates(b, tokens)));
  return out;
}

function mergeCandidates(b: Bucket, tokens: readonly string[]): readonly CompiledStatement[] {
  let found: readonly CompiledStatement[] | undefined;
  let extra: CompiledStatement[] | undefined;
  for (const t of tokens) {
    const list = b.named.get(t);
    if (!list) continue;
    if (!found) found = list;
    else for (const s of list) if (!found.includes(s) && !extra?.includes(s)) (extra ??= []).push(s);
  }
  if (!found) return b.general;
  if (!extra) {
    // One named list (the common case): merged with the general ones once per list, whatever the session.
    let merged = b.withGeneral.get(found);
    if (!merged) b.withGeneral.set(found, (merged = inPolicyOrder([...b.general, ...found])));
    return merged;
  }
  return inPolicyOrder([...b.general, ...found, ...extra]);
}

function inPolicyOrder(list: CompiledStatement[]): CompiledStatement[] {
  return list.sort((x, y) => x.ref.index - y.ref.index);
}
