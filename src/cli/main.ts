/**
 * `kms-lens`: the extension's engine on the command line, for CI.
 * It calls the same core function as the editor, so the same text gives the
 * same findings. Exit codes: 0 no error finding, 1 error findings, 2 usage or
 * read failure (other files are still checked), or nothing analysed.
 * The flags are data (args.ts): the parser and `--help` are made from them.
 */
import * as fs from 'node:fs';
import { DEFAULT_SETTINGS, getKmsLensService, MAX_JSON_NESTING, isPolicyKind, isSeveritySetting, POLICY_KINDS, ruleByAnyId, SEVERITY_SETTINGS, type AnalysisSettings, type DocumentModel, type PolicyKind, type SeveritySetting } from '../core';
import { COMMANDS, localeError, parseCommand, usage, UsageError, type CommandName, type FlagValues } from './args';
import { isLocale, localeFromEnv, useLocale, type Locale } from './locale';
import { collectFiles, readInput, type InputFile, type ReadFile, type Skipped } from './files';
import { GrantsRun, toJsonReport, toTextReport, type GrantsInput } from './grants';
import { locateWasm, needsTerraform } from './wasm';
import { rewrite } from './rewrite';
import { simulateCommand } from './simulate';
import { accessCommand } from './access';
import { generatePolicyCommand } from './generatePolicy';
import { fixReport, formatSarif, formatText, onlyErrors, toJsonFindings, type FileFindings } from './output';

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
    if (a === '--locale' && value === undefined) throw new UsageError('--locale needs a value (en|it|es)');
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
    if (!m || !isSeveritySetting(m[2])) throw new UsageError(`--rule expects ID=SEVERITY (${SEVERITY_SETTINGS.join('|')}), got "${r}"`);
    // A rule's former id still works, so scripts written for an older version keep running.
    const rule = ruleByAnyId(m[1]);
    if (!rule) throw new UsageError(`--rule: unknown rule "${m[1]}"`);
    rules[rule.id] = m[2];
  }
  const maxFindings = values['max-findings'] === undefined ? DEFAULT_SETTINGS.maxFindings : Number(values['max-findings']);
  if (!Number.isInteger(maxFindings) || maxFindings < 1) throw new UsageError('--max-findings expects a positive whole number');
  return { rules, maxFindings, maxFileSize: maxFileSizeFrom(values), limitNames: LIMIT_FLAGS };
}

/** No limit unless one is asked for: the editor's limit keeps typing fast; a script wants every file read. */
function maxFileSizeFrom(values: FlagValues): number {
  if (values['max-file-size'] === undefined) return Number.POSITIVE_INFINITY;
  const maxMb = Number(values['max-file-size']);
  if (!Number.isFinite(maxMb) || maxMb <= 0) throw new UsageError('--max-file-size expects a size in MB');
  return maxMb * 1024 * 1024;
}

const megabytes = (chars: number): string => `${Number((chars / (1024 * 1024)).toFixed(1))} MB`;

/** Why a file was not analysed (or not wholly); undefined when it was. `what` says what the command reads. */
function skipOf(file: string, model: DocumentModel, maxFileSize: number, analysed: (kind: DocumentModel['kind']) => boolean, what: string): Skipped | undefined {
  if (model.skipped === 'tooLarge') return { file, reason: `${megabytes(model.text.length)}, larger than --max-file-size (${megabytes(maxFileSize)})`, limit: true };
  if (model.skipped === 'binary') return { file, reason: 'binary content, not text' };
  if (model.text.trim() === '') return { file, reason: 'empty' };
  if (model.syntaxProblems.some((p) => p.kind === 'tooDeep') && analysed(model.kind)) return { file, reason: `${model.records.length === 0 ? 'not analysed' : 'partly analysed'}: nested more than ${MAX_JSON_NESTING} levels deep`, limit: true };
  return analysed(model.kind) ? undefined : { file, reason: `not ${what}` };
}

const CHECKED = 'a KMS key policy, an IAM policy, CloudTrail events or list-grants output';
const INDEXED = 'CloudTrail events, list-grants output or AWS CLI output about keys (describe-key, list-aliases, ...)';

/** The files of the command line, read; read failures become errors, the others go on. */
function readAll(inputs: readonly string[], io: Io): { files: Array<{ file: InputFile; input: ReadFile }>; errors: string[]; skipped: Skipped[] } {
  if (inputs.length === 0) throw new UsageError('no file or directory given (- reads standard input)');
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
  for (const s of skipped) if (!values.quiet || nothing || s.limit) io.err(`kms-lens: skipped ${s.file}: ${s.reason}\n`);
  if (errors.length > 0) return 2;
  const limited = skipped.filter((s) => s.limit).length;
  if (limited > 0) {
    io.err(`kms-lens ${command}: ${limited === 1 ? '1 file was' : `${limited} files were`} not wholly analysed (see above)\n`);
    return 2;
  }
  if (nothing && !values['allow-empty']) {
    io.err(`kms-lens ${command}: nothing was analysed: ${skipped.length === 0 ? 'no file given' : `none of the inputs is ${what}`} (--allow-empty accepts this)\n`);
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
    if (at <= 0 || !isPolicyKind(kind)) throw new UsageError(`--kind expects GLOB=KIND with KIND one of ${POLICY_KINDS.join(', ')}, got "${v}"`);
    kinds[glob] = kind;
  }
  return kinds;
}

