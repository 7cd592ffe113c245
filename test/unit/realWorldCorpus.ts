/**
 * The real-world corpus (test/fixtures/realworld) against its expectations:
 * shared by the acceptance test (realWorld.test.ts) and the progress report
 * (realWorldReport.ts), so both judge a build the same way.
 *
 * Files are read as the CLI reads them (readInput: the same text, the same
 * hints, gzip archives decompressed) and analysed by the core's `analyze`, the
 * import the CLI uses. The grants view is checked with the built CLI,
 * `dist/cli.js grants --format json`, as users run it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readInput } from '../../src/cli/files';
import { locateWasm } from '../../src/cli/wasm';
import { analyze, DEFAULT_SETTINGS, getKmsLensService, type Finding } from '../../src/core';

export const REALWORLD = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'realworld');
export const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

/**
 * Loads the Terraform parser, as `kms-lens check` does when its inputs hold
 * .tf files: without it the corpus's Terraform modules would be read as
 * nothing, and pass whatever they hold.
 */
export function prepareCorpus(): Promise<void> {
  return getKmsLensService().prepareFormats(locateWasm);
}

export interface ExpectedFinding {
  /** A rule id, several acceptable ids, or "*" (any rule) where no rule exists yet. */
  rule: string | string[];
  /** The text the finding must overlap; null with `anywhere` for document-level findings. */
  text: string | null;
  /** Which occurrence of `text` (0-based; -1 is the last). Any occurrence when absent. */
  occurrence?: number;
  anywhere?: boolean;
  source?: string;
  ruleNeeded?: string;
}

export interface AllowedFinding {
  rule: string | string[];
  text?: string;
  why: string;
}

export interface ExpectedGrant {
  grantId: string;
  status?: string;
  granteePrincipal?: string;
  retiringPrincipal?: string;
  operations?: string[];
}

export interface ExpectedKey {
  /** Key ARN or key id. */
  key: string;
  /** Dotted paths into the key's JSON entry and their expected values. */
  fields?: Record<string, unknown>;
  /** Strings the key's JSON entry must contain somewhere (alias names, dates). */
  mentions?: string[];
  grants?: ExpectedGrant[];
}

export interface ExpectedGrants {
  /** Other corpus files given to the same `grants` run. */
  with?: string[];
  keys: ExpectedKey[];
}

export interface Expectation {
  kind: string;
  mistake?: boolean;
  findings: ExpectedFinding[];
  allowed?: AllowedFinding[];
  grants?: ExpectedGrants;
  note?: string;
  source?: string;
}

export interface ExpectationsFile {
  sources: Record<string, string>;
  files: Record<string, Expectation>;
}

export function loadExpectations(): ExpectationsFile {
  return JSON.parse(fs.readFileSync(path.join(REALWORLD, 'expected.json'), 'utf8')) as ExpectationsFile;
}

/** Every corpus file (paths relative to the corpus, `/`-separated), expected.json and notes excluded. */
export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.name !== 'expected.json' && !e.name.endsWith('.md')) out.push(path.relative(REALWORLD, abs).split(path.sep).join('/'));
    }
  };
  walk(REALWORLD);
  return out.sort();
}

export interface Analysed {
  text: string;
  modelKind: string;
  findings: Finding[];
}

/** The file read and analysed exactly as `kms-lens check FILE` does. */
export function analyseFile(rel: string): Analysed {
  const input = readInput({ display: rel, absolute: path.join(REALWORLD, rel) });
  const { model, findings } = analyze(input.text, input.hints, DEFAULT_SETTINGS);
  return { text: input.text, modelKind: model.kind, findings };
}

export const ABOVE_INFORMATION = new Set(['error', 'warning']);

/**
 * The text with `\"`, `\\` and `\/` read as the characters they stand for, and
 * each character's offset in the original: expectations about a policy inside a
 * JSON string (get-key-policy output, a policy saved as a string) are written
 * as the policy reads, and still pin the characters in the file.
 */
function unescapedView(text: string): { view: string; map: number[] } {
  const chars: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const next = text[i + 1];
    if (text[i] === '\\' && (next === '"' || next === '\\' || next === '/')) i++;
    chars.push(text[i]);
    map.push(i);
  }
  return { view: chars.join(''), map };
}

