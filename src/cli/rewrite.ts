/**
 * `kms-lens format` and `kms-lens redact`: the editor's Format CloudTrail Log
 * and Redact for Sharing, for scripts and tickets. Both write the new text to
 * standard output, or with `--write` back to each file. Text nested deeper
 * than the core reads is refused with a message and exit 2, and nothing is
 * written: a "redacted" copy that is the original would leak what it was
 * meant to hide.
 */
import * as fs from 'node:fs';
import * as l10n from '@vscode/l10n';
import { getKmsLensService, MAX_JSON_NESTING } from '../core';
import type { FlagValues } from './args';
import { UsageError } from './args';
import { collectFiles, readInput, type InputFile, type ReadFile } from './files';
import { encodeText } from './encoding';

const core = getKmsLensService();

export interface RewriteIo {
  out(text: string): void;
  err(text: string): void;
  stdin?: () => string;
}

/** What a command does to one file's text: the new text, or why it is left alone. */
type Outcome = { text: string; note?: string } | { refused: string };

type Transform = (input: ReadFile) => Outcome;

const tooDeep = (what: string): string => l10n.t('nested more than {0} levels deep; {1} (no CloudTrail event or policy is that deep)', MAX_JSON_NESTING, what);

function formatOne(input: ReadFile): Outcome {
  // JSON Lines already hold one event per line; formatting would join them into something that is neither.
  if (core.parse(input.text, input.hints, { maxFileSize: Number.POSITIVE_INFINITY }).format === 'jsonLines') return { text: input.text, note: l10n.t('JSON Lines already hold one event per line; left as it is') };
  const eol = input.text.includes('\r\n') ? '\r\n' : '\n';
  const r = core.format(input.text, { eol });
  if (r.tooDeep !== undefined) return { refused: tooDeep(l10n.t('not formatted')) };
  return { text: r.text };
}

function redactOne(input: ReadFile): Outcome {
  const r = core.redact(input.text);
  if (r.tooDeep !== undefined) return { refused: tooDeep(l10n.t('nothing was redacted')) };
  const summary = core.describeRedaction(r);
  return { text: r.text, note: summary ? l10n.t('replaced {0} (the same value always by the same fake); names in free text are not redacted', summary) : l10n.t('nothing to redact was found') };
}

const TRANSFORMS: Record<'format' | 'redact', Transform> = { format: formatOne, redact: redactOne };

/** Runs `format` or `redact` on the inputs; returns the exit status (0, or 2 when a file was refused or could not be read or written). */
export function rewrite(command: 'format' | 'redact', values: FlagValues, inputs: readonly string[], io: RewriteIo): number {
  if (inputs.length === 0) throw new UsageError(l10n.t('{0}: no file given (- reads standard input)', command));
  const write = values.write === true;
  if (write && inputs.includes('-')) throw new UsageError(l10n.t('{0}: --write cannot write back to standard input', command));
  const { files, errors, skipped } = collectFiles(inputs);
  if (!write && files.length > 1) throw new UsageError(l10n.t('{0}: give one file (standard output holds one text), or --write to rewrite each file', command));
  let failed = errors.length > 0;
  for (const e of errors) io.err(`kms-lens: ${e}\n`);
  for (const s of skipped) {
    io.err(`kms-lens: ${l10n.t('skipped {0}: {1}', s.file, s.reason)}\n`);
    failed = true;
  }
  for (const file of files) {
    if (!rewriteOne(command, file, write, io)) failed = true;
  }
  return failed ? 2 : 0;
}

function rewriteOne(command: 'format' | 'redact', file: InputFile, write: boolean, io: RewriteIo): boolean {
  let input: ReadFile;
  try {
    input = readInput(file, io.stdin);
  } catch (err) {
    io.err(`kms-lens: ${file.display}: ${(err as Error).message}\n`);
    return false;
  }
  if (write && input.archive) {
    io.err(`kms-lens: ${file.display}: ${l10n.t('an archive is not rewritten; run without --write and save the output')}\n`);
    return false;
  }
  const outcome = TRANSFORMS[command](input);
  if ('refused' in outcome) {
    io.err(`kms-lens ${command}: ${file.display}: ${outcome.refused}\n`);
    return false;
  }
  if (outcome.note) io.err(`kms-lens ${command}: ${file.display}: ${outcome.note}\n`);
  if (!write) {
    io.out(outcome.text);
    return true;
  }
  if (outcome.text === input.text) return true;
  try {
    fs.writeFileSync(file.absolute, encodeText(outcome.text, input.encoding));
    return true;
  } catch (err) {
    io.err(`kms-lens: ${file.display}: ${l10n.t('cannot write: {0}', (err as Error).message)}\n`);
    return false;
  }
}
