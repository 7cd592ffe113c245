/**
 * `kms-lens access POLICY... [--format text|json]`: the access summary of
 * each key policy the files hold (core: access/summary.ts), who can do what
 * with the key under which conditions. Exit 0, or 2 when a file cannot be
 * read or none holds a key policy.
 */
import { getKmsLensService, type AccessEntry } from '../core';
import { parseCommand, type FlagValues } from './args';
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

const WHAT = 'a key policy';

interface FileSummary {
  file: string;
  /** 0-based position of the policy among the file's key policies (a template can hold several). */
  policy: number;
  entries: AccessEntry[];
  unread: number;
}

export function accessCommand(args: string[], io: Out, kit: AccessKit): number {
  const { values, inputs } = parseCommand('access', args);
  const maxFileSize = kit.maxFileSizeFrom(values);
  const { files, errors, skipped } = kit.readAll(inputs, io);
  const results: FileSummary[] = [];
  const text: string[] = [];
  let analysed = 0;
  for (const { file, input } of files) {
    const model = core.parse(input.text, input.hints, { maxFileSize });
    const policies = core.keyPolicies(model);
    if (policies.length === 0) {
      skipped.push({ file: file.display, reason: model.kind === 'other' ? `not ${WHAT}` : `not ${WHAT} (read as ${core.readAs(model)})` });
      continue;
    }
    analysed++;
    policies.forEach((policy, i) => {
      const summary = core.accessSummary(policy);
      results.push({ file: file.display, policy: i, entries: summary.entries, unread: summary.unread });
      text.push(policies.length > 1 ? `${file.display} (key policy ${i + 1} of ${policies.length}):` : `${file.display}:`);
      for (const line of core.describeAccessSummary(summary)) text.push(`  ${line}`);
      text.push('');
    });
  }
  if (values.format === 'json') io.out(JSON.stringify(results, null, 2) + '\n');
  else io.out(text.join('\n'));
  return kit.finish('access', io, values, errors, skipped, analysed, WHAT) ?? 0;
}
