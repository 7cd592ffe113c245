/**
 * What one document says about keys, without the document: its facts with
 * each record cut down to what the replay reads of it (where it is, the event's
 * id, name and time, and who called). A folder of thousands of CloudTrail
 * archives is read one file at a time (in worker threads, whose messages are
 * structured clones): only these facts are kept, never the texts or the parsed
 * events, and the keys model built from them is the one `buildGrantsModel`
 * builds from the documents.
 */
import type { JsonRecord } from '../document/model';
import { readSource, type SourceFacts } from './build';
import type { GrantsSource } from './types';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * What is read of a caller (history/actors.ts for display, grants/principals.ts
 * to match a use to a grant's grantee): its type, ARN, ids, account, the
 * service that called for it, and the role its session was issued by.
 */
export function slimIdentity(u: unknown): unknown {
  if (!isObj(u)) return u;
  const out: Obj = {};
  for (const field of ['type', 'arn', 'principalId', 'accountId', 'invokedBy']) if (u[field] !== undefined) out[field] = u[field];
  const issuer = isObj(u.sessionContext) && isObj(u.sessionContext.sessionIssuer) ? u.sessionContext.sessionIssuer : undefined;
  if (issuer && issuer.arn !== undefined) out.sessionContext = { sessionIssuer: { arn: issuer.arn } };
  return out;
}

/** What the replay reads of a record: its offsets, and of its value the fields that identify the event and its caller. */
function slimRecord(record: JsonRecord): JsonRecord {
  const ev = record.value;
  let value: Obj | null = null;
  if (isObj(ev)) {
    value = {};
    for (const field of ['eventID', 'eventName', 'eventTime']) if (ev[field] !== undefined) value[field] = ev[field];
    if (ev.userIdentity !== undefined) value.userIdentity = slimIdentity(ev.userIdentity);
  }
  // `inString` (functions mapping offsets) is left out: the replay uses the record's own offsets, which are the document's.
  return { index: record.index, start: record.start, end: record.end, value, broken: record.broken, ...(record.partial ? { partial: true } : {}) };
}

/**
 * A copy of a fact (and of a snapshot inside it) whose records are slim; the
 * same record gives the same slim object, so facts that share an event still
 * share it (the replay recognises an event by identity within a document).
 */
function slimFact<T extends object>(fact: T, slim: (r: JsonRecord) => JsonRecord): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fact)) {
    if (name === 'record' && value !== null && typeof value === 'object') out[name] = slim(value as JsonRecord);
    // A snapshot of AWS CLI output (describe-key) carries its record too; nothing else in a fact does (an encryption context is the user's data).
    else if (name === 'snapshot' && value !== null && typeof value === 'object') out[name] = slimFact(value, slim);
    else out[name] = value;
  }
  return out as T;
}

/** The facts of one document about keys, as plain data that holds nothing of the document but what the keys model shows. */
export function portableFacts(src: GrantsSource): SourceFacts {
  const facts = readSource(src);
  const memo = new Map<JsonRecord, JsonRecord>();
  const slim = (r: JsonRecord): JsonRecord => {
    let s = memo.get(r);
    if (!s) memo.set(r, (s = slimRecord(r)));
    return s;
  };
  const each = <T extends object>(list: readonly T[]): T[] => list.map((f) => slimFact(f, slim));
  return {
    source: facts.source,
    contributes: facts.contributes,
    grants: { ...facts.grants, events: each(facts.grants.events), uses: each(facts.grants.uses) },
    lifecycle: { ...facts.lifecycle, events: each(facts.lifecycle.events) },
    evidence: { ...facts.evidence, evidence: each(facts.evidence.evidence) },
  };
}
