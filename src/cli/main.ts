/**
 * `kms-lens`: the extension's engine on the command line, for CI.
 * It calls the same core function as the editor, so the same text gives the
 * same findings. Exit codes: 0 no error finding, 1 error findings, 2 usage or
 * read failure (other files are still checked), or nothing analysed.
 * The flags are data (args.ts): the parser and `--help` are made from them.
 */
import * as l10n from '@vscode/l10n';
import { isMainThread, workerData } from 'node:worker_threads';
import { DEFAULT_SETTINGS, getKmsLensService, isPolicyKind, isSeveritySetting, POLICY_KINDS, ruleByAnyId, SEVERITY_SETTINGS, type AnalysisSettings, type DocumentModel, type PolicyKind, type SeveritySetting, type SourceFacts } from '../core';
import { COMMANDS, localeError, parseCommand, usage, UsageError, type CommandName, type FlagValues } from './args';
import { isLocale, LOCALES, localeFromEnv, useLocale, type Locale } from './locale';
import { collectFiles, readInput, type InputFile, type ReadFile, type Skipped } from './files';
import { readStdinText } from './encoding';
import { CHECKED, INDEXED, skipOf, type CheckedFile, type EventLines, type IndexedFile } from './fileWork';
import { FactsRun, GrantsRun, toJsonReport, toTextReport, type GrantsInput } from './grants';
import { defaultJobs, runFiles, type PoolOptions } from './pool';
import { isKmsLensWorker, serveFiles } from './worker';
import { locateWasm, needsTerraform } from './wasm';
import { rewrite } from './rewrite';
import { simulateCommand } from './simulate';
import { accessCommand } from './access';
import { generatePolicyCommand } from './generatePolicy';
import { formatSarif, formatText, toJsonFindings, type FileFindings } from './output';

const core = getKmsLensService();

declare const KMS_LENS_VERSION: string;
const VERSION = typeof KMS_LENS_VERSION === 'string' ? KMS_LENS_VERSION : 'dev';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
  /** Standard input, read when `-` is given. */
  stdin?: () => string;
  /** The environment the locale variables are read from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** `--locale X` or `--locale=X` wherever it is, else the locale variables: found before any message is worded. */
function localeOf(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const value = a === '--locale' ? argv[i + 1] : a.startsWith('--locale=') ? a.slice('--locale='.length) : undefined;
    if (a === '--locale' && value === undefined) throw new UsageError(l10n.t('--locale needs a value ({0})', LOCALES.join('|')));
    if (value !== undefined) {
      if (!isLocale(value)) throw localeError(value);
      return value;
    }
  }
  return localeFromEnv(env);
}

/** Messages about a limit name the flag that raises it, not the editor's setting. */
const LIMIT_FLAGS = { maxFindings: '--max-findings', maxFileSize: '--max-file-size' };

function settingsFrom(values: FlagValues): AnalysisSettings {
  const rules: Record<string, SeveritySetting> = {};
  for (const r of (values.rule as string[] | undefined) ?? []) {
    const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(r);
    if (!m || !isSeveritySetting(m[2])) throw new UsageError(l10n.t('--rule expects ID=SEVERITY ({0}), got "{1}"', SEVERITY_SETTINGS.join('|'), r));
    // A rule's former id still works, so scripts written for an older version keep running.
    const rule = ruleByAnyId(m[1]);
    if (!rule) throw new UsageError(l10n.t('--rule: unknown rule "{0}"', m[1]));
    rules[rule.id] = m[2];
  }
  const maxFindings = values['max-findings'] === undefined ? DEFAULT_SETTINGS.maxFindings : Number(values['max-findings']);
  if (!Number.isInteger(maxFindings) || maxFindings < 1) throw new UsageError(l10n.t('--max-findings expects a positive whole number'));
  return { rules, maxFindings, maxFileSize: maxFileSizeFrom(values), limitNames: LIMIT_FLAGS };
}

/** No limit unless one is asked for: the editor's limit keeps typing fast; a script wants every file read. */
function maxFileSizeFrom(values: FlagValues): number {
  if (values['max-file-size'] === undefined) return Number.POSITIVE_INFINITY;
  const maxMb = Number(values['max-file-size']);
  if (!Number.isFinite(maxMb) || maxMb <= 0) throw new UsageError(l10n.t('--max-file-size expects a size in MB'));
  return maxMb * 1024 * 1024;
}

/** `--jobs N`: worker threads that read files (default: the cores); 1 reads them in this process. */
function poolFrom(values: FlagValues, io: Io, terraform: boolean): PoolOptions {
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(l10n.t('--jobs expects a positive whole number'));
  return { jobs, workerFile: __filename, terraform, readStdin: io.stdin };
}

/** The files of the command line, read; read failures become errors, the others go on. */
function readAll(inputs: readonly string[], io: Io): { files: Array<{ file: InputFile; input: ReadFile }>; errors: string[]; skipped: Skipped[] } {
  if (inputs.length === 0) throw new UsageError(l10n.t('no file or directory given (- reads standard input)'));
  const { files, errors, skipped } = collectFiles(inputs);
  const read: Array<{ file: InputFile; input: ReadFile }> = [];
  for (const file of files) {
    try {
      read.push({ file, input: readInput(file, io.stdin) });
    } catch (err) {
      errors.push(`${file.display}: ${(err as Error).message}`);
    }
  }
  return { files: read, errors, skipped };
}

