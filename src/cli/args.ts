/**
 * The command line's flags as data: one table per command, from which both
 * the parser (node:util parseArgs) and `--help` are made, so a flag is added
 * by adding one entry, and `--help` cannot forget one. Usage errors are one
 * line each; main.ts adds how to get help.
 */
import { parseArgs } from 'node:util';
import * as l10n from '@vscode/l10n';
import { POLICY_KINDS } from '../core';
import { ANALYSED_EXTENSIONS } from './files';
import { isLocale, LOCALES } from './locale';

export type CommandName = 'check' | 'grants' | 'format' | 'redact' | 'simulate' | 'access' | 'generate-policy';

export interface Flag {
  /** The long name, without dashes. */
  name: string;
  /** Placeholder of its value in `--help` (`N`, `ID=SEVERITY`); none for a switch. */
  value?: string;
  /** The values it accepts, when they are a fixed list (the first is the default). */
  choices?: readonly string[];
  /** It may be given several times. */
  multiple?: boolean;
  /** One line for `--help`, in the language of the run (a function: the language is chosen after this table is made). */
  help: () => string;
}

export class UsageError extends Error {}

const format = (choices: readonly string[]): Flag => ({
  name: 'format',
  value: choices.join('|'),
  choices,
  help: () => l10n.t('output format (default {0})', choices[0]),
});

const maxFileSize: Flag = { name: 'max-file-size', value: 'MB', help: () => l10n.t('larger files are not analysed: they are listed as skipped and the run exits 2 (default: no limit)') };
const jobs: Flag = { name: 'jobs', value: 'N', help: () => l10n.t('read the files in N worker threads (default: the number of cores; 1 reads them in this process); the output is the same') };
const allowEmpty = (what: () => string): Flag => ({ name: 'allow-empty', help: () => l10n.t('exit 0, not 2, when none of the inputs is {0}', what()) });

export interface CommandSpec {
  /** What the command does, for `--help` (in the language of the run, as Flag.help). */
  summary: () => string;
  flags: readonly Flag[];
  /** Its operands in the usage line (default `<file|dir|->...`). */
  operands?: string;
}

