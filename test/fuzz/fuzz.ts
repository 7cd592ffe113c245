/**
 * A seeded fuzzer of the core (issue 13): documents from the corpus
 * (test/fixtures), the samples and generated hostile shapes, mutated, and every
 * entry point of `getKmsLensService()` called on each. What it checks is what
 * a user relies on: no call throws, no call on an input up to 1 MB takes over
 * a second, every range (finding, fix edit, hover, completion, token, lens)
 * lies inside the document, and Fix all turns valid JSON into valid JSON and
 * is idempotent. A failing document is shrunk to a small reproduction.
 *
 * The same seed gives the same documents, so a failure found in a long run is
 * found again by `npm run fuzz -- --docs N --seed S`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { getKmsLensService, type AnalysisSettings, type DocumentHints, type DocumentModel } from '../../src/core';

const core = getKmsLensService();

/** No call on an input up to this size may take longer than SLOW_MS of CPU time. */
export const TIMED_SIZE = 1024 * 1024;
export const SLOW_MS = 1000;

const SETTINGS: AnalysisSettings = { rules: {}, maxFindings: 1000, maxFileSize: 64 * 1024 * 1024 };

export type ProblemKind = 'throw' | 'slow' | 'range' | 'fixAll';

export interface Problem {
  kind: ProblemKind;
  /** The entry point, and what went wrong, in one line. */
  call: string;
  detail: string;
}

export interface FuzzDoc {
  /** Where it came from and how it was changed, for the reproduction's name. */
  label: string;
  text: string;
  hints: DocumentHints;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The texts of the fixtures and samples, with the hints their file names give. */
export function corpus(): FuzzDoc[] {
  const out: FuzzDoc[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(json|jsonc|jsonl|ndjson|log|template|tpl|j2|tfstate)$/i.test(entry.name) || /\.json\.gz$/i.test(entry.name)) {
        const raw = fs.readFileSync(file);
        const text = entry.name.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
        const name = entry.name.replace(/\.gz$/i, '');
        const ext = path.extname(name).slice(1).toLowerCase();
        const languageId = ext === 'jsonl' || ext === 'ndjson' ? 'jsonl' : ext === 'jsonc' ? 'jsonc' : ext === 'log' ? 'log' : ext === 'json' ? 'json' : 'plaintext';
        out.push({ label: path.relative(ROOT, file), text, hints: { languageId, fileName: name } });
      }
    }
  };
  for (const dir of ['test/fixtures', 'samples']) walk(path.join(ROOT, dir));
  return out.sort((a, b) => (a.label < b.label ? -1 : 1));
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const int = (rand: Rand, n: number): number => Math.floor(rand() * n);

const JUNK = ['', '"', ',', '{', '}', '[', ']', ':', '*', 'kms:', 'arn:aws::', '\\u00', '\\', '${', '\u2013', '\u201c', '\u201d', 'null', '[]', '{}', '[{}]', '-0', '1e999', '\n', '\r\n', '//', '/*', '\u0000', '"\\"', 'true,', '\ufeff'];
const VALUES = ['{}', '[]', '[{}]', 'null', '0', '-1.5e3', 'true', '"*"', '"kms:*"', '""', '{"a":{}}', `"${'x'.repeat(5000)}"`, `["${'*'.repeat(3000)}"]`];

