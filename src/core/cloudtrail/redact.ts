/**
 * "Redact for sharing": a copy of a document with account ids, access key ids,
 * principal ids, IP addresses, session names and user names replaced by fake
 * values. The same input always maps to the same fake within the document, so
 * events still line up (the same caller, the same account, the same session).
 *
 * Only the contents of string values change, each replaced by a JSON-encoded
 * string, so valid JSON stays valid (and broken JSON is not broken further).
 * Property names, key ids, Regions, role names and service names are kept:
 * they are what the reader of a shared event needs to understand it.
 */
import * as l10n from '@vscode/l10n';
import { visit, type JSONPath } from 'jsonc-parser';
import { maxDepth } from '../document/scan';
import { MAX_NESTING } from '../document/syntax';

export type RedactionCategory = 'accountIds' | 'accessKeyIds' | 'principalIds' | 'ipAddresses' | 'sessionNames' | 'userNames';

export interface Redaction {
  text: string;
  /** Distinct original values replaced, per category. */
  distinct: Record<RedactionCategory, number>;
  /** Replacements made (string values changed). */
  valuesChanged: number;
  /**
   * Set (to the limit) when the text is nested deeper than it: nothing is then
   * redacted (the reader is recursive, and no CloudTrail event is that deep), and
   * the caller must not offer the unchanged text as a redacted copy.
   */
  tooDeep?: number;
}

const CATEGORIES: readonly RedactionCategory[] = ['accountIds', 'accessKeyIds', 'principalIds', 'ipAddresses', 'sessionNames', 'userNames'];