export const COMMANDS: Record<CommandName, CommandSpec> = {
  check: {
    summary: () => l10n.t('Checks KMS key policies, IAM policies that use KMS, CloudTrail events and list-grants output, as the editor does.'),
    flags: [
      format(['text', 'json', 'sarif']),
      { name: 'fix', help: () => l10n.t('apply the fixes that Fix all applies in the editor, rewrite the files, and say what changed') },
      { name: 'rule', value: 'ID=SEVERITY', multiple: true, help: () => l10n.t('set a rule\'s severity: error, warning, information, hint or off (repeatable)') },
      { name: 'kind', value: 'GLOB=KIND', multiple: true, help: () => l10n.t('read the files matching GLOB (relative to the current directory; without / it matches file names) as that kind of policy, whatever their content says (repeatable)') },
      { name: 'max-findings', value: 'N', help: () => l10n.t('at most N findings per file; one more finding says how many were left out (default 1000)') },
      maxFileSize,
      { name: 'quiet', help: () => l10n.t('print only error findings, and no list of fixed or skipped files') },
      allowEmpty(() => l10n.t('a policy, CloudTrail events or a grant list')),
      jobs,
    ],
  },
  grants: {
    summary: () => l10n.t('Prints every KMS grant and each key\'s life (state, rotation, lifecycle events) from CloudTrail logs and list-grants output.'),
    flags: [format(['text', 'json']), maxFileSize, { name: 'quiet', help: () => l10n.t('no list of skipped files') }, allowEmpty(() => l10n.t('CloudTrail events or a grant list')), jobs],
  },
  format: {
    summary: () => l10n.t('Prints a CloudTrail log (or any JSON) formatted, one event per block, as the editor\'s Format CloudTrail Log does; only white space changes.'),
    operands: '<file|->',
    flags: [{ name: 'write', help: () => l10n.t('rewrite each file in place instead of printing (several files or directories allowed)') }],
  },
  redact: {
    summary: () => l10n.t('Prints a copy with account ids, access keys, principal ids, addresses, session and user names replaced consistently, as the editor\'s Redact for Sharing does.'),
    operands: '<file|->',
    flags: [{ name: 'write', help: () => l10n.t('rewrite each file in place instead of printing (several files or directories allowed)') }],
  },
  simulate: {
    summary: () => l10n.t('Evaluates each KMS event of the logs against a key policy and their grants: what allowed or denied it; exits 1 on a contradiction.'),
    flags: [
      format(['text', 'json']),
      { name: 'policy', value: 'FILE', help: () => l10n.t('the key policy (a policy, get-key-policy output, a Terraform module with one key, or a template\'s key as FILE#LogicalId) of every key --key-policy does not name') },
      { name: 'key-policy', value: 'ARN=FILE', multiple: true, help: () => l10n.t('the key policy of one key (repeatable; a CloudFormation template\'s key as ARN=FILE#LogicalId); events on a key with no policy given are "unknown"') },
      { name: 'identity-policy', value: 'FILE', multiple: true, help: () => l10n.t('an IAM policy of the callers (repeatable); without any, a call the key policy leaves to IAM is "delegated"') },
      { name: 'logs', value: 'FILE', multiple: true, help: () => l10n.t('CloudTrail logs or list-grants output read for their grants only (repeatable)') },
      maxFileSize,
      { name: 'quiet', help: () => l10n.t('print only the events whose decision contradicts what happened, and no list of skipped files') },
      allowEmpty(() => l10n.t('CloudTrail events')),
    ],
  },
  access: {
    summary: () => l10n.t('Says who can do what with a key, by principal, from its key policy (a file, get-key-policy output, a template, a Terraform module); with --logs, what no event used.'),
    flags: [
      format(['text', 'json']),
      maxFileSize,
      { name: 'quiet', help: () => l10n.t('no list of skipped files') },
      allowEmpty(() => l10n.t('a key policy')),
      { name: 'logs', value: 'FILE', multiple: true, help: () => l10n.t('CloudTrail logs (repeatable): also list the Allow statements and grants that no event on the key used, over the period the logs cover') },
      { name: 'key', value: 'ARN', help: () => l10n.t('with --logs: the key the policies are for (default: the one key the logs name, if they name only one)') },
    ],
  },
  'generate-policy': {
    summary: () => l10n.t('Prints a least-privilege key policy for one key from CloudTrail logs: the account root statement, and exactly the principals, operations, calling services and encryption context the successful calls show.'),
    flags: [
      { name: 'key', value: 'ARN', help: () => l10n.t('the key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID); required') },
      maxFileSize,
      { name: 'quiet', help: () => l10n.t('no summary of the calls used, and no list of skipped files') },
      allowEmpty(() => l10n.t('CloudTrail events')),
    ],
  },
};

/** What `--help` and `--version` are; every command takes them too. */
export const GLOBAL_FLAGS: readonly (Flag & { short: string })[] = [
  { name: 'help', short: 'h', help: () => l10n.t('print this help') },
  { name: 'version', short: 'v', help: () => l10n.t('print the version of kms-lens') },
];

/** The language of the messages; every command takes it (main.ts applies it before anything is said). */
export const LOCALE_FLAG: Flag = {
  name: 'locale',
  value: LOCALES.join('|'),
  help: () => l10n.t('language of the messages: en, it or es (default: from LC_ALL, LC_MESSAGES or LANG, e.g. it_IT.UTF-8; else en)'),
};

export type FlagValues = Record<string, string | string[] | boolean | undefined>;

export interface ParsedCommand {
  values: FlagValues;
  /** Files, directories, and `-` for standard input, as given. */
  inputs: string[];
}

