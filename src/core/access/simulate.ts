/**
 * `kms-lens simulate`: every KMS event of some logs set against a key policy
 * (and, when given, the callers' IAM policies) and the grants the logs show.
 * One result per event, with what decided and what really happened; a
 * decision that contradicts what happened means the key's real policy or
 * grants are not the ones given (drift.ts).
 *
 * An event can make more than one request (ReEncrypt: ReEncryptFrom on the
 * source key and ReEncryptTo on the destination key). The event is allowed
 * only when each of them is, so its decision is the least permissive of its
 * requests' and what decided is the union of theirs.
 */
import type { DocumentModel } from '../document/model';
import { eventRecords } from '../document/model';
import { replayGrants, type GrantsInput } from '../grants/build';
import { grantLifeFacts } from '../grants/read';
import type { GrantsOfKey } from '../grants/types';
import { KeyHistory } from '../history/history';
import { lifecycleFacts } from '../lifecycle/extract';
import type { GrantsSource } from '../keys/types';
import type { PolicyModel } from '../policy/model';
import { compilePolicy, policyFromText } from './compile';
import { describeEvaluation } from './describe';
import { contradiction, type Actual, type Contradiction } from './drift';
import { Evaluator } from './evaluate';
import { eventOutcome, requestsFromEvent } from './fromEvent';
import { grantInputOf } from './grants';
import type { AccessRequest, DecidingRef, Decision, Evaluation, GrantInput } from './types';

/** A policy to load: its name (a file) and its model. */
export interface NamedPolicy {
  name: string;
  model: PolicyModel;
}

export interface SimulateInput {
  /** The key policy of every key that `keyPolicies` does not map. */
  keyPolicy?: NamedPolicy;
  /** Key policies by key ARN (`--key-policy ARN=FILE`); a key with none known is `unknown`. */
  keyPolicies?: ReadonlyMap<string, NamedPolicy>;
  /** The callers' IAM policies; none given means they are not loaded (decisions can be `delegated`). */
  identityPolicies?: readonly NamedPolicy[];
  /** Logs read for their grants only. */
  logs?: readonly GrantsSource[];
  /** The logs whose events are evaluated (their grants count too). */
  events: readonly GrantsSource[];
  /** Put each decision in words too (the text report); the JSON report does without. */
  explain?: boolean;
}

/** `decidedBy` entries as the CLI prints them (issue 16's contract: `index` is 0-based). */
export type JsonDecidingRef =
  | { type: 'statement'; sid: string | null; index: number; policy?: string }
  | { type: 'grant'; grantId: string }
  | { type: 'delegation'; account: string };

export interface SimulatedEvent {
  /** The source id of the event's document. */
  file: string;
  /** Offset of the event's record in its document. */
  start: number;
  eventID?: string;
  eventName?: string;
  principal?: string;
  keyArn?: string;
  decision: Decision;
  decidedBy: JsonDecidingRef[];
  actual: 'success' | 'failure';
  /** Set when the decision contradicts what happened. */
  contradiction?: Contradiction;
  /** The decision in plain words (only with `explain`). */
  explanation?: string;
}

/** From the least to the most permissive: an event's decision is its least permissive request's. */
const ORDER: readonly Decision[] = ['explicitDeny', 'implicitDeny', 'unknown', 'delegated', 'allow'];

/** A key policy from a file's text: the policy itself, or get-key-policy output (`{"Policy": "..."}`). */
export function keyPolicyFromText(text: string): PolicyModel | undefined {
  const model = policyFromText(text, 'keyPolicy');
  const inner = model?.byName.get('Policy')?.value;
  if (model && !model.byName.has('Statement') && inner?.type === 'string') return policyFromText(inner.value, 'keyPolicy') ?? model;
  return model;
}

/** The key policy of get-key-policy output (`{"Policy": "...", "PolicyName": ...}`); undefined for any other text. */
export function keyPolicyOfGetKeyPolicy(text: string): PolicyModel | undefined {
  const outer = policyFromText(text, 'keyPolicy');
  const inner = outer?.byName.get('Policy')?.value;
  if (!outer || outer.byName.has('Statement') || inner?.type !== 'string') return undefined;
  return policyFromText(inner.value, 'keyPolicy');
}

/** An identity policy from a file's text: the policy, or get-policy-version output (`{"PolicyVersion": {"Document": ...}}`). */
export function identityPolicyFromText(text: string): PolicyModel | undefined {
  const model = policyFromText(text, 'identityPolicy');
  if (!model || model.byName.has('Statement')) return model;
  try {
    const doc = (JSON.parse(text) as { PolicyVersion?: { Document?: unknown } }).PolicyVersion?.Document;
    if (typeof doc === 'string') return policyFromText(decodeURIComponent(doc), 'identityPolicy') ?? model;
    if (doc && typeof doc === 'object') return policyFromText(JSON.stringify(doc), 'identityPolicy') ?? model;
  } catch {
    // Not JSON as a whole (comments): the policy as read.
  }
  return model;
}

export function principalText(p: AccessRequest['principal']): string | undefined {
  return p.arn ?? p.service ?? (p.account ? `arn:aws:iam::${p.account}:root` : undefined);
}

