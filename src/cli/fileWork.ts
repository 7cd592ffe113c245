/**
 * What `check` and `grants` do with one file, from reading it to the little
 * that is kept of it: placed findings, or the facts about keys. The same
 * functions run in the main thread (`--jobs 1`, standard input) and in worker
 * threads (pool.ts), so the output cannot depend on where a file was read;
 * their results are plain data (worker messages are structured clones).
 */
import * as fs from 'node:fs';
import * as l10n from '@vscode/l10n';
import { getKmsLensService, LineIndex, MAX_JSON_NESTING, type AnalysisSettings, type DocumentModel, type PolicyKind, type SourceFacts } from '../core';
import { readInput, type InputFile, type Skipped } from './files';
import { encodeText } from './encoding';
import { fixReport, onlyErrors, placeFindings, type FileFindings } from './output';

const core = getKmsLensService();

/** What check reads, for `skipped FILE: not ...`; a function, so it is worded in the language set when it is asked for. */
export const CHECKED = (): string => l10n.t('a KMS key policy, an IAM policy, CloudTrail events or list-grants output');
/** What grants reads. */
export const INDEXED = (): string => l10n.t('CloudTrail events, list-grants output or AWS CLI output about keys (describe-key, list-aliases, ...)');

const megabytes = (chars: number): string => `${Number((chars / (1024 * 1024)).toFixed(1))} MB`;

/**
 * Why a file was not analysed (or not wholly); undefined when it was. `what` says what the command reads;
 * `readsTerraform` is false for grants, which reads no .tf file and so does not load the Terraform parser.
 */
export function skipOf(file: string, model: DocumentModel, maxFileSize: number, analysed: (kind: DocumentModel['kind']) => boolean, what: string, readsTerraform = true): Skipped | undefined {
  if (model.skipped === 'tooLarge') return { file, reason: l10n.t('{0}, larger than --max-file-size ({1})', megabytes(model.text.length), megabytes(maxFileSize)), limit: true };
  if (model.skipped === 'binary') return { file, reason: l10n.t('binary content, not text') };
  if (model.text.trim() === '') return { file, reason: l10n.t('empty') };
  // A .tf file while the Terraform parser is missing (main.ts said why): unread, not "not a policy".
  // For grants the parser is not loaded at all: a .tf file is just not what it reads.
  if (model.pending) return readsTerraform ? { file, reason: l10n.t('not analysed: the Terraform parser did not load'), limit: true } : { file, reason: l10n.t('not {0}', what) };
  if (model.syntaxProblems.some((p) => p.kind === 'tooDeep') && analysed(model.kind)) {
    const reason = model.records.length === 0
      ? l10n.t('not analysed: nested more than {0} levels deep', MAX_JSON_NESTING)
      : l10n.t('partly analysed: nested more than {0} levels deep', MAX_JSON_NESTING);
    return { file, reason, limit: true };
  }
  return analysed(model.kind) ? undefined : { file, reason: l10n.t('not {0}', what) };
}

export interface CheckOptions {
  settings: AnalysisSettings;
  /** `--kind GLOB=KIND`. */
  kinds: Record<string, PolicyKind>;
  fix: boolean;
  quiet: boolean;
}

/** What is kept of one checked file. */
export interface CheckedFile {
  /** Its findings, when it was analysed or has findings to show. */
  result?: FileFindings;
  skip?: Skipped;
  /** It counts among the files analysed. */
  analysed: boolean;
  /** What --fix changed in it. */
  fixed?: string;
  /** Read or write failures, each with the file's name. */
  errors: string[];
}

