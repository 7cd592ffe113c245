/**
 * `kms-lens`: the extension's engine on the command line, for CI.
 * It calls the same core function as the editor, so the same text gives the
 * same findings. Exit codes: 0 no error finding, 1 error findings, 2 usage or
 * read failure (other files are still checked).
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS, getKmsLensService, isPolicyKind, isSeveritySetting, POLICY_KINDS, ruleByAnyId, SEVERITY_SETTINGS, type AnalysisSettings, type PolicyKind, type SeveritySetting } from '../core';
import { collectFiles, readInput, type ReadFile } from './files';
import { GrantsRun, toJsonReport, toTextReport, type GrantsInput } from './grants';
import { formatSarif, formatText, toJsonFindings, type FileFindings } from './output';

const core = getKmsLensService();

declare const KMS_LENS_VERSION: string;
const VERSION = typeof KMS_LENS_VERSION === 'string' ? KMS_LENS_VERSION : 'dev';

const USAGE = `Usage:
  kms-lens check [--format text|json|sarif] [--fix] [--rule ID=SEVERITY]... [--kind GLOB=KIND]... [--max-findings N] [--max-file-size MB] <file|dir>...
  kms-lens grants [--format text|json] <file|dir>...
  kms-lens --version | --help

Directories are searched recursively for *.json, *.jsonl, *.ndjson, *.log and *.json.gz files
(.json.gz, as CloudTrail delivers its logs, is read decompressed; --fix leaves archives unchanged).
SEVERITY is error, warning, information, hint or off.
--kind reads the files matching GLOB (relative to the current directory; a GLOB
without / matches file names) as that kind of policy, whatever their content says.
KIND is one of ${POLICY_KINDS.join(', ')}.
The text format ends each file with what it was read as.
Exit status: 0 no error finding, 1 error findings, 2 usage or read failure.
grants prints every KMS grant in the files (CloudTrail logs, list-grants output):
its status, principals, operations, constraints, creation and end, and its uses;
and each key's own life: its last known state and since when, rotation, the
lifecycle events (CreateKey ... ScheduleKeyDeletion, DeleteKey) and the calls
refused because of the key's state.
`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
}

class UsageError extends Error {}

function settingsFrom(values: { rule?: string[]; 'max-findings'?: string; 'max-file-size'?: string }): AnalysisSettings {
  const rules: Record<string, SeveritySetting> = {};
  for (const r of values.rule ?? []) {
    const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(r);
    if (!m || !isSeveritySetting(m[2])) throw new UsageError(`--rule expects ID=SEVERITY (${SEVERITY_SETTINGS.join('|')}), got "${r}"`);
    // A rule's former id still works, so scripts written for an older version keep running.
    const rule = ruleByAnyId(m[1]);
    if (!rule) throw new UsageError(`--rule: unknown rule "${m[1]}"`);
    rules[rule.id] = m[2];
  }
  const maxFindings = values['max-findings'] === undefined ? DEFAULT_SETTINGS.maxFindings : Number(values['max-findings']);
  if (!Number.isInteger(maxFindings) || maxFindings < 1) throw new UsageError('--max-findings expects a positive whole number');
  const maxMb = values['max-file-size'] === undefined ? DEFAULT_SETTINGS.maxFileSize / (1024 * 1024) : Number(values['max-file-size']);
  if (!Number.isFinite(maxMb) || maxMb <= 0) throw new UsageError('--max-file-size expects a size in MB');
  return { rules, maxFindings, maxFileSize: maxMb * 1024 * 1024 };
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
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      fix: { type: 'boolean', default: false },
      rule: { type: 'string', multiple: true },
      kind: { type: 'string', multiple: true },
      'max-findings': { type: 'string' },
      'max-file-size': { type: 'string' },
    },
  });
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  if (positionals.length === 0) throw new UsageError('no file or directory given');
  const settings = settingsFrom(values);
  const kinds = kindsFrom(values.kind);

  const { files, errors } = collectFiles(positionals);
  const results: FileFindings[] = [];
  for (const file of files) {
    let input: ReadFile;
    try {
      input = readInput(file);
    } catch (err) {
      errors.push(`${file.display}: ${(err as Error).message}`);
      continue;
    }
    const { archive } = input;
    const hints = { ...input.hints, policyKind: core.kindForFile(file.display, kinds) };
    let { text } = input;
    if (values.fix && !archive) {
      const fixed = core.repair(text, hints, settings).text;
      if (fixed !== text) {
        try {
          fs.writeFileSync(file.absolute, fixed);
          text = fixed;
        } catch (err) {
          errors.push(`${file.display}: cannot write the fixed file: ${(err as Error).message}`);
        }
      }
    }
    const { model, findings } = core.analyze(text, hints, settings);
    results.push({ file: file.display, text, findings, readAs: core.readAs(model) });
  }

  if (format === 'json') io.out(JSON.stringify(toJsonFindings(results), null, 2) + '\n');
  else if (format === 'sarif') io.out(formatSarif(results, VERSION));
  else io.out(formatText(results, io.isTty));
  for (const e of errors) io.err(`kms-lens: ${e}\n`);

  if (errors.length > 0) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function grants(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  if (positionals.length === 0) throw new UsageError('no file or directory given');
  const { files, errors } = collectFiles(positionals);
  const inputs: GrantsInput[] = [];
  for (const file of files) {
    try {
      const { text, hints } = readInput(file);
      inputs.push({ file: file.display, text, languageId: hints.languageId, fileName: hints.fileName });
    } catch (err) {
      errors.push(`${file.display}: ${(err as Error).message}`);
    }
  }
  const run = new GrantsRun(inputs);
  io.out(values.format === 'json' ? JSON.stringify(toJsonReport(run), null, 2) + '\n' : toTextReport(run));
  for (const e of errors) io.err(`kms-lens: ${e}\n`);
  return errors.length > 0 ? 2 : 0;
}

export function main(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': return check(rest, io);
      case 'grants': return grants(rest, io);
      case '--version':
      case '-v':
        io.out(`${VERSION}\n`);
        return 0;
      case '--help':
      case '-h':
        io.out(USAGE);
        return 0;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`kms-lens: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`kms-lens: unexpected failure: ${(err as Error).stack ?? String(err)}\n`);
    return 2;
  }
}

if (require.main === module) {
  const code = main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTty: process.stdout.isTTY === true && !process.env.NO_COLOR,
  });
  process.exitCode = code;
}