/** One random change of the text, as a broken paste, an editor's typing or a hostile file would make it. */
export function mutate(text: string, rand: Rand): { text: string; how: string } {
  const at = int(rand, text.length + 1);
  switch (int(rand, 12)) {
    case 0: return { text: text.slice(0, at), how: `cut@${at}` };
    case 1: {
      const junk = pick(rand, JUNK);
      return { text: text.slice(0, at) + junk + text.slice(at + int(rand, 6)), how: `junk@${at}` };
    }
    case 2: return { text: text.slice(0, at) + text.slice(at + 1 + int(rand, 200)), how: `delete@${at}` };
    case 3: return { text: text.replace(/"/g, () => (rand() < 0.5 ? '\u201c' : '\u201d')), how: 'smartquotes' };
    case 4: {
      // A string value replaced by another type of value.
      const strings = [...text.matchAll(/:\s*"(?:[^"\\\n]|\\.)*"/g)];
      if (strings.length === 0) return { text: text.slice(0, at), how: `cut@${at}` };
      const m = pick(rand, strings);
      const start = (m.index ?? 0) + m[0].indexOf('"');
      return { text: text.slice(0, start) + pick(rand, VALUES) + text.slice((m.index ?? 0) + m[0].length), how: `retype@${start}` };
    }
    case 5: {
      // An array element repeated many times (wide arrays).
      const open = text.indexOf('[', at);
      if (open === -1) return { text: text.slice(0, at), how: `cut@${at}` };
      const close = text.indexOf(']', open);
      const inner = text.slice(open + 1, close === -1 ? undefined : close);
      const first = inner.split(',')[0];
      if (!first || first.length > 200) return { text, how: 'same' };
      const n = 500 + int(rand, 4000);
      return { text: `${text.slice(0, open + 1)}${Array(n).fill(first).join(',')}${close === -1 ? '' : text.slice(close)}`, how: `wide${n}@${open}` };
    }
    case 6: {
      const depth = pick(rand, [100, 511, 513, 3000]);
      const open = pick(rand, ['[', '{"a":', '{\u201ca\u201d:']);
      const close = open === '[' ? ']' : '}';
      const balanced = rand() < 0.7;
      return { text: text.slice(0, at) + open.repeat(depth) + (balanced ? `1${close.repeat(depth)}` : '') + text.slice(at), how: `nest${depth}${balanced ? '' : 'open'}@${at}` };
    }
    case 7: return { text: text.slice(0, at) + text.slice(Math.max(0, at - 300), at) + text.slice(at), how: `dup@${at}` };
    case 8: return { text: text.replace(/"(kms:[A-Za-z*]*)"/, `"kms:${'*'.repeat(1000 + int(rand, 20_000))}"`), how: 'stars' };
    case 9: return { text: JSON.stringify({ Records: [{ eventVersion: '1.08', eventSource: 'kms.amazonaws.com', eventName: 'PutKeyPolicy', awsRegion: 'us-east-1', requestParameters: { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', policy: text } }] }), how: 'inPutKeyPolicy' };
    case 10: return { text: text.replace(/\n\s*/g, ''), how: 'minified' };
    default: return { text: text.split('\n').map((l) => (rand() < 0.1 ? l.slice(0, int(rand, l.length + 1)) : l)).join('\n'), how: 'linecuts' };
  }
}

const EVENT_NAMES = ['CreateGrant', 'RetireGrant', 'RevokeGrant', 'Decrypt', 'PutKeyPolicy', 'ScheduleKeyDeletion', 'DisableKey', 'CreateKey', 'ListGrants'];

/** Shapes no fixture has: deep, wide, long, and values of every type where strings belong. */
export function hostile(rand: Rand): FuzzDoc {
  const key = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const anyValue = (): unknown => pick(rand, [{}, [], [{}], null, 0, true, '', 'x'.repeat(int(rand, 40_000)), { a: [{}] }, '*'.repeat(int(rand, 5000)), key]);
  switch (int(rand, 6)) {
    case 0: {
      const n = int(rand, 20_000);
      const event = { eventVersion: rand() < 0.5 ? '1.08' : anyValue(), eventSource: rand() < 0.7 ? 'kms.amazonaws.com' : anyValue(), eventName: rand() < 0.8 ? pick(rand, EVENT_NAMES) : anyValue(), eventTime: '2024-05-01T00:00:00Z', awsRegion: 'us-west-2',
        userIdentity: rand() < 0.5 ? { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/R/s' } : anyValue(),
        requestParameters: { keyId: rand() < 0.8 ? key : anyValue(), granteePrincipal: anyValue(), operations: Array.from({ length: n }, () => (rand() < 0.9 ? pick(rand, ['Decrypt', 'Encrypt']) : anyValue())), encryptionContext: { a: anyValue() }, constraints: { encryptionContextSubset: { b: anyValue() } }, grantId: anyValue() },
        responseElements: { grantId: anyValue(), keyId: anyValue() } };
      return { label: `hostile-event-${n}ops`, text: JSON.stringify({ Records: [event, event] }), hints: { languageId: 'json', fileName: 'log.json' } };
    }
    case 1: {
      const n = 1 + int(rand, 3000);
      const st = { Effect: pick(rand, ['Allow', 'Deny', {}]), Principal: pick(rand, ['*', { AWS: '*' }, { AWS: anyValue() }, anyValue()]), Action: Array.from({ length: n }, () => pick(rand, ['kms:Decrypt', 'kms:*', 'kms:Gen*', `kms:${'?'.repeat(int(rand, 50))}*`, anyValue()])), Resource: anyValue(), Condition: rand() < 0.5 ? { StringEquals: { 'kms:ViaService': anyValue() }, [pick(rand, ['ForAllValues:StringLike', 'Null', 'X'])]: { 'kms:GrantOperations': anyValue() } } : anyValue() };
      return { label: `hostile-policy-${n}`, text: JSON.stringify({ Version: '2012-10-17', Statement: [st, st] }, null, rand() < 0.5 ? 2 : undefined), hints: { languageId: 'json', fileName: 'key-policy.json' } };
    }
    case 2: {
      const depth = pick(rand, [600, 6000, 20_000]);
      const open = pick(rand, ['[', '{"a":', '{\u201ca\u201d:', '{"Statement":[']);
      return { label: `hostile-deep-${depth}`, text: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":${open.repeat(depth)}`, hints: { languageId: 'json' } };
    }
    case 3: {
      const lines = Array.from({ length: 1 + int(rand, 200) }, () => (rand() < 0.8 ? JSON.stringify({ eventVersion: '1.08', eventSource: 'kms.amazonaws.com', eventName: pick(rand, EVENT_NAMES), requestParameters: { keyId: key, operations: [anyValue()] } }) : pick(rand, ['', '{', 'not json', '[[[[', '{"a":"\\'])));
      return { label: 'hostile-lines', text: lines.join(rand() < 0.5 ? '\n' : '\r\n'), hints: { languageId: pick(rand, ['jsonl', 'log', 'plaintext']) } };
    }
    case 4: {
      const grants = Array.from({ length: int(rand, 3000) }, (_, i) => ({ KeyId: rand() < 0.9 ? key : anyValue(), GrantId: `g${i}`, GranteePrincipal: anyValue(), Operations: [pick(rand, ['Decrypt', 'Encrypt']), anyValue()], Constraints: anyValue() }));
      return { label: 'hostile-list-grants', text: JSON.stringify({ Grants: grants }), hints: { languageId: 'json' } };
    }
    default: {
      const text = '{"Statement":[{"Action":"kms:Enc\\\n rypt", "Condition":{"StringEquals":{"kms:EncryptionContext:' + '\\u00'.repeat(int(rand, 100)) + '": "' + '\\'.repeat(int(rand, 2000)) + '"}}}]}';
      return { label: 'hostile-escapes', text, hints: { languageId: pick(rand, ['json', 'jsonc', 'plaintext']) } };
    }
  }
}

/** Offsets to hover and complete at: both ends, around every line break near the start, and some at random. */
function probeOffsets(text: string, rand: Rand, n: number): number[] {
  const offsets = new Set<number>([0, text.length, Math.max(0, text.length - 1)]);
  for (let i = 0; i < n; i++) offsets.add(int(rand, text.length + 1));
  return [...offsets];
}

export interface Checker {
  problems: Problem[];
  timed<T>(call: string, f: () => T): T | undefined;
  range(call: string, start: number, end: number, what: string): void;
}

export function checker(text: string): Checker {
  const problems: Problem[] = [];
  return {
    problems,
    timed<T>(call: string, f: () => T): T | undefined {
      // CPU time, not wall-clock time: seven engineers share two cores, and a call that waited is not slow.
      const t0 = process.cpuUsage();
      let result: T | undefined;
      try {
        result = f();
      } catch (err) {
        problems.push({ kind: 'throw', call, detail: String((err as Error).message ?? err).slice(0, 200) });
        return undefined;
      }
      const used = process.cpuUsage(t0);
      const ms = (used.user + used.system) / 1000;
      if (ms > SLOW_MS && text.length <= TIMED_SIZE) problems.push({ kind: 'slow', call, detail: `${Math.round(ms)} ms on ${text.length} characters` });
      return result;
    },
    range(call: string, start: number, end: number, what: string): void {
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
        problems.push({ kind: 'range', call, detail: `${what} [${start}, ${end}) of ${text.length}` });
      }
    },
  };
}

function validJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Fix all is checked on documents up to this size (it analyses the text several times). */
const FIX_ALL_SIZE = 256 * 1024;

/** Every entry point of the service on one document; the problems found. */
export function checkDocument(doc: FuzzDoc, rand: Rand, probes = 12): Problem[] {
  const { text, hints } = doc;
  const c = checker(text);
  const model = c.timed('parse', () => core.parse(text, hints, SETTINGS));
  const analysis = c.timed('analyze', () => core.analyze(text, hints, SETTINGS));
  for (const f of analysis?.findings ?? []) {
    if (f.code === 'meta-internal-error') c.problems.push({ kind: 'throw', call: 'analyze', detail: f.message.slice(0, 200) });
    c.range('analyze', f.start, f.end, f.code);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) c.range('analyze', e.start, e.end, `a fix of ${f.code}`);
  }
  if (model) checkModel(c, model, rand, probes);
  if (analysis) c.timed('fixableCodes', () => core.fixableCodes(analysis.findings));
  if (text.length <= FIX_ALL_SIZE) {
    const fixed = c.timed('repair', () => core.repair(text, hints, SETTINGS));
    if (fixed) {
      if (validJson(text) && !validJson(fixed.text)) c.problems.push({ kind: 'fixAll', call: 'repair', detail: 'valid JSON in, invalid JSON out' });
      const again = c.timed('repair (again)', () => core.repair(fixed.text, hints, SETTINGS));
      if (again && again.text !== fixed.text) c.problems.push({ kind: 'fixAll', call: 'repair', detail: `not idempotent: a second run applied ${again.applied} more (${Object.keys(again.byRule).join(', ')})` });
    }
    const pasted = c.timed('repairJson', () => core.repairJson(text, hints, SETTINGS));
    if (pasted && validJson(text) && !validJson(pasted.text)) c.problems.push({ kind: 'fixAll', call: 'repairJson', detail: 'valid JSON in, invalid JSON out' });
  }
  const formatted = c.timed('format', () => core.format(text));
  if (formatted && formatted.tooDeep === undefined && validJson(text) && !validJson(formatted.text)) c.problems.push({ kind: 'fixAll', call: 'format', detail: 'valid JSON in, invalid JSON out' });
  const redaction = c.timed('redact', () => core.redact(text));
  if (redaction) {
    c.timed('describeRedaction', () => core.describeRedaction(redaction));
    if (validJson(text) && !validJson(redaction.text)) c.problems.push({ kind: 'fixAll', call: 'redact', detail: 'valid JSON in, invalid JSON out' });
  }
  return c.problems;
}

function checkModel(c: Checker, model: DocumentModel, rand: Rand, probes: number): void {
  const text = model.text;
  c.timed('readAs', () => core.readAs(model));
  c.timed('kindForFile', () => core.kindForFile('a/b/key-policy.json', { '**/*.json': 'keyPolicy' }));
  const oneLine = (s: number, e: number): boolean => !/[\r\n]/.test(text.slice(s, e));
  for (const o of probeOffsets(text, rand, probes)) {
    const h = c.timed('hover', () => core.hover(model, o));
    if (h) c.range('hover', h.start, h.end, `hover at ${o}`);
    for (const item of c.timed('complete', () => core.complete(model, o)) ?? []) {
      c.range('complete', item.start, item.end, `completion at ${o}`);
      if (!oneLine(item.start, item.end)) c.problems.push({ kind: 'range', call: 'complete', detail: `completion at ${o} spans lines [${item.start}, ${item.end})` });
    }
  }
  for (const t of c.timed('semanticTokens', () => core.semanticTokens(model)) ?? []) {
    c.range('semanticTokens', t.start, t.end, t.type);
    if (!oneLine(t.start, t.end)) c.problems.push({ kind: 'range', call: 'semanticTokens', detail: `token spans lines [${t.start}, ${t.end})` });
  }
  for (const l of c.timed('summaries', () => core.summaries(model)) ?? []) c.range('summaries', l.start, l.end, 'statement lens');
  const grants = c.timed('grants', () => core.grants([{ id: 'doc', model }]));
  if (grants) {
    c.timed('outline', () => core.outline(grants));
    c.timed('grantsReport', () => core.grantsReport(grants, () => ({ file: 'doc', line: 1 })));
    for (const k of grants.keys) {
      for (const g of k.grants.slice(0, 3)) c.timed('revokeGrantCommand', () => core.revokeGrantCommand(g, k.key));
      const arn = c.timed('keyArn', () => core.keyArn(k.key.arn ?? k.key.keyId ?? ''));
      if (arn) c.timed('keyUseAlarmPattern', () => core.keyUseAlarmPattern(arn));
    }
  }
}

/** A document and one of its problems, shrunk: chunks are removed while the same kind of problem in the same call remains. */
export function shrink(doc: FuzzDoc, problem: Problem, budget = 150, reproduces?: (text: string) => boolean, seconds = 60): FuzzDoc {
  // Each try runs every entry point: on a 1 MB document the tries are bounded by time as well as by number.
  const deadline = Date.now() + seconds * 1000;
  const same = reproduces ?? ((text: string): boolean => checkDocument({ ...doc, text }, seededRandom(1), 4).some((p) => p.kind === problem.kind && p.call === problem.call));
  // Slow calls are not shrunk (a smaller text is faster for the wrong reason).
  if (problem.kind === 'slow') return doc;
  let text = doc.text;
  let chunk = Math.max(1, Math.floor(text.length / 2));
  while (chunk >= 1 && budget > 0 && Date.now() < deadline) {
    let removed = false;
    for (let at = 0; at < text.length && budget > 0 && Date.now() < deadline; at += chunk) {
      const candidate = text.slice(0, at) + text.slice(at + chunk);
      budget--;
      if (same(candidate)) {
        text = candidate;
        removed = true;
        at -= chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return { ...doc, text };
}

export interface FuzzSummary {
  docs: number;
  throws: number;
  slow: number;
  badRanges: number;
  fixAll: number;
  /** Each distinct problem (kind, call, detail's first words) with the first document that showed it. */
  distinct: Map<string, { problem: Problem; doc: FuzzDoc }>;
}

/** The documents of a run: corpus documents mutated 0-3 times, and hostile shapes, all from the seed. */
export function* documents(seed: number, count: number, maxSize = TIMED_SIZE): Generator<FuzzDoc> {
  const rand = seededRandom(seed);
  const base = corpus();
  for (let i = 0; i < count; i++) {
    let doc: FuzzDoc;
    if (rand() < 0.25) doc = hostile(rand);
    else {
      const from = pick(rand, base);
      let text = from.text;
      const hows: string[] = [];
      for (let m = int(rand, 4); m > 0; m--) {
        const next = mutate(text, rand);
        text = next.text;
        hows.push(next.how);
      }
      doc = { label: `${from.label}${hows.length ? ` ${hows.join(' ')}` : ''}`, text, hints: from.hints };
    }
    if (doc.text.length > maxSize) doc = { ...doc, text: doc.text.slice(0, maxSize), label: `${doc.label} cut@${maxSize}` };
    yield doc;
  }
}

/** Runs the fuzzer; `onDoc` sees each document's problems as they come. */
export function fuzz(seed: number, count: number, options: { maxSize?: number; probes?: number; onDoc?: (doc: FuzzDoc, problems: Problem[]) => void } = {}): FuzzSummary {
  const summary: FuzzSummary = { docs: 0, throws: 0, slow: 0, badRanges: 0, fixAll: 0, distinct: new Map() };
  const rand = seededRandom(seed ^ 0x5bd1e995);
  for (const doc of documents(seed, count, options.maxSize)) {
    const problems = checkDocument(doc, rand, options.probes);
    summary.docs++;
    for (const p of problems) {
      if (p.kind === 'throw') summary.throws++;
      else if (p.kind === 'slow') summary.slow++;
      else if (p.kind === 'range') summary.badRanges++;
      else summary.fixAll++;
      const key = `${p.kind} ${p.call} ${p.detail.replace(/\d+/g, 'N').slice(0, 60)}`;
      if (!summary.distinct.has(key)) summary.distinct.set(key, { problem: p, doc });
    }
    options.onDoc?.(doc, problems);
  }
  return summary;
}

/** The run's line: `N docs, T throws, S slow, R bad ranges, F fix-all problems`. */
export function summaryLine(s: FuzzSummary): string {
  return `${s.docs} docs, ${s.throws} throws, ${s.slow} slow, ${s.badRanges} bad ranges, ${s.fixAll} fix-all problems`;
}
