/**
 * Each event of a log against the key policy in force at its time, when the
 * log itself shows that policy: a successful PutKeyPolicy (its `policy`
 * parameter) or CreateKey (its `policy` parameter, or the default key policy
 * when it has none) earlier in the log for the event's key. The grants are
 * those the log shows. Cached per document model (one per document version).
 *
 * Facts (KMS Developer Guide and API Reference):
 * - CreateKey without a Policy gives the key the default key policy, whose one
 *   statement lets the account's IAM policies allow every KMS action
 *   (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html);
 * - a change of key policy or grant can take up to about five minutes to apply
 *   everywhere (eventual consistency; "PutKeyPolicy" and
 *   https://docs.aws.amazon.com/kms/latest/developerguide/accessing-kms.html#terms-eventual-consistency),
 *   so an event that close to a change is not judged against either policy.
 */
import { eventRecords, type DocumentModel, type JsonRecord } from '../document/model';
import type { PolicyModel } from '../policy/model';
import { compilePolicy, policyFromText } from './compile';
import { contradiction, type Actual, type Contradiction } from './drift';
import { Evaluator } from './evaluate';
import { eventOutcome, requestsFromEvent } from './fromEvent';
import { grantsOfSources, combine } from './simulate';
import type { KnownKeyPolicies, KnownKeyPolicy } from './knownPolicies';
import type { DecidingRef, Decision, Evaluation, GrantInput } from './types';

/** How long a change of key policy may take to apply everywhere. */
export const SETTLING_MS = 5 * 60 * 1000;

export interface LogKeyPolicy {
  keyArn: string;
  /** The event that set it. */
  origin: 'PutKeyPolicy' | 'CreateKey';
  /** CreateKey without a policy: the default key policy. */
  defaulted: boolean;
  time?: string;
  ms: number;
  /** Offset of the record that set it. */
  start: number;
  model: PolicyModel;
  evaluator?: Evaluator;
}

export interface EventJudgement {
  decision: Decision;
  decidedBy: DecidingRef[];
  /** The evaluation that decided (the least permissive of the event's requests). */
  evaluation: Evaluation;
  /** The policy this log shows being set, when it is the one in force. */
  policy?: LogKeyPolicy;
  /** Otherwise, the policy known from elsewhere (a mapped file, a template, another log): knownPolicies.ts. */
  known?: KnownKeyPolicy;
  /** The event is within minutes of the policy's change: not judged for drift. */
  settling: boolean;
  actual: Actual;
  contradiction?: Contradiction;
}

interface LogAccess {
  byKey: Map<string, LogKeyPolicy[]>;
}

const cache = new WeakMap<DocumentModel, LogAccess | null>();

