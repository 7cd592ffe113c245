/**
 * `kms-lens access POLICY... [--format text|json] [--logs FILE]... [--key ARN]`:
 * the access summary of each key policy the files hold (core:
 * access/summary.ts), who can do what with the key under which conditions.
 * With --logs, also the Allow statements and grants of the key that no event
 * in the logs used, over the period they cover (core: access/unused.ts);
 * nothing is said about use when the logs hold no event on the key. Exit 0,
 * or 2 when a file cannot be read or none holds a key policy.
 */
import * as l10n from '@vscode/l10n';
import { formatTime, getKmsLensService, type AccessEntry, type GrantsSource, type PolicyModel, type UnusedAccess } from '../core';
import { parseCommand, UsageError, type FlagValues } from './args';
import type { InputFile, ReadFile, Skipped } from './files';

const core = getKmsLensService();

interface Out {
  out(text: string): void;
  err(text: string): void;
  stdin?: () => string;
}

export interface AccessKit {
  readAll(inputs: readonly string[], io: Out): { files: Array<{ file: InputFile; input: ReadFile }>; errors: string[]; skipped: Skipped[] };
  finish(command: 'access', io: Out, values: FlagValues, errors: readonly string[], skipped: readonly Skipped[], analysed: number, what: string): number | undefined;
  maxFileSizeFrom(values: FlagValues): number;
}

interface FileSummary {
  file: string;
  /** 0-based position of the policy among the file's key policies (a template can hold several). */
  policy: number;
  entries: AccessEntry[];
  unread: number;
  /** With --logs: what no event used, or null when the logs hold no event on the key (or the key is not known). */
  unused?: JsonUnused | null;
}

interface JsonUnused {
  key: string;
  period: { from: string; to: string };
  events: number;
  statements: Array<{ sid: string | null; index: number }>;
  grants: string[];
}

/** Which key the policies are for: --key, or the one key the logs name. */
function keyFor(values: FlagValues, logs: readonly GrantsSource[]): { key?: string; note?: string } {
  const given = values.key as string | undefined;
  if (given !== undefined) {
    const key = core.keyArn(given.trim());
    if (!key) throw new UsageError(l10n.t('{0}: --key expects a key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID), got "{1}"', 'access', given));
    return { key };
  }
  const keys = [...core.keysOfLogs(logs)];
  if (keys.length === 1) return { key: keys[0] };
  return { note: keys.length === 0 ? l10n.t('the logs hold no KMS event on a key') : l10n.t('the logs name {0} keys; give --key ARN to say which one the policy is for', keys.length) };
}

function unusedOf(policy: PolicyModel, key: string | undefined, logs: readonly GrantsSource[]): UnusedAccess | undefined {
  if (!key) return undefined;
  // The file is taken as the key's current policy: events before a change the logs show are left out.
  return core.unusedAccess({ policy, keyArn: key, sources: logs, current: true });
}

function jsonUnused(u: UnusedAccess | undefined, key: string | undefined): JsonUnused | null {
  if (!u || !key) return null;
  return {
    key,
    period: u.period,
    events: u.events,
    statements: u.statements.map((s) => ({ sid: s.ref.sid ?? null, index: s.ref.index })),
    grants: u.grants.map((g) => g.grantId),
  };
}

function unusedLines(u: UnusedAccess | undefined, key: string | undefined, note: string | undefined): string[] {
  if (!key) return [l10n.t('Unused access: not told ({0}).', note ?? l10n.t('no key'))];
  if (!u) return [l10n.t('Unused access: not told: the logs hold no event on {0}.', key)];
  // The period once, in the header, in the way KMS Lens writes times (the JSON keeps ISO 8601).
  const span = u.period.from === u.period.to ? l10n.t('at {0}', formatTime(u.period.from)) : l10n.t('between {0} and {1}', formatTime(u.period.from), formatTime(u.period.to));
  const events = u.events === 1 ? l10n.t('1 event on the key') : l10n.t('{0} events on the key', u.events);
  if (u.statements.length === 0 && u.grants.length === 0) return [l10n.t('Unused access: none; every Allow statement and grant was used by the {0} {1}.', events, span)];
  const out = [l10n.t('Unused access ({0} {1}):', events, span)];
  for (const s of u.statements) out.push(`  ${s.ref.sid ? l10n.t('statement {0} ({1}): not used', s.ref.index, s.ref.sid) : l10n.t('statement {0}: not used', s.ref.index)}`);
  for (const g of u.grants) out.push(`  ${l10n.t('grant {0}: not used', g.grantId)}`);
  return out;
}

export function accessCommand(args: string[], io: Out, kit: AccessKit): number {
  const { values, inputs } = parseCommand('access', args);
  const maxFileSize = kit.maxFileSizeFrom(values);
  const { files, errors, skipped } = kit.readAll(inputs, io);
  const logPaths = (values.logs as string[] | undefined) ?? [];
  const withLogs = logPaths.length > 0;
  const logFiles = withLogs ? kit.readAll(logPaths, io) : { files: [], errors: [], skipped: [] };
  errors.push(...logFiles.errors);
  skipped.push(...logFiles.skipped);
  const logs: GrantsSource[] = [];
  for (const { file, input } of logFiles.files) {
    const model = core.parse(input.text, input.hints, { maxFileSize });
    if (model.kind === 'cloudTrail') logs.push({ id: file.display, model });
    else skipped.push({ file: file.display, reason: l10n.t('not CloudTrail events (--logs)') });
  }
  const { key, note } = withLogs ? keyFor(values, logs) : {};
  const results: FileSummary[] = [];
  const text: string[] = [];
  let analysed = 0;
  for (const { file, input } of files) {
    const model = core.parse(input.text, input.hints, { maxFileSize });
    const policies = core.keyPolicies(model);
    // A .tf file while the Terraform parser is missing (main.ts said why): unread, not "not a key policy".
    if (model.pending) {
      skipped.push({ file: file.display, reason: l10n.t('not analysed: the Terraform parser did not load'), limit: true });
      continue;
    }
    if (policies.length === 0) {
      skipped.push({ file: file.display, reason: model.kind === 'other' ? l10n.t('not a key policy') : l10n.t('not a key policy (read as {0})', core.readAs(model)) });
      continue;
    }
    analysed++;
    policies.forEach((policy, i) => {
      const summary = core.accessSummary(policy);
      const result: FileSummary = { file: file.display, policy: i, entries: summary.entries, unread: summary.unread };
      text.push(policies.length > 1 ? l10n.t('{0} (key policy {1} of {2}):', file.display, i + 1, policies.length) : `${file.display}:`);
      for (const line of core.describeAccessSummary(summary)) text.push(`  ${line}`);
      if (withLogs) {
        const unused = unusedOf(policy, key, logs);
        result.unused = jsonUnused(unused, key);
        for (const line of unusedLines(unused, key, note)) text.push(`  ${line}`);
      }
      results.push(result);
      text.push('');
    });
  }
  if (values.format === 'json') io.out(JSON.stringify(results, null, 2) + '\n');
  else io.out(text.join('\n'));
  return kit.finish('access', io, values, errors, skipped, analysed, l10n.t('a key policy')) ?? 0;
}
