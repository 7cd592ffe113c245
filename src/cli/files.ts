/** Expands the command line's files, directories and `-` (standard input) into the files to analyse. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as l10n from '@vscode/l10n';
import { TEMPLATE_EXTENSIONS } from '../core';
import { decodeText, readStdinText, type TextEncoding } from './encoding';

/**
 * Template extensions: a policy that is JSON once rendered (Terraform .tpl,
 * Jinja .j2, ERB .erb, Go .tmpl) is read for what it can be, but most files
 * with these extensions are not policies (Rails views, nginx.conf.j2, Helm
 * helpers). A walk takes them only when their first characters look like a
 * policy or a statement; named on the command line, one is read as any file.
 */
export const CONTENT_CHECKED_EXTENSIONS = [...TEMPLATE_EXTENSIONS, '.erb', '.tmpl', '.gotmpl', '.mustache'];

/** Extensions analysed when walking a directory. */
// CloudFormation YAML (.yaml, .yml, .template) and Terraform (.tf) hold policies where they are written.
export const ANALYSED_EXTENSIONS = ['.json', '.jsonl', '.ndjson', '.log', '.yaml', '.yml', '.template', '.tf', ...CONTENT_CHECKED_EXTENSIONS];

/** A JSON member that only policies and statements (or CloudTrail events) have, quoted as a JSON template writes it. */
const POLICY_MEMBER = /"(?:Statement|Effect|eventVersion)"\s*:/;

