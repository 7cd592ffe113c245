/**
 * The records of a big CloudTrail log as CloudTrail writes it to S3
 * (`{"Records": [...]}`), found by the scanner alone: offsets, no values.
 *
 * `JSON.parse` of a 40 MB log keeps the whole tree of 30,000 events alive at
 * once (four times the text), and the garbage collector copies it from one
 * generation to the next while it grows. A reader that walks the records once
 * (`kms-lens grants`) instead parses each record's text when it gets there and
 * lets it go: memory stays near the text's size and each event dies young.
 *
 * Only a log whose reading this way is certain to be the one `JSON.parse`
 * would give is read so: one member, `Records`, whose first element is an
 * event, with commas and whitespace between the records. Anything else (a
 * record nested too deep, an empty log, other members) is left to the
 * document model's usual path, which says what it says about it today; a
 * record that turns out not to parse is the caller's to notice
 * (`parseLogRecord` returns undefined), and it then reads the text the usual way.
 */
import { isEventLike } from '../classify';
import type { JsonRecord } from '../document/record';
import { scanMemberArray, skipSpace } from '../document/scan';
import { MAX_NESTING } from '../document/syntax';

const RECORDS = '"Records"';

/**
 * The records of `{"Records": [...]}` filling the whole text, each with its
 * offsets and no value (`value: undefined`); undefined when the text is not
 * certainly such a log of valid JSON.
 */
export function logRecordOffsets(text: string): JsonRecord[] | undefined {
  const end = text.length;
  const open = skipSpace(text, 0, end);
  if (text.charCodeAt(open) !== 123 /* { */) return undefined;
  const key = skipSpace(text, open + 1, end);
  if (!text.startsWith(RECORDS, key)) return undefined;
  const colon = skipSpace(text, key + RECORDS.length, end);
  if (text.charCodeAt(colon) !== 58 /* : */) return undefined;
  const bracket = skipSpace(text, colon + 1, end);
  if (text.charCodeAt(bracket) !== 91 /* [ */) return undefined;
  const spans = scanMemberArray(text, open, end, 'Records');
  // The first record right after the bracket: these are the elements of the first (and only) member.
  if (!spans || spans.length === 0 || spans[0].start !== skipSpace(text, bracket + 1, end)) return undefined;
  // After the last record: the array closes, the object closes, and nothing but whitespace follows.
  const close = skipSpace(text, spans[spans.length - 1].end, end);
  if (text.charCodeAt(close) !== 93 /* ] */) return undefined;
  const brace = skipSpace(text, close + 1, end);
  if (text.charCodeAt(brace) !== 125 /* } */ || skipSpace(text, brace + 1, end) !== end) return undefined;
  // A record deeper than the parsers take: the usual path refuses the log and says so.
  for (const s of spans) if (s.depth > MAX_NESTING) return undefined;
  // What makes the text a CloudTrail log (classify.ts: `Records` holding an event).
  if (!isEventLike(parseLogRecord(text, { start: spans[0].start, end: spans[0].end }))) return undefined;
  const records = new Array<JsonRecord>(spans.length);
  for (let i = 0; i < spans.length; i++) records[i] = { index: i, start: spans[i].start, end: spans[i].end, value: undefined, broken: false };
  return records;
}

/** The value of one record's text; undefined when it is not valid JSON. */
export function parseLogRecord(text: string, record: { start: number; end: number }): unknown {
  try {
    return JSON.parse(text.slice(record.start, record.end)) as unknown;
  } catch {
    return undefined;
  }
}