function check(args: string[], io: Io): number {
  const { values, inputs } = parseCommand('check', args);
  const format = (values.format as string | undefined) ?? 'text';
  const settings = settingsFrom(values);
  const kinds = kindsFrom(values.kind as string[] | undefined);
  if (values.fix && inputs.includes('-')) throw new UsageError('--fix cannot write back to standard input: save it to a file and check that file');

  const { files, errors, skipped } = readAll(inputs, io);
  const results: FileFindings[] = [];
  const fixed: string[] = [];
  let analysed = 0;
  for (const { file, input } of files) {
    const { archive } = input;
    const hints = { ...input.hints, policyKind: core.kindForFile(file.display, kinds) };
    let { text } = input;
    if (values.fix && !archive) {
      const repaired = core.repair(text, hints, settings);
      if (repaired.text !== text) {
        try {
          fs.writeFileSync(file.absolute, repaired.text);
          text = repaired.text;
          fixed.push(fixReport(file.display, repaired.byRule));
        } catch (err) {
          errors.push(`${file.display}: cannot write the fixed file: ${(err as Error).message}`);
        }
      }
    }
    const { model, findings } = core.analyze(text, hints, settings);
    const skip = skipOf(file.display, model, settings.maxFileSize, (k) => k !== 'other', CHECKED);
    const reason = skip?.reason;
    if (skip) skipped.push(skip);
    if (!skip || (skip.limit && model.skipped === undefined)) analysed++;
    // A file too large to analyse keeps its finding, as in the editor: a skipped log is never taken for a clean one.
    if (!reason || findings.length > 0) results.push({ file: file.display, text, findings: values.quiet ? onlyErrors(findings) : findings, readAs: reason || values.quiet ? undefined : core.readAs(model) });
  }

  if (format === 'json') io.out(JSON.stringify(toJsonFindings(results), null, 2) + '\n');
  else if (format === 'sarif') io.out(formatSarif(results, VERSION));
  else io.out(formatText(results, io.isTty, analysed));
  if (!values.quiet) for (const f of fixed) io.err(`kms-lens: ${f}\n`);
  const status = finish('check', io, values, errors, skipped, analysed, CHECKED);
  if (status !== undefined) return status;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function grants(args: string[], io: Io): number {
  const { values, inputs } = parseCommand('grants', args);
  const maxFileSize = maxFileSizeFrom(values);
  const { files, errors, skipped } = readAll(inputs, io);
  const entries: GrantsInput[] = files.map(({ file, input }) => ({ file: file.display, text: input.text, languageId: input.hints.languageId, fileName: input.hints.fileName }));
  const run = new GrantsRun(entries, maxFileSize);
  for (const e of entries) {
    const model = run.models.get(e.file) as DocumentModel;
    const skip = skipOf(e.file, model, maxFileSize, () => core.feedsKeys(model), INDEXED);
    if (skip) skipped.push(skip);
  }
  io.out(values.format === 'json' ? JSON.stringify(toJsonReport(run), null, 2) + '\n' : toTextReport(run));
  return finish('grants', io, values, errors, skipped, run.model.sources.length, INDEXED) ?? 0;
}

/** The first line of a usage error, and where help is. */
function usageError(io: Io, message: string): number {
  io.err(`kms-lens: ${message}\nRun "kms-lens --help" for the commands and their options.\n`);
  return 2;
}

export function main(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  try {
    useLocale(localeOf(argv, io.env ?? process.env));
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
      case 'check': return check(rest, io);
      case 'grants': return grants(rest, io);
      case 'format':
      case 'redact': {
        const { values, inputs } = parseCommand(command, rest);
        return rewrite(command, values, inputs, io);
      }
      case 'simulate': return simulateCommand(rest, io, { readAll, finish, maxFileSizeFrom });
      case 'access': return accessCommand(rest, io, { readAll, finish, maxFileSizeFrom });
      case 'generate-policy': return generatePolicyCommand(rest, io, { readAll, finish, maxFileSizeFrom });
      default:
        throw new UsageError(`${command ? `unknown command "${command}"` : 'no command given'}; the commands are ${Object.keys(COMMANDS).slice(0, -1).join(', ')} and ${Object.keys(COMMANDS).slice(-1)[0]}`);
    }
  } catch (err) {
    if (err instanceof UsageError) return usageError(io, err.message);
    io.err(`kms-lens: unexpected failure: ${(err as Error).stack ?? String(err)}\n`);
    return 2;
  }
}

/** Loads the Terraform parser first when the inputs may hold .tf files (it loads asynchronously; the run itself is synchronous). */
async function prepare(argv: string[]): Promise<void> {
  if (!needsTerraform(argv[0], argv.slice(1))) return;
  try {
    await core.prepareFormats(locateWasm);
  } catch (err) {
    process.stderr.write(`kms-lens: the Terraform parser did not load (${(err as Error).message}): .tf files are not analysed\n`);
  }
}

if (require.main === module) {
  void prepare(process.argv.slice(2)).then(() => {
    const code = main(process.argv.slice(2), {
      out: (s) => process.stdout.write(s),
      err: (s) => process.stderr.write(s),
      isTty: process.stdout.isTTY === true && !process.env.NO_COLOR,
      stdin: () => fs.readFileSync(0, 'utf8'),
    });
    process.exitCode = code;
  });
}
