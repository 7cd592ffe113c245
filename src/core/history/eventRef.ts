/** Event references that read their caller lazily, shared by every view of the key history. */
import type { JsonRecord } from '../document/model';
import { actorOf } from './actors';
import type { Actor, EventRef, EventRole } from './types';

/**
 * An EventRef that reads who made the call from its record when first asked:
 * most events of a big log are never shown. Serialises as plain data.
 */
export class RecordEventRef implements EventRef {
  readonly start: number;
  readonly end: number;
  readonly eventTime?: string;
  readonly eventId?: string;
  readonly errorCode?: string;
  #actor: Actor | undefined | null;
  readonly #record: JsonRecord;

  constructor(readonly source: string, record: JsonRecord, readonly role: EventRole, readonly eventName: string, fact: { eventTime?: string; eventId?: string; errorCode?: string }, actor: Actor | undefined | null) {
    this.start = record.start;
    this.end = record.end;
    this.eventTime = fact.eventTime;
    this.eventId = fact.eventId;
    this.errorCode = fact.errorCode;
    this.#record = record;
    this.#actor = actor;
  }

  get actor(): Actor | undefined {
    if (this.#actor === null) this.#actor = actorOf((this.#record.value as { userIdentity?: unknown } | null)?.userIdentity);
    return this.#actor;
  }

  toJSON(): EventRef {
    const { source, start, end, role, eventName, eventTime, eventId, errorCode, actor } = this;
    return { source, start, end, role, eventName, eventTime, eventId, errorCode, actor };
  }
}
