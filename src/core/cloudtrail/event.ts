/**
 * Small readers over one CloudTrail record (a plain object from JSON.parse):
 * what kind of event it is, the keys it names, and documentation placeholders.
 * Rules and hovers share them so they agree on what an event says.
 */
import { isObject } from '../classify';
import type { DocumentModel, JsonRecord } from '../document/model';
import { isDocumentationPlaceholder, isPlaceholderAccount, keyIdKind, repairShiftedArn } from '../kms/identifiers';
import { hasMask } from '../text/masks';
import { nearest } from '../text/suggest';
import { DRY_RUN_ERROR } from './data/kmsOperations';
import { asString } from '../jsonValues';
import { RECORD_FIELD_BY_NAME, type RecordField } from './data/recordFields';

export type Obj = Record<string, unknown>;

export const KMS_SOURCE = 'kms.amazonaws.com';

/** The record whose text contains `offset` (records are in document order). */
export function recordAt(model: DocumentModel, offset: number): JsonRecord | undefined {
  const rs = model.records;
  let lo = 0;
  let hi = rs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rs[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

export function obj(v: unknown): Obj | undefined {
  return isObject(v) ? v : undefined;
}

export function isKmsEvent(e: Obj): boolean {
  return e.eventSource === KMS_SOURCE;
}

/** Logged by a service itself (key rotation, deletion): no caller, no requestID. */
export function isServiceEvent(e: Obj): boolean {
  return e.eventType === 'AwsServiceEvent';
}

/**
 * A CloudTrail Insights event (`eventType: AwsCloudTrailInsight`): a record of
 * unusual API activity, not of one call. It has no userIdentity, eventSource,
 * eventName, requestParameters or responseElements by design (CloudTrail's
 * "record contents for Insights events"); the call's service and name are in
 * `insightDetails`.
 */
export function isInsightEvent(e: Obj): boolean {
  return e.eventType === 'AwsCloudTrailInsight';
}

export function errorCodeOf(e: Obj): string | undefined {
  const c = e.errorCode;
  return typeof c === 'string' && c !== '' ? c : undefined;
}

export function isDryRun(e: Obj): boolean {
  return errorCodeOf(e) === DRY_RUN_ERROR;
}

/** The call failed (a dry run is not a failure: it would have succeeded). */
export function isFailedCall(e: Obj): boolean {
  const c = errorCodeOf(e);
  return c !== undefined && c !== DRY_RUN_ERROR;
}

/** What a key identifier in an event names, after repairing `arn:aws::kms:` ARNs. */
export interface KeyRef {
  kind: 'keyArn' | 'aliasArn' | 'keyId' | 'alias' | 'other';
  /** Key id (UUID or mrk-...) when the reference names one directly. */
  keyId?: string;
  region?: string;
  account?: string;
  /** The ARN was `arn:aws::kms:...` and has been read as its repaired form. */
  repaired?: boolean;
}

/** `arn:<partition>::<service>...`: the only shape repairShiftedArn can repair (a cheap test before its split). */
export function maybeShiftedArn(s: string): boolean {
  const second = s.indexOf(':', 4);
  return second !== -1 && s.charCodeAt(second + 1) === 58;
}

/**
 * `arn:partition:service:region:account:resource` split at its first five
 * colons with indexOf (no regular expression, no part objects): the event
 * rules read several ARNs in every event of a big log. Undefined if fewer than six fields.
 */
export function splitArn(s: string): [partition: string, service: string, region: string, account: string, resource: string] | undefined {
  if (!s.startsWith('arn:')) return undefined;
  const c1 = s.indexOf(':', 4);
  const c2 = c1 === -1 ? -1 : s.indexOf(':', c1 + 1);
  const c3 = c2 === -1 ? -1 : s.indexOf(':', c2 + 1);
  const c4 = c3 === -1 ? -1 : s.indexOf(':', c3 + 1);
  if (c4 === -1) return undefined;
  return [s.slice(4, c1), s.slice(c1 + 1, c2), s.slice(c2 + 1, c3), s.slice(c3 + 1, c4), s.slice(c4 + 1)];
}

/** The account field of an ARN (after repairing `arn:aws::svc:`), or undefined. */
export function arnAccountOf(s: string): string | undefined {
  const fixed = maybeShiftedArn(s) ? repairShiftedArn(s) : undefined;
  return splitArn(fixed ?? s)?.[3] || undefined;
}

/**
 * Parsed references by text: a log names the same few keys thousands of times, and
 * five event rules read every event's key mentions. Bounded, so that a log naming
 * millions of distinct keys keeps memory flat (the cache is simply started again).
 */
const parsedRefs = new Map<string, Readonly<KeyRef>>();
const PARSED_REFS_MAX = 4096;

/** How an event names a key (an ARN, an alias, a key id). Shared and frozen: callers read it, never change it. */
export function parseKeyRef(value: string): Readonly<KeyRef> {
  let ref = parsedRefs.get(value);
  if (ref === undefined) {
    if (parsedRefs.size >= PARSED_REFS_MAX) parsedRefs.clear();
    ref = Object.freeze(readKeyRef(value));
    parsedRefs.set(value, ref);
  }
  return ref;
}

function readKeyRef(value: string): KeyRef {
  let s = value;
  let repaired = false;
  if (s.startsWith('arn:')) {
    const fixed = maybeShiftedArn(s) ? repairShiftedArn(s) : undefined;
    if (fixed) {
      s = fixed;
      repaired = true;
    }
    const arn = splitArn(s);
    if (!arn || arn[1] !== 'kms') return { kind: 'other', repaired };
    const [, , region, account, resource] = arn;
    if (resource.startsWith('key/')) return { kind: 'keyArn', keyId: resource.slice(4), region, account, repaired };
    if (resource.startsWith('alias/')) return { kind: 'aliasArn', region, account, repaired };
    return { kind: 'other', region, account, repaired };
  }
  if (s.startsWith('alias/')) return { kind: 'alias' };
  const k = keyIdKind(s);
  return k === 'invalid' ? { kind: 'other' } : { kind: 'keyId', keyId: s };
}

export interface KeyMention {
  path: Array<string | number>;
  value: string;
  ref: Readonly<KeyRef>;
}

/** Request parameters that name the key the call is made on (not ReEncrypt's two keys: see keyMentions). */
const REQUEST_KEY_PARAMS = ['keyId', 'targetKeyId', 'destinationKeyId', 'sourceKeyId'] as const;

export interface KeyMentions {
  request: KeyMention[];
  response: KeyMention[];
  resources: KeyMention[];
}

/**
 * Computed once per event: the rules run event by event, so remembering the
 * last event is enough for the three rules that read it, and keeps nothing
 * alive for the other 30,000 events of a big log.
 */
let lastEvent: Obj | undefined;
let lastMentions: KeyMentions | undefined;

/** Every key identifier an event names, with where it is. */
export function keyMentions(e: Obj): KeyMentions {
  if (e !== lastEvent || !lastMentions) {
    lastMentions = computeKeyMentions(e);
    lastEvent = e;
  }
  return lastMentions;
}

function computeKeyMentions(e: Obj): KeyMentions {
  const request: KeyMention[] = [];
  const response: KeyMention[] = [];
  const resources: KeyMention[] = [];
  const rp = obj(e.requestParameters);
  if (rp) {
    for (const p of REQUEST_KEY_PARAMS) {
      const v = asString(rp[p]);
      if (v) request.push({ path: ['requestParameters', p], value: v, ref: parseKeyRef(v) });
    }
  }
  const re = obj(e.responseElements);
  const rk = re && asString(re.keyId);
  if (rk) response.push({ path: ['responseElements', 'keyId'], value: rk, ref: parseKeyRef(rk) });
  const km = re && obj(re.keyMetadata);
  const kmArn = km && asString(km.arn);
  if (kmArn) response.push({ path: ['responseElements', 'keyMetadata', 'arn'], value: kmArn, ref: parseKeyRef(kmArn) });
  if (Array.isArray(e.resources)) {
    e.resources.forEach((r, i) => {
      const o = obj(r);
      const arn = o && asString(o.ARN);
      if (arn) resources.push({ path: ['resources', i, 'ARN'], value: arn, ref: parseKeyRef(arn) });
    });
  }
  return { request, response, resources };
}

/**
 * Key ids AWS documentation uses in its examples besides the `EXAMPLE` ones
 * (KMS Developer Guide and Deadline Cloud guide; see test/fixtures/corpus).
 */
const DOCUMENTATION_KEY_IDS = new Set([
  '1234abcd-12ab-34cd-56ef-1234567890ab',
  '0987dcba-09fe-87dc-65ba-ab0987654321',
  'abcdef12-3456-7890-0987-654321fedcba',
  '1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d',
  'mrk-1234abcd12ab34cd56ef1234567890ab',
]);

/** A value a reader would recognise as a documentation example rather than a real id. */
export function isDocumentationExample(value: string): boolean {
  if (isDocumentationPlaceholder(value)) return true;
  if (DOCUMENTATION_KEY_IDS.has(value)) return true;
  const ref = value.startsWith('arn:') || /^[0-9a-f]{8}-|^mrk-/.test(value) ? parseKeyRef(value) : undefined;
  if (ref?.keyId && DOCUMENTATION_KEY_IDS.has(ref.keyId)) return true;
  if (ref?.account && isPlaceholderAccount(ref.account)) return true;
  return false;
}

/** A documentation example, or a value masked before sharing (`XXXXXXXXXXXX`, `REDACTED`: text/masks.ts): not a real id. */
export function isPlaceholder(value: string): boolean {
  return isDocumentationExample(value) || hasMask(value);
}

/**
 * An event written as an example: its recipient or caller account is a documentation
 * placeholder (`111122223333`, `123456789012`, `account-id`), or so is the account of a key it names. Detection rules' test data and
 * the guides' pages are written so, with ids, Regions and dates typed by hand (`"eventID": "1"`,
 * `"awsRegion": "region"`): the findings that only say "CloudTrail did not write this" are then
 * said as information, since nobody takes such an event for a record of a call.
 */
export function isExampleEvent(event: Obj): boolean {
  for (const v of [event.recipientAccountId, obj(event.userIdentity)?.accountId]) {
    if (typeof v === 'string' && isPlaceholderAccount(v)) return true;
  }
  // A snippet trimmed to the key it names: `arn:aws:kms:us-east-1:account:key/id`.
  const m = keyMentions(event);
  return [...m.request, ...m.response, ...m.resources].some((k) => k.ref.account !== undefined && isPlaceholderAccount(k.ref.account));
}

/**
 * A value typed in an id's place without trying its form (`1`, `evt-001`, `key-1`,
 * `test-master-key`), as detection rules' test events write them. An id that tries the form and
 * misses (`abcda5f-396d-...` with a digit lost, a GUID cut short) is another matter: a reader
 * takes it for one CloudTrail wrote, so it stays a warning even in an example.
 */
export function isFillerId(value: string): boolean {
  return !/^(?:mrk-)?[0-9a-f]{4,}(?:-[0-9a-f]{2,}){2,}/i.test(value);
}

export function isPlaceholderAccountId(value: string): boolean {
  return isPlaceholderAccount(value) || hasMask(value);
}

export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The same key, as far as two references can tell (undefined when they cannot be compared, e.g. an alias). */
export function sameKey(a: KeyRef, b: KeyRef): boolean | undefined {
  if (!a.keyId || !b.keyId) return undefined;
  if (a.keyId !== b.keyId && a.keyId.toLowerCase() !== b.keyId.toLowerCase()) return false;
  if (a.account && b.account && a.account !== b.account) return false;
  if (a.region && b.region && a.region !== b.region) return false;
  return true;
}

/** Names close to a misspelt one: a match that differs only in case first (edit distance ignores case), then the nearest. */
export function suggestNames(word: string, candidates: readonly string[], max = 3): string[] {
  // Memoised per candidate list: in a big log the same misspelling recurs in every event, and
  // edit distances are the costliest thing a rule computes.
  let cache = suggestionCache.get(candidates);
  if (!cache) suggestionCache.set(candidates, (cache = new Map()));
  const key = `${max}\u0000${word}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = computeSuggestions(word, candidates, max);
  if (cache.size < 10_000) cache.set(key, result);
  return result;
}

const suggestionCache = new WeakMap<readonly string[], Map<string, string[]>>();

function computeSuggestions(word: string, candidates: readonly string[], max: number): string[] {
  const lower = word.toLowerCase();
  const sameCase = candidates.filter((c) => c !== word && c.toLowerCase() === lower);
  return [...new Set([...sameCase, ...nearest(word, candidates, max)])].slice(0, max);
}

/** Twelve ASCII digits (the same as /^\d{12}$/, without a regular expression: it runs on every event). */
export function isAccountId(s: string | undefined): s is string {
  if (s === undefined || s.length !== 12) return false;
  for (let i = 0; i < 12; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export interface TopLevelFields {
  /** Member names, in the event's order. */
  names: readonly string[];
  /** The documented field of each name, or undefined. */
  fields: ReadonlyArray<RecordField | undefined>;
}

let fieldsEvent: Obj | undefined;
const fieldNames: string[] = [];
const fieldDocs: Array<RecordField | undefined> = [];
const current: TopLevelFields = { names: fieldNames, fields: fieldDocs };

/**
 * The event's top-level members with their documentation, computed once per
 * event for the rules that look at every top-level field. The rules run event
 * by event, so the arrays of the last event are reused: nothing is allocated
 * per event of a big log. Read them before asking for another event.
 */
export function topLevelFields(e: Obj): TopLevelFields {
  if (e !== fieldsEvent) {
    fieldNames.length = 0;
    fieldDocs.length = 0;
    for (const name in e) {
      fieldNames.push(name);
      fieldDocs.push(RECORD_FIELD_BY_NAME.get(name));
    }
    fieldsEvent = e;
  }
  return current;
}