/** Levenshtein distance, for "did you mean" (names are short). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

function unknownOption(command: CommandName, option: string): UsageError {
  const name = option.replace(/^-+/, '').replace(/=.*$/, '');
  const known = COMMANDS[command].flags.map((f) => f.name);
  const near = known.map((k) => ({ k, d: distance(name, k) })).filter((x) => x.d <= 2).sort((a, b) => a.d - b.d)[0];
  return new UsageError(near ? l10n.t('{0}: unknown option {1}; did you mean --{2}?', command, option, near.k) : l10n.t('{0}: unknown option {1}', command, option));
}

export function localeError(value: unknown): UsageError {
  return new UsageError(l10n.t('--locale must be {0} or {1}, not "{2}"', LOCALES.slice(0, -1).join(', '), LOCALES[LOCALES.length - 1], String(value)));
}

/** Parses a command's arguments against its table; throws a UsageError with one line on any mistake. */
export function parseCommand(command: CommandName, args: readonly string[]): ParsedCommand {
  const spec = COMMANDS[command];
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const f of spec.flags) options[f.name] = { type: f.value ? 'string' : 'boolean', multiple: f.multiple === true };
  for (const f of GLOBAL_FLAGS) options[f.name] = { type: 'boolean', short: f.short };
  options[LOCALE_FLAG.name] = { type: 'string' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (err) {
    const e = err as { code?: string; message: string };
    const option = /'(-[^']*)'/.exec(e.message)?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw unknownOption(command, option);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const flag = spec.flags.find((f) => option.includes(`--${f.name}`));
      const name = option.replace(/ .*$/, '');
      throw new UsageError(flag?.value ? l10n.t('{0}: {1} needs a value ({2})', command, name, flag.value) : l10n.t('{0}: {1} takes no value', command, name));
    }
    throw new UsageError(`${command}: ${e.message.split('\n')[0]}`);
  }
  const values = parsed.values as FlagValues;
  for (const f of spec.flags) {
    const v = values[f.name];
    if (f.choices && typeof v === 'string' && !f.choices.includes(v)) throw new UsageError(l10n.t('{0}: --{1} must be {2} or {3}, not "{4}"', command, f.name, f.choices.slice(0, -1).join(', '), f.choices[f.choices.length - 1], v));
  }
  const locale = values[LOCALE_FLAG.name];
  if (locale !== undefined && (typeof locale !== 'string' || !isLocale(locale))) throw localeError(locale);
  return { values, inputs: parsed.positionals };
}

function flagLines(flags: readonly Flag[], short?: (f: Flag) => string | undefined): string[] {
  const heads = flags.map((f) => `${short?.(f) ? `-${short(f)}, ` : ''}--${f.name}${f.value ? ` ${f.value}` : ''}`);
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return flags.map((f, i) => `  ${heads[i].padEnd(width)}${f.help()}`);
}

/** `--help`: every command and every flag of the tables, with its one line, in the language of the run. */
export function usage(): string {
  const lines = [
    l10n.t('Usage:'),
    ...(Object.keys(COMMANDS) as CommandName[]).map((c) => l10n.t('  kms-lens {0} [options] {1}', c, COMMANDS[c].operands ?? '<file|dir|->...')),
    '  kms-lens --version | --help',
    '',
    // The list is the one the directory walk uses, so the help cannot fall behind it (it once left out YAML and Terraform).
    l10n.t('Directories are searched recursively for {0} files', [...ANALYSED_EXTENSIONS, '.json.gz'].map((e) => `*${e}`).join(', ')),
    l10n.t('(.json.gz, as CloudTrail delivers its logs, is read decompressed; --fix leaves archives unchanged).'),
    l10n.t('CloudTrail digest files (CloudTrail-Digest/) are passed by. check and grants read the files on every core (--jobs).'),
    l10n.t('A - reads standard input: {0}', 'aws kms get-key-policy --key-id ID --query Policy --output text | kms-lens check -'),
    l10n.t('Inputs that are not what the command reads are listed as skipped, with the reason.'),
    l10n.t('The text format of check ends each file with what it was read as (a key policy, a trust policy, ...).'),
  ];
  for (const [name, spec] of Object.entries(COMMANDS)) {
    lines.push('', `kms-lens ${name}: ${spec.summary()}`, ...flagLines(spec.flags));
  }
  lines.push(
    '',
    l10n.t('KIND (--kind) is one of {0}.', POLICY_KINDS.join(', ')),
    '',
    l10n.t('Every command:'),
    ...flagLines([...GLOBAL_FLAGS, LOCALE_FLAG], (f) => (f as Flag & { short?: string }).short),
    '',
    l10n.t('Exit status: 0 no error finding; 1 error findings (check); 2 a usage error, a file that could\nnot be read (the others are still read), or nothing analysed (unless --allow-empty).'),
    l10n.t('A file skipped for a limit (--max-file-size, nesting deeper than the core reads) is always said\non stderr and makes the exit status 2; format and redact exit 2 on such a file and write nothing for it.'),
  );
  return lines.join('\n') + '\n';
}
