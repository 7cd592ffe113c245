/**
 * `kms-lens simulate --policy FILE [--identity-policy FILE]... [--logs FILE]... EVENTS...`
 * (or `--key-policy ARN=FILE` per key; a template's key as `FILE#LogicalId`):
 * each KMS event of EVENTS against the key policy, the callers' IAM policies
 * when given, and the grants of --logs and EVENTS.
 *
 * The JSON output is a contract scripts depend on (issue 16): an array with
 * one object per KMS event, `{file, eventID, eventName, principal, keyArn,
 * decision, decidedBy, actual}`, `decidedBy` entries being `{type:
 * "statement", sid, index}` (0-based), `{type: "grant", grantId}` or
 * `{type: "delegation", account}`. Exit 0, or 1 when a decision contradicts
 * what happened (a denied call that succeeded, an allowed one refused as not
 * authorised), 2 on a usage or read error.
 */
import * as l10n from '@vscode/l10n';
import { getKmsLensService, LineIndex, type DocumentModel, type GrantsSource, type NamedPolicy, type SimulatedEvent } from '../core';
import { parseCommand, UsageError, type FlagValues } from './args';
import { collectFiles, readInput, type InputFile, type ReadFile, type Skipped } from './files';

const core = getKmsLensService();

interface Out {
  out(text: string): void;
  err(text: string): void;
  stdin?: () => string;
}

/** What main.ts shares with every command: reading the inputs, and the closing report on stderr. */
export interface CommandKit {
  readAll(inputs: readonly string[], io: Out): { files: Array<{ file: InputFile; input: ReadFile }>; errors: string[]; skipped: Skipped[] };
  finish(command: 'simulate', io: Out, values: FlagValues, errors: readonly string[], skipped: readonly Skipped[], analysed: number, what: string): number | undefined;
  maxFileSizeFrom(values: FlagValues): number;
}

const EVENTS = (): string => l10n.t('CloudTrail events');

/** One file named by a flag, read; a failure is a clear error that stops the run (the result would mean nothing without it). */
function readFlagFile(flag: string, path: string, io: Out): ReadFile {
  const { files, errors } = collectFiles([path]);
  if (errors.length > 0) throw new FlagFileError(`--${flag} ${errors[0]}`);
  if (files.length !== 1) throw new FlagFileError(l10n.t('--{0} {1}: expected one file', flag, path));
  try {
    return readInput(files[0], io.stdin);
  } catch (err) {
    throw new FlagFileError(`--${flag} ${path}: ${(err as Error).message}`);
  }
}

class FlagFileError extends Error {}

function policyArg(flag: string, path: string, io: Out, read: (text: string) => NamedPolicy['model'] | undefined): NamedPolicy {
  const model = read(readFlagFile(flag, path, io).text);
  if (!model || model.statements.length === 0) throw new FlagFileError(l10n.t('--{0} {1}: not a policy (no JSON object with a Statement)', flag, path));
  return { name: path, model };
}

/**
 * A key policy named by --policy or --key-policy: a policy, get-key-policy
 * output, or a CloudFormation template's AWS::KMS::Key (`template.yaml#LogicalId`,
 * or the template's only key), read as `kmsLens.keyPolicies` reads its files.
 */
function keyPolicyArg(flag: string, written: string, io: Out, maxFileSize: number): NamedPolicy {
  const hash = written.lastIndexOf('#');
  const logicalId = hash > 0 ? written.slice(hash + 1).trim() : '';
  // `file#` or a file whose name holds '#' with nothing after it: the whole text is the path.
  const path = logicalId ? written.slice(0, hash) : written;
  const input = readFlagFile(flag, path, io);
  const model = core.parse(input.text, input.hints, { maxFileSize });
  const found = core.keyPolicyOfMappedFile(model, logicalId || undefined);
  if ('problem' in found) {
    // What is wrong with a file that holds policies (a template, a Terraform module: no such key, several keys,
    // the parser missing) is said as is; any other file is simply not a policy.
    const holder = model.kind === 'cloudFormation' || model.kind === 'terraform' || model.kind === 'configuration' || model.pending === true;
    const problem = logicalId || holder ? found.problem : l10n.t('not a policy (no JSON object with a Statement)');
    throw new FlagFileError(`--${flag} ${written}: ${problem}`);
  }
  return { name: written, model: found.model };
}

/**
 * The models of the files. Simulate says nothing about syntax, so a big log's events are not
 * counted for duplicate keys (a member count of every event, about a tenth of JSON.parse's time).
 */
function sourcesOf(files: Array<{ file: InputFile; input: ReadFile }>, maxFileSize: number): Array<GrantsSource & { text: string }> {
  return files.map(({ file, input }) => ({ id: file.display, text: input.text, model: core.parse(input.text, input.hints, { maxFileSize, duplicateKeys: false }) }));
}

/** The objects of the JSON contract, and nothing else: the order of the fields is the contract's. */
function jsonResult(r: SimulatedEvent): Record<string, unknown> {
  return {
    file: r.file,
    eventID: r.eventID ?? null,
    eventName: r.eventName ?? null,
    principal: r.principal ?? null,
    keyArn: r.keyArn ?? null,
    decision: r.decision,
    decidedBy: r.decidedBy,
    actual: r.actual,
  };
}

const CONTRADICTION_TEXT = {
  succeededButDenied: () => l10n.t('the call succeeded, but this policy and these grants deny it: the key\'s real policy or grants differ'),
  refusedButAllowed: () => l10n.t('the call was refused as not authorised, but this policy and these grants allow it: the key\'s real policy or grants differ'),
};