/** `kms-lens check` on one file: read it, fix it (--fix), analyse it, and keep its placed findings. */
export function checkFile(file: InputFile, options: CheckOptions, readStdin?: () => string): CheckedFile {
  const { settings, kinds } = options;
  const errors: string[] = [];
  let input;
  try {
    input = readInput(file, readStdin);
  } catch (err) {
    return { analysed: false, errors: [`${file.display}: ${(err as Error).message}`] };
  }
  const hints = { ...input.hints, policyKind: core.kindForFile(file.display, kinds) };
  let { text } = input;
  let fixed: string | undefined;
  if (options.fix && !input.archive) {
    const repaired = core.repair(text, hints, settings);
    if (repaired.text !== text) {
      try {
        fs.writeFileSync(file.absolute, encodeText(repaired.text, input.encoding));
        text = repaired.text;
        fixed = fixReport(file.display, repaired.byRule);
      } catch (err) {
        errors.push(`${file.display}: cannot write the fixed file: ${(err as Error).message}`);
      }
    }
  }
  const { model, findings } = core.analyze(text, hints, settings);
  const skip = skipOf(file.display, model, settings.maxFileSize, (k) => k !== 'other', CHECKED());
  const reason = skip?.reason;
  const analysed = !skip || (skip.limit === true && model.skipped === undefined && !model.pending);
  // A file too large to analyse keeps its finding, as in the editor: a skipped log is never taken for a clean one.
  const result = !reason || findings.length > 0
    ? { file: file.display, findings: placeFindings(text, options.quiet ? onlyErrors(findings) : findings), readAs: reason || options.quiet ? undefined : core.readAs(model) }
    : undefined;
  return { result, skip, analysed, fixed, errors };
}

/** Where a file's events start, and on which line (1-based): what `kms-lens grants` needs of a text to say where an event is. */
export interface EventLines {
  starts: number[];
  lines: number[];
}

/** What is kept of one file read for its keys. */
export interface IndexedFile {
  facts?: SourceFacts;
  lines?: EventLines;
  skip?: Skipped;
  errors: string[];
}

/** The offsets at which the facts' events start, with their lines, sorted by offset. */
function eventLines(facts: SourceFacts, text: string): EventLines {
  const starts = new Set<number>();
  const add = (list: ReadonlyArray<{ record: { start: number } }>): void => {
    for (const f of list) starts.add(f.record.start);
  };
  add(facts.grants.events);
  add(facts.grants.uses);
  add(facts.lifecycle.events);
  add(facts.evidence.evidence);
  const sorted = [...starts].sort((a, b) => a - b);
  if (sorted.length === 0) return { starts: [], lines: [] };
  const index = new LineIndex(text);
  return { starts: sorted, lines: sorted.map((s) => index.positionAt(s).line + 1) };
}

/** `kms-lens grants` on one file: read it and keep its facts about keys, and the lines of their events. */
export function indexFile(file: InputFile, maxFileSize: number, readStdin?: () => string): IndexedFile {
  let input;
  try {
    input = readInput(file, readStdin);
  } catch (err) {
    return { errors: [`${file.display}: ${(err as Error).message}`] };
  }
  // The keys report says nothing about syntax: a big log's events are not counted for duplicate keys.
  const model = core.parse(input.text, { languageId: input.hints.languageId, fileName: input.hints.fileName }, { maxFileSize, duplicateKeys: false });
  const facts = core.keyFacts({ id: file.display, model });
  const skip = skipOf(file.display, model, maxFileSize, () => core.feedsKeys(model), INDEXED(), false);
  return { facts, lines: eventLines(facts, input.text), skip, errors: [] };
}

/** The work of one command on every file of a run: plain data, given to each worker thread once. */
export type Task = { kind: 'check'; options: CheckOptions } | { kind: 'index'; maxFileSize: number };

export type TaskResult = CheckedFile | IndexedFile;

/**
 * A task on one file. A failure inside the core becomes an error on that
 * file (the run exits 2 and says so) and the other files are still read,
 * wherever the file was read.
 */
export function runTask(task: Task, file: InputFile, readStdin?: () => string): TaskResult {
  try {
    return task.kind === 'check' ? checkFile(file, task.options, readStdin) : indexFile(file, task.maxFileSize, readStdin);
  } catch (err) {
    const message = (err as Error).stack ?? String(err);
    const error = `${file.display}: ${l10n.t('unexpected failure: {0}', message)}`;
    return task.kind === 'check' ? { analysed: false, errors: [error] } : { errors: [error] };
  }
}
