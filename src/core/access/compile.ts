/**
 * A policy compiled once into matchers, so that evaluating it against tens of
 * thousands of requests does no parsing, no regular expression building and
 * no work that grows with anything but the statement's own size.
 *
 * Built on the policy model (model.ts) and its normalised statements
 * (normalize.ts): principals come classified, conditions come with their
 * operators parsed. What this adds is matching.
 *
 * Facts: IAM User Guide, "IAM JSON policy elements: Action" / "NotAction"
 * (action names are not case-sensitive; `*` and `?` wildcards), "Resource" /
 * "NotResource" (wildcards within each colon-separated part of the ARN),
 * "Principal" / "NotPrincipal" (see principals.ts), "Version" (policy
 * variables need 2012-10-17):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 * KMS Developer Guide, "Key policies in AWS KMS": in a key policy, `"Resource": "*"`
 * means the key the policy is attached to:
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 */
import { parseTree } from 'jsonc-parser';
import { buildPolicy, type PolicyModel, type Statement } from '../policy/model';
import { normalized, type NormalizedStatement } from '../policy/normalize';
import { compileCondition, fillVariable, type CompiledCondition } from './conditions';
import { KMS_ACTION_COUNT, kmsActionsOf } from './actions';
import { arnGlobMatch, arnGlobOf, globMatch, globOf, type ArnGlob, type Glob, type GlobPart } from './glob';
import { principalPattern, type PrincipalPattern } from './principals';
import type { RequestContext } from './context';
import { not, type Tri } from './truth';
import type { PolicyRef, StatementRef } from './types';
import { readPolicyText, type Token } from './values';

export interface ActionMatcher {
  /** 1 for each KMS action (by its index in the data) the list matches, before NotAction's inversion. */
  kms: Uint8Array;
  /** Patterns, for actions that are not KMS actions known to the data. */
  patterns: readonly Glob[];
  /** Some entries cannot be read. */
  unknown: boolean;
  negated: boolean;
}

export interface ResourceMatcher {
  fixed: readonly ArnGlob[];
  /** Entries with a policy variable in the resource part: filled in per request. */
  templates: ReadonlyArray<readonly Token[]>;
  unknown: boolean;
  negated: boolean;
}

export interface PrincipalMatcher {
  patterns: readonly PrincipalPattern[];
  negated: boolean;
}

export interface CompiledStatement {
  ref: StatementRef;
  effect?: 'Allow' | 'Deny';
  actions?: ActionMatcher;
  resources?: ResourceMatcher;
  /** Undefined for identity policies and SCPs, which name no principal. */
  principals?: PrincipalMatcher;
  conditions: readonly CompiledCondition[];
  /** Why the statement can never apply (AWS rejects a policy with such a statement). */
  never?: 'noAction' | 'noResource' | 'noPrincipal';
  statement: Statement;
  normalized: NormalizedStatement;
}

export interface CompiledPolicy {
  ref: PolicyRef;
  statements: readonly CompiledStatement[];
  model: PolicyModel;
  /** The account the policy belongs to, when its surroundings say (an event's recipient account). */
  account?: string;
}

function compileActions(s: NormalizedStatement): ActionMatcher | undefined {
  if (!s.actionElement) return undefined;
  const written = s.actionElement === 'NotAction' ? s.statement.notActions : s.statement.actions;
  const kms = new Uint8Array(KMS_ACTION_COUNT);
  const patterns: Glob[] = [];
  let unknown = s.opaque.actions;
  for (const a of written) {
    const read = readPolicyText(a.value, false);
    if (!read.known) {
      unknown = true;
      continue;
    }
    const g = globOf(a.value, true, true);
    patterns.push(g);
    for (const i of kmsActionsOf(g.chars, g)) kms[i] = 1;
  }
  return { kms, patterns, unknown, negated: s.actionElement === 'NotAction' };
}

function compileResources(s: NormalizedStatement, variables: boolean): ResourceMatcher | undefined {
  if (!s.resourceElement) return undefined;
  const written = s.resourceElement === 'NotResource' ? s.statement.notResources : s.statement.resources;
  const fixed: ArnGlob[] = [];
  const templates: Array<readonly Token[]> = [];
  let unknown = s.opaque.resources;
  for (const r of written) {
    const read = readPolicyText(r.value, variables);
    if (!read.known) unknown = true;
    else if (read.plain !== undefined) fixed.push(arnGlobOf([{ text: read.plain, wildcards: true }]));
    else templates.push(read.tokens);
  }
  return { fixed, templates, unknown, negated: s.resourceElement === 'NotResource' };
}

