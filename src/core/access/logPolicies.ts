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
  policy: LogKeyPolicy;
  /** The event is within minutes of the policy's change: not judged for drift. */
  settling: boolean;
  actual: Actual;
  contradiction?: Contradiction;
}

interface LogAccess {
  byKey: Map<string, LogKeyPolicy[]>;
  grants?: GrantInput[];
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

/**
 * The event of `record` against the key policy in force for its key, when the
 * log shows one; undefined otherwise (and for CreateKey, which no key policy
 * authorises: there is no key yet).
 */
export function judgeEvent(model: DocumentModel, record: JsonRecord): EventJudgement | undefined {
  const access = logAccess(model);
  if (!access) return undefined;
  const e = record.value as Record<string, unknown>;
  if (e.eventName === 'CreateKey') return undefined;
  const requests = requestsFromEvent(e);
  if (requests.length === 0) return undefined;
  const time = typeof e.eventTime === 'string' ? Date.parse(e.eventTime) : NaN;
  if (Number.isNaN(time)) return undefined;
  const evaluations: Evaluation[] = [];
  let policy: LogKeyPolicy | undefined;
  for (const r of requests) {
    const list = r.keyArn ? access.byKey.get(r.keyArn) : undefined;
    const p = list && inForce(list, time, record.start);
    // Every key of the event needs a known policy (ReEncrypt between two keys).
    if (!p) return undefined;
    access.grants ??= grantsOfSources([{ id: '', model }]);
    p.evaluator ??= new Evaluator({ keyPolicy: compilePolicy(p.model), grants: access.grants });
    evaluations.push(p.evaluator.evaluate(r));
    if (!policy || p.ms > policy.ms) policy = p;
  }
  if (!policy) return undefined;
  const { decision, decidedBy, worst } = combine(evaluations);
  const actual = eventOutcome(e);
  const judgement: EventJudgement = { decision, decidedBy, evaluation: worst, policy, settling: time - policy.ms < SETTLING_MS, actual };
  const c = contradiction(decision, actual);
  if (c) judgement.contradiction = c;
  return judgement;
}