/** A template's first 64 KiB name a policy's or an event's members. */
function templateHoldsPolicy(abs: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r');
    const buffer = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return POLICY_MEMBER.test(buffer.toString('utf8', 0, n));
  } catch {
    // Unreadable here: taken, so that reading it reports why.
    return true;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Whether a walk analyses the file at `abs` named `name`. */
function walked(name: string, abs: string): boolean {
  const lower = name.toLowerCase();
  if (isGzipLog(name)) return true;
  if (CONTENT_CHECKED_EXTENSIONS.some((e) => lower.endsWith(e))) return templateHoldsPolicy(abs);
  return ANALYSED_EXTENSIONS.includes(path.extname(lower));
}

/** CloudTrail delivers its logs gzipped: `<account>_CloudTrail_<region>_<time>_<id>.json.gz`. */
export function isGzipLog(file: string): boolean {
  return /\.json\.gz$/i.test(file);
}

/** How standard input is named in messages and reports. */
export const STDIN_NAME = '<stdin>';

export interface InputFile {
  /** The path as the user gave it (or the directory as given, joined with the file's relative path). */
  display: string;
  absolute: string;
  /** `-`: the text comes from standard input. */
  stdin?: boolean;
}

/** A file or directory given but not analysed, and why (said to the user, so a mistyped path does not pass silently). */
export interface Skipped {
  file: string;
  reason: string;
  /**
   * Skipped because of a limit (size, nesting), not because it is not what the command reads:
   * said even with --quiet, and the run exits 2, so a skipped log is never taken for a clean one.
   */
  limit?: boolean;
}

export interface Collected {
  files: InputFile[];
  errors: string[];
  skipped: Skipped[];
}

const SEARCHED = (): string => l10n.t('{0} or {1}', ANALYSED_EXTENSIONS.map((e) => `*${e}`).join(', '), '*.json.gz');

/**
 * CloudTrail's digest files (`AWSLogs/<account>/CloudTrail-Digest/...`, named
 * `<account>_CloudTrail-Digest_<region>_...json.gz`) sit next to the logs in
 * the bucket: they hold hashes of the log files, not events, so a walk passes
 * them by without a word (named on the command line, one is read as any file).
 */
export function isDigest(name: string): boolean {
  return name === 'CloudTrail-Digest' || /_CloudTrail-Digest_/i.test(name);
}

/**
 * The order of names in a directory: `localeCompare`'s order (the same collator, by definition), built
 * once instead of once per comparison, which made sorting a folder of 2,000 names cost about 15 ms.
 */
const byName = new Intl.Collator();

/**
 * The files under a directory, in path order (each directory's entries sorted
 * by name), as the bucket's `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/`
 * folders (or an organization trail's `AWSLogs/o-.../<account>/...`) are laid out.
 */
function walk(dirDisplay: string, dirAbs: string, out: InputFile[]): void {
  const entries = fs.readdirSync(dirAbs, { withFileTypes: true }).sort((a, b) => byName.compare(a.name, b.name));
  for (const e of entries) {
    // Dependencies and dot-folders (.git, .vscode-test) are not the user's policies or logs.
    if (e.name === 'node_modules' || e.name.startsWith('.') || isDigest(e.name)) continue;
    const display = dirDisplay.endsWith(path.sep) || dirDisplay.endsWith('/') ? dirDisplay + e.name : `${dirDisplay}${path.sep}${e.name}`;
    const abs = path.join(dirAbs, e.name);
    if (e.isDirectory()) walk(display, abs, out);
    else if (e.isFile() && walked(e.name, abs)) out.push({ display, absolute: abs });
  }
}

export function collectFiles(args: readonly string[]): Collected {
  const files: InputFile[] = [];
  const errors: string[] = [];
  const skipped: Skipped[] = [];
  for (const arg of args) {
    if (arg === '-') {
      // Standard input can be read once: a second `-` would be empty.
      if (!files.some((f) => f.stdin)) files.push({ display: STDIN_NAME, absolute: '-', stdin: true });
      continue;
    }
    const abs = path.resolve(arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      errors.push(`${arg}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? l10n.t('no such file or directory') : String((err as Error).message)}`);
      continue;
    }
    try {
      if (stat.isDirectory()) {
        const before = files.length;
        walk(arg, abs, files);
        if (files.length === before) skipped.push({ file: arg, reason: l10n.t('a directory with no {0} file in it', SEARCHED()) });
      } else files.push({ display: arg, absolute: abs });
    } catch (err) {
      errors.push(`${arg}: ${(err as Error).message}`);
    }
  }
  return { files, errors, skipped };
}

export function languageIdFor(file: string): string {
  switch (path.extname(file.replace(/\.gz$/i, '')).toLowerCase()) {
    case '.jsonc': return 'jsonc';
    case '.jsonl':
    case '.ndjson': return 'jsonl';
    case '.log': return 'log';
    // CloudFormation templates: YAML, or JSON (a `.template` that starts with `{` is read as JSON).
    case '.yaml':
    case '.yml':
    case '.template': return 'yaml';
    case '.tf': return 'terraform';
    default: return 'json';
  }
}

export interface ReadFile {
  text: string;
  /** What the core is told about the file: an archive's name without `.gz` says what its content is. */
  hints: { languageId: string; fileName: string };
  archive: boolean;
  /** How the file's bytes are written (encoding.ts): a rewritten file keeps it. */
  encoding: TextEncoding;
}

/**
 * Reads a file to analyse, decompressing a `.json.gz` log. Throws with a
 * clear message. Standard input is read as pasted text is in the editor: its
 * content says whether it is JSON Lines.
 */
export function readInput(file: InputFile, readStdin: () => string = readStdinText): ReadFile {
  if (file.stdin) {
    try {
      return { text: readStdin(), hints: { languageId: 'plaintext', fileName: '' }, archive: false, encoding: 'utf8' };
    } catch (err) {
      throw new Error(l10n.t('cannot read standard input: {0}', (err as Error).message), { cause: err });
    }
  }
  const archive = isGzipLog(file.absolute);
  const hints = { languageId: languageIdFor(file.absolute), fileName: file.absolute.replace(/\.gz$/i, '') };
  try {
    const { text, encoding } = decodeText(archive ? gunzipSync(fs.readFileSync(file.absolute)) : fs.readFileSync(file.absolute));
    return { text, hints, archive, encoding };
  } catch (err) {
    throw new Error(archive ? l10n.t('cannot read the gzip archive: {0}', (err as Error).message) : (err as Error).message, { cause: err });
  }
}