/**
 * What every command says after its report, on stderr: read failures, what
 * was skipped and why (unless --quiet), and, when nothing at all was
 * analysed, why that fails the run. Returns the exit status it implies.
 */
function finish(command: CommandName, io: Io, values: FlagValues, errors: readonly string[], skipped: readonly Skipped[], analysed: number, what: string): number | undefined {
  for (const e of errors) io.err(`kms-lens: ${e}\n`);
  const nothing = analysed === 0 && errors.length === 0;
  for (const s of skipped) if (!values.quiet || nothing || s.limit) io.err(`kms-lens: ${l10n.t('skipped {0}: {1}', s.file, s.reason)}\n`);
  if (errors.length > 0) return 2;
  const limited = skipped.filter((s) => s.limit).length;
  if (limited > 0) {
    io.err(`kms-lens ${command}: ${limited === 1 ? l10n.t('1 file was not wholly analysed (see above)') : l10n.t('{0} files were not wholly analysed (see above)', limited)}\n`);
    return 2;
  }
  if (nothing && !values['allow-empty']) {
    const why = skipped.length === 0 ? l10n.t('no file given') : l10n.t('none of the inputs is {0}', what);
    io.err(`kms-lens ${command}: ${l10n.t('nothing was analysed: {0} (--allow-empty accepts this)', why)}\n`);
    return 2;
  }
  return undefined;
}

/** `--kind GLOB=KIND`, repeated: the same map as the editor's kmsLens.policyKinds. */
function kindsFrom(values: string[] | undefined): Record<string, PolicyKind> {
  const kinds: Record<string, PolicyKind> = {};
  for (const v of values ?? []) {
    const at = v.lastIndexOf('=');
    const glob = v.slice(0, at);
    const kind = v.slice(at + 1);
    if (at <= 0 || !isPolicyKind(kind)) throw new UsageError(l10n.t('--kind expects GLOB=KIND with KIND one of {0}, got "{1}"', POLICY_KINDS.join(', '), v));
    kinds[glob] = kind;
  }
  return kinds;
}

/** The Terraform parser was loaded for this run (see prepare below): worker threads load it too. */
let terraformLoaded = false;