function compileStatement(s: NormalizedStatement, policy: PolicyRef, variables: boolean): CompiledStatement {
  const st = s.statement;
  const ref: StatementRef = { type: 'statement', policy, index: st.index, sid: st.sid?.value, effect: s.effect };
  const actions = compileActions(s);
  const resources = compileResources(s, variables);
  const principals: PrincipalMatcher | undefined = s.principalElement
    ? { patterns: s.principals.map(principalPattern).concat(s.opaque.principals ? [{ kind: 'unknown', written: '' }] : []), negated: s.principalElement === 'NotPrincipal' }
    : undefined;
  let never: CompiledStatement['never'];
  if (!actions) never = 'noAction';
  else if (!resources) never = 'noResource';
  else if (policy.kind === 'key' && !principals) never = 'noPrincipal';
  return {
    ref,
    effect: s.effect,
    actions,
    resources,
    principals,
    conditions: s.conditions.map((c, i) => compileCondition(c, i, variables)),
    never,
    statement: st,
    normalized: s,
  };
}

export interface CompileOptions {
  /** What the policy is: the key's policy, an identity policy of the caller, or an SCP. Default: from the model. */
  kind?: PolicyRef['kind'];
  /** A name to show in the statements that decide (a file name, a policy name). */
  name?: string;
}

const compiled = new WeakMap<PolicyModel, CompiledPolicy>();

/** Compiles a policy model (cached per model when no options are given). */
export function compilePolicy(model: PolicyModel, options: CompileOptions = {}): CompiledPolicy {
  const cacheable = options.kind === undefined && options.name === undefined;
  const hit = cacheable ? compiled.get(model) : undefined;
  if (hit) return hit;
  const kind = options.kind ?? (model.kind === 'keyPolicy' ? 'key' : 'identity');
  const ref: PolicyRef = options.name === undefined ? { kind } : { kind, name: options.name };
  const version = model.byName.get('Version')?.value;
  const variables = version?.type === 'string' && version.value === '2012-10-17';
  const policy: CompiledPolicy = {
    ref,
    statements: normalized(model).map((s) => compileStatement(s, ref, variables)),
    model,
    account: model.context.account,
  };
  if (cacheable) compiled.set(model, policy);
  return policy;
}

/** A policy model from JSON text (for the CLI, tests and benchmarks). Undefined when the text has no JSON object. */
export function policyFromText(text: string, kind: 'keyPolicy' | 'identityPolicy' = 'keyPolicy'): PolicyModel | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') return undefined;
  // The caller says what the text is (a --policy file is a key policy): a certain decision, not a guess from content.
  return buildPolicy({ text, root, decision: { kind, certain: true, alternatives: [], reason: 'given by the caller', source: 'setting' }, origin: 'document' });
}

export function matchActions(m: ActionMatcher, ctx: RequestContext): Tri {
  let hit = false;
  if (ctx.kmsIndex !== -1) hit = m.kms[ctx.kmsIndex] === 1;
  else for (const g of m.patterns) if (globMatch(g, ctx.action)) hit = true;
  const t: Tri = hit ? 'yes' : m.unknown ? 'unknown' : 'no';
  return m.negated ? not(t) : t;
}

/** Fills the variables of a Resource template; only the resource part (after the fifth colon) may hold one. */
function resourceParts(tokens: readonly Token[], ctx: RequestContext): GlobPart[] | 'unknown' | 'unresolved' {
  const parts: GlobPart[] = [];
  let colons = 0;
  for (const t of tokens) {
    if (t.kind === 'variable') {
      if (colons < 5) return 'unknown';
      const part = fillVariable(t, ctx);
      if (typeof part === 'string') return part;
      parts.push(part);
    } else {
      for (const c of t.text) if (c === ':') colons++;
      parts.push({ text: t.text, wildcards: t.kind === 'text' });
    }
  }
  return parts;
}

export function matchResources(m: ResourceMatcher, ctx: RequestContext): Tri {
  const arn = ctx.keyArn;
  let t: Tri = 'no';
  let unknown = m.unknown;
  for (const g of m.fixed) {
    if (g.whole?.shape === 'any') {
      t = 'yes';
      break;
    }
    if (arn === undefined) unknown = true;
    else if (arnGlobMatch(g, arn, ctx.keyArnParts)) {
      t = 'yes';
      break;
    }
  }
  if (t !== 'yes') {
    for (const tokens of m.templates) {
      const parts = resourceParts(tokens, ctx);
      if (parts === 'unknown' || arn === undefined) unknown = true;
      else if (parts === 'unresolved') {
        if (m.negated) unknown = true;
      } else if (arnGlobMatch(arnGlobOf(parts), arn, ctx.keyArnParts)) {
        t = 'yes';
        break;
      }
    }
  }
  if (t !== 'yes' && unknown) t = 'unknown';
  return m.negated ? not(t) : t;
}
