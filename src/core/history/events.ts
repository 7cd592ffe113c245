/**
 * Reading KMS events into facts of the key history: the fields every fact
 * has, the order of facts in time, and how the same event is recognised in
 * two documents. The facts of each view (grants, a key's life) extend
 * `EventFact`; where they came from (a CloudTrail file, an AWS CLI output, a
 * query run elsewhere) does not matter to the views that replay them.
 */
import { isEventLike, isObject } from '../classify';
import type { DocumentModel, JsonRecord } from '../document/model';
import { nonEmptyString } from '../jsonValues';
import { timeMillis } from '../text/cloudTrailTime';
import type { KeyRef } from './keys';

export type Obj = Record<string, unknown>;

/** What every fact read from one event (or list-grants entry) says: where it is, when, and about which key. */
export interface EventFact {
  record: JsonRecord;
  eventName: string;
  eventTime?: string;
  /** Milliseconds since the epoch; NaN when the time is missing or unreadable. */
  ms: number;
  eventId?: string;
  errorCode?: string;
  errorMessage?: string;
  /** The key as the event names it (resolved against every other document later). */
  key?: KeyRef;
}

/**
 * The fields of `EventFact`, read from an event; written out (no spread) so
 * that facts keep one shape. `key` is left for the caller to set.
 */
export function eventFact(record: JsonRecord, ev: Obj, eventName: string): EventFact {
  const eventTime = nonEmptyString(ev.eventTime);
  return {
    record,
    eventName,
    eventTime,
    ms: timeMillis(eventTime),
    eventId: nonEmptyString(ev.eventID),
    errorCode: nonEmptyString(ev.errorCode),
    errorMessage: nonEmptyString(ev.errorMessage),
    key: undefined,
  };
}

/** Calls `fn` for each KMS event of the document (a plain loop: this runs over every record of a big log). */
export function forEachKmsEvent(model: DocumentModel, fn: (record: JsonRecord, ev: Obj, name: string) => void): void {
  for (const record of model.records) {
    const ev = record.value as Obj;
    if (!isEventLike(ev) || ev.eventSource !== 'kms.amazonaws.com') continue;
    const name = ev.eventName;
    if (typeof name === 'string') fn(record, ev, name);
  }
}

/**
 * One view's reading of a document's KMS events, event by event, then kept
 * (`done`) where that view caches its facts. Readers exist so that several
 * views share one pass over a big log (keys/cloudTrailPass.ts): walking
 * 30,000 parsed events is mostly memory traffic, paid once instead of per view.
 */
export interface KmsEventPass {
  read(record: JsonRecord, ev: Obj, name: string): void;
  done(): void;
}

/** Runs every pass over the document's KMS events in one walk, then lets each keep its facts. */
export function readKmsEvents(model: DocumentModel, passes: readonly KmsEventPass[]): void {
  if (passes.length === 1) {
    forEachKmsEvent(model, (record, ev, name) => passes[0].read(record, ev, name));
  } else {
    forEachKmsEvent(model, (record, ev, name) => {
      for (const p of passes) p.read(record, ev, name);
    });
  }
  for (const p of passes) p.done();
}

export function requestParameters(ev: Obj): Obj | undefined {
  return isObject(ev.requestParameters) ? ev.requestParameters : undefined;
}

/** A time for sorting: unknown times last. */
export function timeKey(ms: number): number {
  return Number.isNaN(ms) ? Infinity : ms;
}

/** Stable sort by time; unknown times last. CloudTrail files are in no particular order; a sorted run costs one pass. */
export function byTime(facts: Array<{ ms: number }>): void {
  for (let i = 1; i < facts.length; i++) {
    if (timeKey(facts[i - 1].ms) > timeKey(facts[i].ms)) {
      facts.sort((a, b) => timeKey(a.ms) - timeKey(b.ms) || 0);
      return;
    }
  }
}

function eventIdOf(record: JsonRecord): string | undefined {
  return nonEmptyString((record.value as Obj).eventID);
}

/**
 * Two records of the same event: same eventName, eventTime and recipientAccountId (callers compare eventIDs
 * first). The account tells a redacted copy (Redact for Sharing keeps eventIDs and times, and replaces account
 * ids) from its log: open side by side, they are two accounts' events, not one event seen twice.
 */
export function sameEvent(a: JsonRecord, b: JsonRecord): boolean {
  const x = a.value as Obj;
  const y = b.value as Obj;
  return x.eventName === y.eventName && x.eventTime === y.eventTime && x.recipientAccountId === y.recipientAccountId;
}

/**
 * The events of one document by eventID, to find an event again in another
 * document: same eventID, eventName and eventTime. (AWS documentation reuses
 * placeholder eventIDs for different events, so the id alone is not enough.)
 */
export class EventIds {
  private readonly ids = new Map<string, JsonRecord | JsonRecord[]>();

  constructor(records: Iterable<JsonRecord> = []) {
    this.add(records);
  }

  /** Adds the events of another document: one index answers for every earlier document of a run (a folder has thousands). */
  add(records: Iterable<JsonRecord>): void {
    for (const record of records) {
      const id = eventIdOf(record);
      if (id === undefined) continue;
      const known = this.ids.get(id);
      if (known === undefined) this.ids.set(id, record);
      else if (known !== record && !(Array.isArray(known) && known.includes(record))) this.ids.set(id, Array.isArray(known) ? [...known, record] : [known, record]);
    }
  }

  /** The record of the same event here, if any. */
  find(record: JsonRecord): JsonRecord | undefined {
    const id = eventIdOf(record);
    const known = id === undefined ? undefined : this.ids.get(id);
    if (known === undefined) return undefined;
    for (const r of Array.isArray(known) ? known : [known]) if (r === record || sameEvent(r, record)) return r;
    return undefined;
  }
}
