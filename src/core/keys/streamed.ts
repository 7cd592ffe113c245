/**
 * The facts of a big CloudTrail log about keys, read one record at a time:
 * each record's text is parsed when the walk gets to it, every view's pass
 * reads it (grants, the key's life, the services that use a key), and the
 * event is then cut down to what the replay and the reports read of it
 * (portable.ts says what that is), so the log is never a tree in memory all
 * at once. The facts are those `readSource` reads from the parsed log.
 */
import type { DocumentModel, JsonRecord } from '../document/model';
import { parseLogRecord } from '../cloudtrail/logRecords';
import { isEventLike } from '../classify';
import { pendingGrantFacts } from '../grants/read';
import type { KmsEventPass, Obj } from '../history/events';
import { pendingLifecycleFacts } from '../lifecycle/extract';
import { readSource, type SourceFacts } from './build';
import { slimIdentity } from './portable';
import type { GrantsSource } from './types';

/**
 * What is read of an event once the passes have read it: what identifies it
 * (sameEvent in history/events.ts compares name, time and account) and its
 * caller (shown in the reports, matched against a grant's grantee).
 */
function slimEvent(ev: Obj): Obj {
  const out: Obj = {};
  for (const field of ['eventID', 'eventName', 'eventTime', 'recipientAccountId']) if (ev[field] !== undefined) out[field] = ev[field];
  if (ev.userIdentity !== undefined) out.userIdentity = slimIdentity(ev.userIdentity);
  return out;
}

/**
 * The facts of a model whose records were left unparsed (`unparsedRecords`),
 * or undefined when a record's text is not valid JSON: the caller then reads
 * the text the usual way (the model says nothing about a broken log).
 */
export function streamedSourceFacts(src: GrantsSource): SourceFacts | undefined {
  const model: DocumentModel = src.model;
  const passes = [pendingGrantFacts(model), ...pendingLifecycleFacts(model)].filter((p): p is KmsEventPass => p !== undefined);
  const text = model.text;
  const records: JsonRecord[] = model.records;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const ev = parseLogRecord(text, record) as Obj | undefined;
    if (ev === undefined) return undefined;
    // As forEachKmsEvent (history/events.ts) picks them.
    if (!isEventLike(ev) || ev.eventSource !== 'kms.amazonaws.com' || typeof ev.eventName !== 'string') continue;
    const name = ev.eventName;
    for (const p of passes) p.read(record, ev, name);
    record.value = slimEvent(ev);
  }
  for (const p of passes) p.done();
  return readSource(src);
}