function allIndexes(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Where `needle` occurs in the file, as [start, end) offsets; in escaped strings when not in the raw text. */
export function occurrences(text: string, needle: string): Array<[number, number]> {
  const raw = allIndexes(text, needle);
  if (raw.length > 0) return raw.map((i) => [i, i + needle.length]);
  const { view, map } = unescapedView(text);
  return allIndexes(view, needle).map((i) => [map[i], map[i + needle.length - 1] + 1]);
}

function pick<T>(list: T[], occurrence: number | undefined): T[] {
  if (occurrence === undefined) return list;
  const item = list[occurrence < 0 ? list.length + occurrence : occurrence];
  return item === undefined ? [] : [item];
}

function overlaps(f: Finding, [s, e]: [number, number]): boolean {
  if (f.start === f.end) return f.start >= s && f.start <= e;
  return f.start < e && s < f.end;
}

function ruleMatches(rule: string | string[], code: string): boolean {
  if (rule === '*') return true;
  return Array.isArray(rule) ? rule.includes(code) : rule === code;
}

export function matchesExpected(f: Finding, x: ExpectedFinding, text: string): boolean {
  if (!ABOVE_INFORMATION.has(f.severity) || !ruleMatches(x.rule, f.code)) return false;
  if (x.anywhere || x.text === null) return true;
  return pick(occurrences(text, x.text), x.occurrence).some((o) => overlaps(f, o));
}

function matchesAllowed(f: Finding, a: AllowedFinding, text: string): boolean {
  if (!ruleMatches(a.rule, f.code)) return false;
  return a.text === undefined || occurrences(text, a.text).some((o) => overlaps(f, o));
}

export interface FindingsVerdict {
  /** Findings above information that nothing in the expectation accounts for: false alarms. */
  unexpected: Finding[];
  /** Expected findings that did not come. */
  missing: ExpectedFinding[];
  /** Expectation texts that do not occur in the file: a fault of the corpus, not of the product. */
  badExpectations: string[];
}

export function judgeFindings(a: Analysed, exp: Expectation): FindingsVerdict {
  const above = a.findings.filter((f) => ABOVE_INFORMATION.has(f.severity));
  const badExpectations = exp.findings
    .filter((x) => !x.anywhere && x.text !== null && pick(occurrences(a.text, x.text), x.occurrence).length === 0)
    .map((x) => `expected text not in the file: ${JSON.stringify(x.text)}`);
  const missing = exp.findings.filter((x) => !above.some((f) => matchesExpected(f, x, a.text)));
  const unexpected = above.filter((f) => !exp.findings.some((x) => matchesExpected(f, x, a.text)) && !(exp.allowed ?? []).some((al) => matchesAllowed(f, al, a.text)));
  return { unexpected, missing, badExpectations };
}

// ------------------------------------------------------------------ grants

interface JsonKey {
  keyArn?: string;
  keyId?: string;
  grants?: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

export interface GrantsRun {
  keys: JsonKey[];
  /** Set when the CLI failed or printed no JSON. */
  error?: string;
}

/** `kms-lens grants --format json FILES`, as a user runs it. */
export function runGrants(rels: string[]): GrantsRun {
  const r = spawnSync(process.execPath, [CLI, 'grants', '--format', 'json', ...rels], { cwd: REALWORLD, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) return { keys: [], error: String(r.error) };
  try {
    const out = JSON.parse(r.stdout) as { keys?: JsonKey[] };
    return { keys: out.keys ?? [], error: r.status === 0 ? undefined : `exit ${r.status}: ${r.stderr.trim()}` };
  } catch {
    return { keys: [], error: `no JSON on stdout (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 300)}` };
  }
}

function keyIdOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

function sameKey(k: JsonKey, key: string): boolean {
  const names = [k.keyArn, k.keyId].filter((x): x is string => typeof x === 'string');
  // A bare key id matches any ARN with that id; two ARNs must be equal (multi-Region keys share their id).
  return names.some((n) => n === key || ((!n.startsWith('arn:') || !key.startsWith('arn:')) && keyIdOf(n) === keyIdOf(key)));
}

function at(obj: unknown, dotted: string): unknown {
  let v = obj;
  for (const part of dotted.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function sameSet(a: unknown, b: string[]): boolean {
  return Array.isArray(a) && a.length === b.length && [...a].map(String).sort().join('\n') === [...b].sort().join('\n');
}

/** What the grants view lacks, in words; empty when it shows what is expected. */
export function judgeGrants(run: GrantsRun, exp: ExpectedGrants): string[] {
  const problems: string[] = [];
  if (run.error) problems.push(`kms-lens grants: ${run.error}`);
  for (const ek of exp.keys) {
    const k = run.keys.find((x) => sameKey(x, ek.key));
    if (!k) {
      problems.push(`key ${ek.key} not shown (keys shown: ${run.keys.map((x) => x.keyArn ?? x.keyId).join(', ') || 'none'})`);
      continue;
    }
    for (const [field, want] of Object.entries(ek.fields ?? {})) {
      const got = at(k, field);
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`key ${keyIdOf(ek.key)}: ${field} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
    const whole = JSON.stringify(k);
    for (const m of ek.mentions ?? []) if (!whole.includes(m)) problems.push(`key ${keyIdOf(ek.key)}: does not mention ${JSON.stringify(m)}`);
    for (const eg of ek.grants ?? []) {
      const g = (k.grants ?? []).find((x) => x.grantId === eg.grantId);
      if (!g) {
        problems.push(`key ${keyIdOf(ek.key)}: grant ${eg.grantId.slice(0, 12)}… not shown`);
        continue;
      }
      for (const field of ['status', 'granteePrincipal', 'retiringPrincipal'] as const) {
        if (eg[field] !== undefined && g[field] !== eg[field]) problems.push(`grant ${eg.grantId.slice(0, 12)}…: ${field} is ${JSON.stringify(g[field])}, expected ${JSON.stringify(eg[field])}`);
      }
      if (eg.operations && !sameSet(g.operations, eg.operations)) problems.push(`grant ${eg.grantId.slice(0, 12)}…: operations are ${JSON.stringify(g.operations)}, expected ${JSON.stringify(eg.operations)}`);
    }
  }
  return problems;
}

// ------------------------------------------------------------------ one verdict per file

export interface FileVerdict {
  file: string;
  exp: Expectation;
  modelKind: string;
  findings: FindingsVerdict;
  grants: string[];
  /** Every finding above information, expected or not. */
  above: Finding[];
  /** The text of the file, to show what a finding points at. */
  text: string;
  /** Set when the file could not be read or analysed at all. */
  crash?: string;
}

export function passed(v: FileVerdict): boolean {
  return !v.crash && v.findings.unexpected.length === 0 && v.findings.missing.length === 0 && v.findings.badExpectations.length === 0 && v.grants.length === 0;
}

export function judgeFile(file: string, exp: Expectation): FileVerdict {
  let a: Analysed;
  try {
    a = analyseFile(file);
  } catch (err) {
    return { file, exp, modelKind: '?', findings: { unexpected: [], missing: exp.findings, badExpectations: [] }, grants: [], above: [], text: '', crash: String((err as Error).stack ?? err) };
  }
  const grants = exp.grants ? judgeGrants(runGrants([file, ...(exp.grants.with ?? [])]), exp.grants) : [];
  return { file, exp, modelKind: a.modelKind, findings: judgeFindings(a, exp), grants, above: a.findings.filter((f) => ABOVE_INFORMATION.has(f.severity)), text: a.text };
}

/** A finding as `rule (severity) "text it covers"`. */
export function describeFinding(f: Finding, text: string): string {
  const covered = text.slice(f.start, Math.min(f.end, f.start + 60)).replace(/\s+/g, ' ');
  return `${f.code} (${f.severity}) on ${JSON.stringify(covered)}${f.end - f.start > 60 ? '…' : ''}`;
}

export function describeExpected(x: ExpectedFinding): string {
  const rule = Array.isArray(x.rule) ? x.rule.join('|') : x.rule === '*' ? `any rule (${x.ruleNeeded ?? 'no rule yet'})` : x.rule;
  return x.anywhere || x.text === null ? `${rule} (anywhere)` : `${rule} on ${JSON.stringify(x.text)}`;
}