export function jsonRef(ref: DecidingRef): JsonDecidingRef {
  switch (ref.type) {
    case 'statement': {
      const out: JsonDecidingRef = { type: 'statement', sid: ref.sid ?? null, index: ref.index };
      if (ref.policy.kind !== 'key' && ref.policy.name) out.policy = ref.policy.name;
      return out;
    }
    case 'grant': return { type: 'grant', grantId: ref.grantId };
    case 'delegation': return { type: 'delegation', account: ref.account };
  }
}

function sameRef(a: JsonDecidingRef, b: JsonDecidingRef): boolean {
  switch (a.type) {
    case 'statement': return b.type === 'statement' && a.index === b.index && a.sid === b.sid && a.policy === b.policy;
    case 'grant': return b.type === 'grant' && a.grantId === b.grantId;
    case 'delegation': return b.type === 'delegation' && a.account === b.account;
  }
}

/**
 * The grants the logs show, as evaluator input, each tied to its key when the
 * logs give the key's ARN. The grants half of the keys model (keys/build.ts):
 * the same facts, key history and replay, without what the evaluator never
 * reads (the keys' own lives, the services that use them, which call went
 * through which grant), which on a big log is a good part of the work.
 */
export function grantsOfSources(sources: readonly GrantsSource[]): GrantInput[] {
  if (sources.length === 0) return [];
  const history = new KeyHistory();
  const inputs: GrantsInput[] = [];
  for (const s of sources) {
    const facts = grantLifeFacts(s.model);
    history.add(facts);
    // The names a document gives keys (aliases) resolve them as in the keys model.
    history.add(lifecycleFacts(s.model));
    inputs.push({ source: s.id, facts });
  }
  history.finish();
  const entries = new Map<string, GrantsOfKey>();
  replayGrants(history, inputs, (key) => {
    let k = entries.get(key.identity);
    if (!k) entries.set(key.identity, (k = { key, grants: [], attempts: [], otherUses: [], orphans: [] }));
    return k;
  });
  return [...entries.values()].flatMap((k) => k.grants.map((g) => grantInputOf(g, k.key.arn)));
}

/** The least permissive of an event's evaluations, with what decided each. */
export function combine(evaluations: readonly Evaluation[]): { decision: Decision; decidedBy: DecidingRef[]; worst: Evaluation } {
  if (evaluations.length === 1) return { decision: evaluations[0].decision, decidedBy: evaluations[0].decidedBy, worst: evaluations[0] };
  let worst = evaluations[0];
  for (const e of evaluations) if (ORDER.indexOf(e.decision) < ORDER.indexOf(worst.decision)) worst = e;
  const decidedBy = evaluations.filter((e) => e.decision === worst.decision).flatMap((e) => e.decidedBy);
  return { decision: worst.decision, decidedBy, worst };
}

/** Every KMS event of `input.events`, in file and record order, against the policies and grants. */
export function simulate(input: SimulateInput): SimulatedEvent[] {
  const grants = grantsOfSources([...(input.logs ?? []), ...input.events]);
  const identityPolicies = input.identityPolicies && input.identityPolicies.length > 0
    ? input.identityPolicies.map((p) => compilePolicy(p.model, { kind: 'identity', name: p.name }))
    : undefined;
  const evaluatorOf = (p: NamedPolicy): Evaluator => new Evaluator({ keyPolicy: compilePolicy(p.model, { kind: 'key', name: p.name }), grants, identityPolicies });
  const fallback = input.keyPolicy && evaluatorOf(input.keyPolicy);
  const byKey = new Map<string, Evaluator>();
  for (const [arn, p] of input.keyPolicies ?? []) byKey.set(arn, evaluatorOf(p));
  const evaluate = (r: AccessRequest): Evaluation => {
    const e = (r.keyArn !== undefined && byKey.get(r.keyArn)) || fallback;
    return e ? e.evaluate(r) : NO_POLICY;
  };
  const out: SimulatedEvent[] = [];
  for (const source of input.events) simulateDocument(evaluate, source.id, source.model, input.explain === true, out);
  return out;
}

/** The evaluation of a request on a key whose policy is not known. */
const NO_POLICY: Evaluation = Object.freeze({ decision: 'unknown', decidedBy: [], nearMisses: [], undecided: [], notes: [] }) as Evaluation;

function simulateDocument(evaluate: (r: AccessRequest) => Evaluation, file: string, model: DocumentModel, explain: boolean, out: SimulatedEvent[]): void {
  for (const record of eventRecords(model)) {
    const requests = requestsFromEvent(record.value);
    if (requests.length === 0) continue;
    const e = record.value as Record<string, unknown>;
    const { decision, decidedBy, worst } = combine(requests.length === 1 ? [evaluate(requests[0])] : requests.map(evaluate));
    let refs = decidedBy.map(jsonRef);
    if (refs.length > 1) refs = refs.filter((r, i) => refs.findIndex((x) => sameRef(x, r)) === i);
    const happened: Actual = eventOutcome(e);
    const result: SimulatedEvent = {
      file,
      start: record.start,
      eventID: typeof e.eventID === 'string' ? e.eventID : undefined,
      eventName: typeof e.eventName === 'string' ? e.eventName : undefined,
      principal: principalText(requests[0].principal),
      keyArn: requests.find((r) => r.keyArn)?.keyArn,
      decision,
      decidedBy: refs,
      actual: happened === 'success' ? 'success' : 'failure',
    };
    if (explain) result.explanation = describeEvaluation(worst);
    const c = contradiction(decision, happened);
    if (c) result.contradiction = c;
    out.push(result);
  }
}