function textReport(results: readonly SimulatedEvent[], texts: ReadonlyMap<string, string>, quiet: boolean): string {
  const lines = new Map<string, LineIndex>();
  const at = (r: SimulatedEvent): string => {
    let index = lines.get(r.file);
    if (!index) lines.set(r.file, (index = new LineIndex(texts.get(r.file) ?? '')));
    return `${r.file}:${index.positionAt(r.start).line + 1}`;
  };
  const out: string[] = [];
  const counts = new Map<string, number>();
  let contradictions = 0;
  for (const r of results) {
    counts.set(r.decision, (counts.get(r.decision) ?? 0) + 1);
    if (r.contradiction) contradictions++;
    if (quiet && !r.contradiction) continue;
    const who = r.principal ?? l10n.t('an unknown caller');
    // The decision stays its id (allow, implicitDeny, ...), as in the JSON output and the docs; the words around it are the user's language.
    const call = r.actual === 'failure' ? l10n.t('{0} by {1} (failed)', r.eventName ?? '?', who) : l10n.t('{0} by {1}', r.eventName ?? '?', who);
    out.push(`${at(r)} ${call}: ${r.decision}. ${r.explanation ?? ''}`);
    if (r.contradiction) out.push(`  ${l10n.t('contradiction: {0}', CONTRADICTION_TEXT[r.contradiction]())}`);
  }
  const tally = [...counts].map(([d, n]) => `${n} ${d}`).join(', ');
  const events = results.length === 1 ? l10n.t('1 KMS event') : l10n.t('{0} KMS events', results.length);
  const contradicted = contradictions === 1 ? l10n.t('1 contradiction') : l10n.t('{0} contradictions', contradictions);
  out.push(`${events}${tally ? ` (${tally})` : ''}, ${contradicted}`);
  return out.join('\n') + '\n';
}

export function simulateCommand(args: string[], io: Out, kit: CommandKit): number {
  const { values, inputs } = parseCommand('simulate', args);
  const policyPath = values.policy as string | undefined;
  const mapped = (values['key-policy'] as string[] | undefined) ?? [];
  if (!policyPath && mapped.length === 0) throw new UsageError(l10n.t('simulate: --policy FILE is required (the key policy to evaluate the events against), or --key-policy ARN=FILE for each key'));
  const pairs = mapped.map((m) => {
    const at = m.lastIndexOf('=');
    const arn = core.keyArn(m.slice(0, at).trim());
    if (at <= 0 || !arn || at === m.length - 1) throw new UsageError(l10n.t('simulate: --key-policy expects ARN=FILE with a key ARN, got "{0}"', m));
    return { arn, file: m.slice(at + 1) };
  });
  const maxFileSize = kit.maxFileSizeFrom(values);
  let keyPolicy: NamedPolicy | undefined;
  const keyPolicies = new Map<string, NamedPolicy>();
  let identityPolicies: NamedPolicy[];
  try {
    if (policyPath) keyPolicy = keyPolicyArg('policy', policyPath, io, maxFileSize);
    for (const { arn, file } of pairs) keyPolicies.set(arn, keyPolicyArg('key-policy', file, io, maxFileSize));
    identityPolicies = ((values['identity-policy'] as string[] | undefined) ?? []).map((p) => policyArg('identity-policy', p, io, (t) => core.identityPolicyFromText(t)));
  } catch (err) {
    if (!(err instanceof FlagFileError)) throw err;
    io.err(`kms-lens: ${err.message}\n`);
    return 2;
  }
  const logPaths = (values.logs as string[] | undefined) ?? [];
  const logs = logPaths.length > 0 ? kit.readAll(logPaths, io) : { files: [], errors: [], skipped: [] };
  const events = kit.readAll(inputs, io);
  const logSources = sourcesOf(logs.files, maxFileSize);
  const eventSources = sourcesOf(events.files, maxFileSize);
  const skipped: Skipped[] = [...logs.skipped, ...events.skipped];
  const isLog = (m: DocumentModel): boolean => m.kind === 'cloudTrail' || m.kind === 'listGrants';
  for (const s of logSources) if (!isLog(s.model)) skipped.push({ file: s.id, reason: l10n.t('not CloudTrail events or a grant list (--logs)') });
  for (const s of eventSources) if (s.model.kind !== 'cloudTrail') skipped.push({ file: s.id, reason: l10n.t('not {0}', EVENTS()) });

  const results = core.simulate({
    keyPolicy,
    keyPolicies,
    identityPolicies,
    logs: logSources.filter((s) => isLog(s.model)),
    events: eventSources.filter((s) => s.model.kind === 'cloudTrail'),
    explain: values.format !== 'json',
  });
  if (values.format === 'json') {
    const shown = values.quiet ? results.filter((r) => r.contradiction) : results;
    // One object per line: readable, and a fraction of the cost of indenting every field of a big log.
    io.out(shown.length === 0 ? '[]\n' : `[\n${shown.map((r) => `  ${JSON.stringify(jsonResult(r))}`).join(',\n')}\n]\n`);
  } else {
    io.out(textReport(results, new Map(eventSources.map((s) => [s.id, s.text])), values.quiet === true));
  }
  const analysed = eventSources.filter((s) => s.model.kind === 'cloudTrail').length;
  const status = kit.finish('simulate', io, values, [...logs.errors, ...events.errors], skipped, analysed, EVENTS());
  if (status !== undefined) return status;
  return results.some((r) => r.contradiction) ? 1 : 0;
}