function defaultPolicyText(keyArn: string): string | undefined {
  const m = /^arn:([^:]+):kms:[^:]*:(\d{12}):/.exec(keyArn);
  if (!m) return undefined;
  return JSON.stringify({ Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${m[1]}:iam::${m[2]}:root` }, Action: 'kms:*', Resource: '*' }] });
}

function policyOf(record: JsonRecord): LogKeyPolicy | undefined {
  const e = record.value as Record<string, unknown>;
  const name = e.eventName;
  if ((name !== 'PutKeyPolicy' && name !== 'CreateKey') || e.eventSource !== 'kms.amazonaws.com' || e.errorCode !== undefined) return undefined;
  const time = typeof e.eventTime === 'string' ? e.eventTime : undefined;
  const ms = time ? Date.parse(time) : NaN;
  if (Number.isNaN(ms)) return undefined;
  const keyArn = requestsFromEvent(e)[0]?.keyArn;
  if (!keyArn) return undefined;
  const params = e.requestParameters as Record<string, unknown> | undefined;
  const written = params && typeof params.policy === 'string' ? params.policy : undefined;
  const defaulted = name === 'CreateKey' && written === undefined;
  // A PutKeyPolicy whose policy the log does not show (truncated, redacted) says nothing.
  const text = written ?? (defaulted ? defaultPolicyText(keyArn) : undefined);
  const model = text === undefined ? undefined : policyFromText(text, 'keyPolicy');
  if (!model || model.statements.length === 0) return undefined;
  return { keyArn, origin: name, defaulted, time, ms, start: record.start, model };
}

function logAccess(model: DocumentModel): LogAccess | undefined {
  if (model.kind !== 'cloudTrail') return undefined;
  let access = cache.get(model);
  if (access === undefined) {
    const byKey = new Map<string, LogKeyPolicy[]>();
    for (const record of eventRecords(model)) {
      const name = (record.value as Record<string, unknown>).eventName;
      if (name !== 'PutKeyPolicy' && name !== 'CreateKey') continue;
      const p = policyOf(record);
      if (!p) continue;
      let list = byKey.get(p.keyArn);
      if (!list) byKey.set(p.keyArn, (list = []));
      list.push(p);
    }
    for (const list of byKey.values()) list.sort((a, b) => a.ms - b.ms || a.start - b.start);
    access = byKey.size > 0 ? { byKey } : null;
    cache.set(model, access);
  }
  return access ?? undefined;
}

/** The policy in force for a key just before `ms` (an event at the same time as a change is judged by the change's predecessor). */
function inForce(list: readonly LogKeyPolicy[], ms: number, start: number): LogKeyPolicy | undefined {
  let found: LogKeyPolicy | undefined;
  for (const p of list) {
    if (p.ms < ms || (p.ms === ms && p.start < start)) found = p;
    else break;
  }
  return found;
}

/** The key policies a log shows for one key (PutKeyPolicy, CreateKey), oldest first. */
export function keyPolicyChanges(model: DocumentModel, keyArn: string): readonly LogKeyPolicy[] {
  return logAccess(model)?.byKey.get(keyArn) ?? [];
}

/** Does the log show any key policy (so that events can be judged against one)? */
export function logHasKeyPolicies(model: DocumentModel): boolean {
  return logAccess(model) !== undefined;
}

/** The grants a log shows, as evaluator input (once per document model). */
const logGrants = new WeakMap<DocumentModel, GrantInput[]>();
/** Evaluators of policies known from elsewhere, per log (each log has its own grants). */
const knownEvaluators = new WeakMap<KnownKeyPolicy, WeakMap<DocumentModel, Evaluator>>();

function grantsOfLog(model: DocumentModel): GrantInput[] {
  let grants = logGrants.get(model);
  if (!grants) logGrants.set(model, (grants = grantsOfSources([{ id: '', model }])));
  return grants;
}

function evaluatorFor(model: DocumentModel, own: LogKeyPolicy | undefined, known: KnownKeyPolicy | undefined): Evaluator {
  if (own) return (own.evaluator ??= new Evaluator({ keyPolicy: compilePolicy(own.model), grants: grantsOfLog(model) }));
  const k = known as KnownKeyPolicy;
  let byLog = knownEvaluators.get(k);
  if (!byLog) knownEvaluators.set(k, (byLog = new WeakMap()));
  let e = byLog.get(model);
  if (!e) byLog.set(model, (e = new Evaluator({ keyPolicy: compilePolicy(k.model), grants: grantsOfLog(model) })));
  return e;
}

/** The latest policy another log shows set for the key before `ms`. */
function knownBefore(list: readonly KnownKeyPolicy[], ms: number): KnownKeyPolicy | undefined {
  let found: KnownKeyPolicy | undefined;
  for (const p of list) {
    if ((p.ms ?? Infinity) < ms) found = p;
    else break;
  }
  return found;
}

/** Which policy judges a request on `keyArn` at `ms`: this log's, another place's, or none (knownPolicies.ts says the order). */
function policyAt(access: LogAccess | undefined, known: KnownKeyPolicies | undefined, keyArn: string, ms: number, start: number): { own?: LogKeyPolicy; known?: KnownKeyPolicy } | undefined {
  const list = access?.byKey.get(keyArn);
  const own = list && inForce(list, ms, start);
  const changes = known?.changesOf(keyArn) ?? [];
  const other = knownBefore(changes, ms);
  if (own && (!other || own.ms >= (other.ms ?? 0))) return { own };
  if (other) return { known: other };
  // Nothing set before the event: the current policy holds only if no change is shown after it.
  if ((list && list.length > 0) || changes.length > 0) return undefined;
  const current = known?.currentOf(keyArn);
  return current ? { known: current } : undefined;
}

/**
 * The event of `record` against the key policy in force for its key: one the
 * log shows, or one `known` from elsewhere; undefined when neither is known
 * (and for CreateKey, which no key policy authorises: there is no key yet).
 */
export function judgeEvent(model: DocumentModel, record: JsonRecord, known?: KnownKeyPolicies): EventJudgement | undefined {
  const access = logAccess(model);
  if (!access && (!known || known.size === 0)) return undefined;
  const e = record.value as Record<string, unknown>;
  if (e.eventName === 'CreateKey') return undefined;
  const requests = requestsFromEvent(e);
  if (requests.length === 0) return undefined;
  const time = typeof e.eventTime === 'string' ? Date.parse(e.eventTime) : NaN;
  if (Number.isNaN(time)) return undefined;
  const evaluations: Evaluation[] = [];
  let latest: { own?: LogKeyPolicy; known?: KnownKeyPolicy; ms: number } | undefined;
  for (const r of requests) {
    // Every key of the event needs a known policy (ReEncrypt between two keys).
    const at = r.keyArn ? policyAt(access, known, r.keyArn, time, record.start) : undefined;
    if (!at) return undefined;
    evaluations.push(evaluatorFor(model, at.own, at.known).evaluate(r));
    const ms = at.own?.ms ?? at.known?.ms ?? -Infinity;
    if (!latest || ms > latest.ms) latest = { ...at, ms };
  }
  if (!latest) return undefined;
  const { decision, decidedBy, worst } = combine(evaluations);
  const actual = eventOutcome(e);
  const settling = latest.ms !== -Infinity && time - latest.ms < SETTLING_MS;
  const judgement: EventJudgement = { decision, decidedBy, evaluation: worst, settling, actual };
  if (latest.own) judgement.policy = latest.own;
  else judgement.known = latest.known;
  const c = contradiction(decision, actual);
  if (c) judgement.contradiction = c;
  return judgement;
}

/** The key policies a log shows being set, as policies known to other documents (origin `log`). */
export function knownPoliciesOfLog(model: DocumentModel, source: string): KnownKeyPolicy[] {
  const access = logAccess(model);
  if (!access) return [];
  const out: KnownKeyPolicy[] = [];
  for (const list of access.byKey.values()) for (const p of list) out.push({ keyArn: p.keyArn, model: p.model, origin: 'log', source, ms: p.ms, time: p.time });
  return out;
}