async function check(args: string[], io: Io): Promise<number> {
  const { values, inputs } = parseCommand('check', args);
  const format = (values.format as string | undefined) ?? 'text';
  const settings = settingsFrom(values);
  const kinds = kindsFrom(values.kind as string[] | undefined);
  if (values.fix && inputs.includes('-')) throw new UsageError(l10n.t('--fix cannot write back to standard input: save it to a file and check that file'));
  const pool = poolFrom(values, io, terraformLoaded);
  if (inputs.length === 0) throw new UsageError(l10n.t('no file or directory given (- reads standard input)'));

  const { files, errors, skipped } = collectFiles(inputs);
  const results: FileFindings[] = [];
  const fixed: string[] = [];
  let analysed = 0;
  let notAnalysed = 0;
  // Each file is read, checked and let go; only its placed findings are kept, in path order.
  await runFiles(files, { kind: 'check', options: { settings, kinds, fix: values.fix === true, quiet: values.quiet === true } }, pool, (r) => {
    const checked = r as CheckedFile;
    errors.push(...checked.errors);
    if (checked.fixed) fixed.push(checked.fixed);
    if (checked.skip) skipped.push(checked.skip);
    if (checked.analysed) analysed++;
    else if (checked.skip?.limit) notAnalysed++;
    if (checked.result) results.push(checked.result);
  });

  if (format === 'json') io.out(JSON.stringify(toJsonFindings(results), null, 2) + '\n');
  else if (format === 'sarif') io.out(formatSarif(results, VERSION));
  else io.out(formatText(results, io.isTty, analysed, notAnalysed));
  if (!values.quiet) for (const f of fixed) io.err(`kms-lens: ${f}\n`);
  const status = finish('check', io, values, errors, skipped, analysed, CHECKED());
  if (status !== undefined) return status;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** One file: its model is indexed as it is (nothing to gain from cutting its facts down, and a big log is read fastest so). */
function grantsOfOne(files: readonly InputFile[], errors: string[], skipped: Skipped[], values: FlagValues, maxFileSize: number, io: Io): number {
  const entries: GrantsInput[] = [];
  for (const file of files) {
    try {
      const input = readInput(file, io.stdin);
      entries.push({ file: file.display, text: input.text, languageId: input.hints.languageId, fileName: input.hints.fileName });
    } catch (err) {
      errors.push(`${file.display}: ${(err as Error).message}`);
    }
  }
  const run = new GrantsRun(entries, maxFileSize);
  for (const e of entries) {
    const model = run.models.get(e.file) as DocumentModel;
    const skip = skipOf(e.file, model, maxFileSize, () => core.feedsKeys(model), INDEXED(), false);
    if (skip) skipped.push(skip);
  }
  io.out(values.format === 'json' ? JSON.stringify(toJsonReport(run), null, 2) + '\n' : toTextReport(run));
  return finish('grants', io, values, errors, skipped, run.model.sources.length, INDEXED()) ?? 0;
}

async function grants(args: string[], io: Io): Promise<number> {
  const { values, inputs } = parseCommand('grants', args);
  const maxFileSize = maxFileSizeFrom(values);
  const pool = poolFrom(values, io, false);
  if (inputs.length === 0) throw new UsageError(l10n.t('no file or directory given (- reads standard input)'));
  const { files, errors, skipped } = collectFiles(inputs);
  if (files.length <= 1) return grantsOfOne(files, errors, skipped, values, maxFileSize, io);
  // Each file's facts about keys and the lines of their events are kept, not its text; the keys model is built from them all.
  const read: Array<{ facts: SourceFacts; lines: EventLines }> = [];
  await runFiles(files, { kind: 'index', maxFileSize }, pool, (r) => {
    const indexed = r as IndexedFile;
    errors.push(...indexed.errors);
    if (indexed.facts && indexed.lines) read.push({ facts: indexed.facts, lines: indexed.lines });
    if (indexed.skip) skipped.push(indexed.skip);
  });
  const run = new FactsRun(read);
  io.out(values.format === 'json' ? JSON.stringify(toJsonReport(run), null, 2) + '\n' : toTextReport(run));
  return finish('grants', io, values, errors, skipped, run.model.sources.length, INDEXED()) ?? 0;
}

/** The first line of a usage error, and where help is. */
function usageError(io: Io, message: string): number {
  io.err(`kms-lens: ${message}\n${l10n.t('Run "kms-lens --help" for the commands and their options.')}\n`);
  return 2;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // The environment's language first, so that a mistake in --locale itself is told in it.
    const env = io.env ?? process.env;
    useLocale(localeFromEnv(env));
    useLocale(localeOf(argv, env));
    // --help and --version win wherever they are (kms-lens check --help).
    if (argv.some((a) => a === '--help' || a === '-h')) {
      io.out(usage());
      return 0;
    }
    if (argv.some((a) => a === '--version' || a === '-v')) {
      io.out(`${VERSION}\n`);
      return 0;
    }
    switch (command) {
      case 'check': return await check(rest, io);
      case 'grants': return await grants(rest, io);
      case 'format':
      case 'redact': {
        const { values, inputs } = parseCommand(command, rest);
        return rewrite(command, values, inputs, io);
      }
      case 'simulate': return simulateCommand(rest, io, { readAll, finish, maxFileSizeFrom });
      case 'access': return accessCommand(rest, io, { readAll, finish, maxFileSizeFrom });
      case 'generate-policy': return generatePolicyCommand(rest, io, { readAll, finish, maxFileSizeFrom });
      default:
        throw new UsageError(l10n.t('{0}; the commands are {1} and {2}', command ? l10n.t('unknown command "{0}"', command) : l10n.t('no command given'), Object.keys(COMMANDS).slice(0, -1).join(', '), Object.keys(COMMANDS).slice(-1)[0]));
    }
  } catch (err) {
    if (err instanceof UsageError) return usageError(io, err.message);
    io.err(`kms-lens: ${l10n.t('unexpected failure: {0}', (err as Error).stack ?? String(err))}\n`);
    return 2;
  }
}

/** The first line of an error message: Node appends its require stack to a missing module's. */
const firstLine = (message: string): string => message.split('\n', 1)[0];

/** Loads the Terraform parser first when the inputs may hold .tf files (it loads asynchronously; the run itself is synchronous). */
async function prepare(argv: string[]): Promise<void> {
  if (!needsTerraform(argv[0], argv.slice(1))) return;
  try {
    await core.prepareFormats(locateWasm);
    terraformLoaded = true;
  } catch (err) {
    // Said before main() runs, so in the language main() will choose (a bad --locale is main()'s to report).
    try {
      useLocale(localeOf(argv, process.env));
    } catch {
      useLocale(localeFromEnv(process.env));
    }
    process.stderr.write(`kms-lens: ${l10n.t('the Terraform parser did not load ({0}): .tf files are not analysed', firstLine((err as Error).message))}\n`);
  }
}

if (!isMainThread && isKmsLensWorker(workerData)) {
  // Started by pool.ts as a worker thread of check or grants: read the files it is sent.
  void serveFiles(workerData);
} else if (require.main === module) {
  // `kms-lens format LOG | head`: the reader has gone, which is no failure of ours. Stop without a stack
  // trace, as Unix tools do; the exit status is the one already decided, else 0.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  void prepare(process.argv.slice(2))
    .then(() => main(process.argv.slice(2), {
      out: (s) => process.stdout.write(s),
      err: (s) => process.stderr.write(s),
      isTty: process.stdout.isTTY === true && !process.env.NO_COLOR,
      stdin: readStdinText,
    }))
    .then((code) => {
      process.exitCode = code;
    });
}