/** IAM unique-id prefixes (AWS IAM User Guide, "Unique identifiers"): access keys vs ids of principals. */
const ACCESS_KEY = /\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}\b/g;
const PRINCIPAL_ID = /\b(AIDA|AROA|AGPA|ANPA|ANVA|AIPA|APKA|ASCA|AKPA)[A-Z0-9]{12,}\b/g;
/** Twelve digits standing as a field of their own (an ARN, a path, a whole value), not a run inside a GUID or a number. */
const ACCOUNT = /(?<=^|[:/\s=,_])\d{12}(?=$|[:/\s=,_.])/g;
const IPV4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/g;
const IPV6 = /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])|(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])/g;
/** The session name is the last segment: a role's path (SSO roles have one) stays, as the role name does. */
const ASSUMED_ROLE = /(assumed-role\/[^"\s]+\/)([\w+=,.@-]+)/g;
const USER_ARN = /(:user\/(?:[^"\s]*\/)?)([\w+=,.@-]+)/g;
const TEST_NETS = ['192.0.2', '198.51.100', '203.0.113'];

class FakeMaps {
  private readonly maps = new Map<RedactionCategory, Map<string, string>>(CATEGORIES.map((c) => [c, new Map()]));

  fake(category: RedactionCategory, original: string, make: (n: number) => string): string {
    const map = this.maps.get(category)!;
    let v = map.get(original);
    if (v === undefined) {
      v = make(map.size + 1);
      map.set(original, v);
    }
    return v;
  }

  /** The fake already given to `original` in `category`, if any. */
  known(category: RedactionCategory, original: string): string | undefined {
    return this.maps.get(category)!.get(original);
  }

  counts(): Record<RedactionCategory, number> {
    return Object.fromEntries(CATEGORIES.map((c) => [c, this.maps.get(c)!.size])) as Record<RedactionCategory, number>;
  }
}

function padId(prefix: string, n: number, length: number): string {
  const body = `REDACTED${String(n).padStart(4, '0')}`;
  return (prefix + body.padEnd(Math.max(16, length - prefix.length), 'X')).slice(0, Math.max(length, prefix.length + body.length));
}

function fakeIpv4(n: number): string {
  // RFC 5737 documentation ranges first, then 240.0.0.0/4 (reserved, never routed).
  if (n <= 254 * TEST_NETS.length) return `${TEST_NETS[Math.floor((n - 1) / 254)]}.${((n - 1) % 254) + 1}`;
  return `240.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function isIpv4(parts: string[]): boolean {
  return parts.every((p) => Number(p) <= 255);
}

const last = (path: JSONPath): string | number | undefined => path[path.length - 1];

/** Redacts one string value found at `path`; returns it unchanged if nothing applies. */
function redactValue(value: string, path: JSONPath, maps: FakeMaps): string {
  let v = value;
  const key = last(path);
  const inIdentity = path[0] === 'userIdentity' || path.includes('userIdentity');
  // Whole-value names, by where they are: an IAM user's name (not the session issuer's role name).
  if (key === 'userName' && inIdentity && !path.includes('sessionIssuer')) {
    return maps.fake('userNames', v, (n) => `user-${n}`);
  }
  // STS responses (AssumeRole, GetSessionToken) log the temporary credentials' token: a secret until it expires.
  if (key === 'sessionToken') return 'REDACTED-SESSION-TOKEN';
  // The session name a caller chose when assuming a role (AssumeRole's request), as in the ARNs of its calls.
  if (key === 'roleSessionName') return maps.fake('sessionNames', v, (n) => `session-${n}`);
  // A role session's principalId (and AssumeRole's assumedRoleId) is `<role id>:<session name>`.
  if (key === 'principalId' || key === 'assumedRoleId') {
    const m = /^(A[A-Z]{3}[A-Z0-9]{12,}):(.+)$/.exec(v);
    if (m) return `${maps.fake('principalIds', m[1], (n) => padId(m[1].slice(0, 4), n, m[1].length))}:${maps.fake('sessionNames', m[2], (n) => `session-${n}`)}`;
  }
  v = v.replace(ASSUMED_ROLE, (_, head: string, session: string) => head + maps.fake('sessionNames', session, (n) => `session-${n}`));
  v = v.replace(USER_ARN, (_, head: string, name: string) => head + maps.fake('userNames', name, (n) => `user-${n}`));
  v = v.replace(ACCESS_KEY, (id: string) => maps.fake('accessKeyIds', id, (n) => padId(id.slice(0, 4), n, id.length)));
  v = v.replace(PRINCIPAL_ID, (id: string) => maps.fake('principalIds', id, (n) => padId(id.slice(0, 4), n, id.length)));
  v = v.replace(ACCOUNT, (id: string) => maps.fake('accountIds', id, (n) => String(100000000000 + n)));
  v = v.replace(IPV4, (ip: string, a: string, b: string, c: string, d: string) => (isIpv4([a, b, c, d]) ? maps.fake('ipAddresses', ip, fakeIpv4) : ip));
  // IPv6 only where an address is expected: time stamps and ARNs also hold colon-separated hex-looking runs.
  if (key === 'sourceIPAddress' || key === 'sourceIp' || key === 'clientIp') {
    v = v.replace(IPV6, (ip: string) => maps.fake('ipAddresses', ip.toLowerCase(), (n) => `2001:db8::${n.toString(16)}`));
  }
  return v;
}

/** An edit of the text: a string value replaced by its redacted JSON string. */
interface Edit { start: number; end: number; newText: string }

/**
 * `aws cloudtrail lookup-events` output: `Username` beside each event is the
 * IAM user's name or, for a role session, the session name. It is resolved
 * after the event's `CloudTrailEvent` (which follows it) is read, so a session
 * name gets the same fake as in the event's ARNs.
 */
const isLookupUsername = (path: JSONPath): boolean => path.length === 3 && path[0] === 'Events' && path[2] === 'Username';
/** Values of `Username` that name no one. */
const NOT_A_NAME = new Set(['root', 'HIDDEN_DUE_TO_SECURITY_REASONS']);

/**
 * The edits that redact one JSON document. `embedded` is false inside a
 * `CloudTrailEvent` string (lookup-events holds each event as JSON text): the
 * event is redacted as JSON there, one level deep, never deeper.
 */
function redactionEdits(text: string, maps: FakeMaps, embedded: boolean): Edit[] {
  const edits: Edit[] = [];
  const usernames: Array<{ start: number; end: number; value: string }> = [];
  visit(text, {
    onLiteralValue(value: unknown, offset: number, length: number, _line: number, _ch: number, pathSupplier: () => JSONPath) {
      if (typeof value !== 'string' || value.length === 0) return;
      const path = pathSupplier();
      if (embedded && isLookupUsername(path)) {
        usernames.push({ start: offset, end: offset + length, value });
        return;
      }
      const redacted = embedded && last(path) === 'CloudTrailEvent' && value.trimStart().startsWith('{')
        ? redactEmbedded(value, maps)
        : redactValue(value, path, maps);
      if (redacted !== value) edits.push({ start: offset, end: offset + length, newText: JSON.stringify(redacted) });
    },
  }, { disallowComments: false, allowTrailingComma: true });
  for (const u of usernames) {
    if (NOT_A_NAME.has(u.value)) continue;
    const fake = maps.known('sessionNames', u.value) ?? maps.fake('userNames', u.value, (n) => `user-${n}`);
    edits.push({ start: u.start, end: u.end, newText: JSON.stringify(fake) });
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** A CloudTrail event held as JSON text in a string; as a plain value when it is too deep to read. */
function redactEmbedded(json: string, maps: FakeMaps): string {
  if (maxDepth(json, 0, json.length, MAX_NESTING + 1) > MAX_NESTING) return redactValue(json, ['CloudTrailEvent'], maps);
  return applyEdits(json, redactionEdits(json, maps, false));
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** JSON Lines: each line is its own document (a tolerant visit of the whole would stop at the second). */
function splitLines(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    out.push({ start, text: text.slice(start, end) });
    start = end + 1;
  }
  return out;
}

/** Redacts the text of a JSON (or JSON Lines, or broken JSON) document. Never throws. */
export function redactText(text: string): Redaction {
  const maps = new FakeMaps();
  if (maxDepth(text, 0, text.length, MAX_NESTING + 1) > MAX_NESTING) return { text, distinct: maps.counts(), valuesChanged: 0, tooDeep: MAX_NESTING };
  const edits: Edit[] = [];
  const lines = text.includes('\n') && /^\s*\{[^\n]*\}\s*\n\s*\{/.test(text.slice(0, 1 << 20)) ? splitLines(text) : [{ start: 0, text }];
  for (const segment of lines) {
    for (const e of redactionEdits(segment.text, maps, true)) edits.push({ ...e, start: segment.start + e.start, end: segment.start + e.end });
  }
  return { text: applyEdits(text, edits), distinct: maps.counts(), valuesChanged: edits.length };
}

/** Each category counted in words, with its singular for one: "1 account id", "3 account ids". */
function countOf(category: RedactionCategory, n: number): string {
  switch (category) {
    case 'accountIds': return n === 1 ? l10n.t('1 account id') : l10n.t('{0} account ids', n);
    case 'accessKeyIds': return n === 1 ? l10n.t('1 access key id') : l10n.t('{0} access key ids', n);
    case 'principalIds': return n === 1 ? l10n.t('1 principal id') : l10n.t('{0} principal ids', n);
    case 'ipAddresses': return n === 1 ? l10n.t('1 IP address') : l10n.t('{0} IP addresses', n);
    case 'sessionNames': return n === 1 ? l10n.t('1 session name') : l10n.t('{0} session names', n);
    case 'userNames': return n === 1 ? l10n.t('1 user name') : l10n.t('{0} user names', n);
  }
}

/** "1 account id, 2 access key ids, ..." for the message after redacting; empty when nothing was replaced. */
export function describeRedaction(r: Redaction): string {
  return CATEGORIES.filter((c) => r.distinct[c] > 0).map((c) => countOf(c, r.distinct[c])).join(', ');
}
