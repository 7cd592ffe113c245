/**
 * `kms-lens generate-policy LOGS... --key ARN`: a least-privilege key policy
 * for the key from the successful calls the logs show (core:
 * access/generate.ts), printed as JSON on stdout; what it was built from on
 * stderr. Exit 0, or 2 on a usage or read error, or when no log was read.
 */
import * as l10n from '@vscode/l10n';
import { getKmsLensService } from '../core';
import { parseCommand, UsageError, type FlagValues } from './args';
import type { InputFile, ReadFile, Skipped } from './files';

const core = getKmsLensService();

interface Out {
  out(text: string): void;
  err(text: string): void;
  stdin?: () => string;
}

export interface GenerateKit {
  readAll(inputs: readonly string[], io: Out): { files: Array<{ file: InputFile; input: ReadFile }>; errors: string[]; skipped: Skipped[] };
  finish(command: 'generate-policy', io: Out, values: FlagValues, errors: readonly string[], skipped: readonly Skipped[], analysed: number, what: string): number | undefined;
  maxFileSizeFrom(values: FlagValues): number;
}

const WHAT = (): string => l10n.t('CloudTrail events');

export function generatePolicyCommand(args: string[], io: Out, kit: GenerateKit): number {
  const { values, inputs } = parseCommand('generate-policy', args);
  const written = (values.key as string | undefined)?.trim();
  if (!written) throw new UsageError(l10n.t('generate-policy: --key ARN is required (the key whose policy to write)'));
  const keyArn = core.keyArn(written);
  if (!keyArn) throw new UsageError(l10n.t('{0}: --key expects a key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID), got "{1}"', 'generate-policy', written));
  const maxFileSize = kit.maxFileSizeFrom(values);
  const { files, errors, skipped } = kit.readAll(inputs, io);
  const sources = [];
  for (const { file, input } of files) {
    const model = core.parse(input.text, input.hints, { maxFileSize });
    if (model.kind === 'cloudTrail') sources.push({ id: file.display, model });
    else skipped.push({ file: file.display, reason: l10n.t('not {0}', WHAT()) });
  }
  const status = kit.finish('generate-policy', io, values, errors, skipped, sources.length, WHAT());
  if (status !== undefined) return status;
  const policy = core.generateKeyPolicy(sources, keyArn);
  if (!policy) throw new UsageError(l10n.t('generate-policy: --key expects a key ARN, got "{0}"', written));
  io.out(policy.text);
  if (!values.quiet) {
    io.err(policy.calls === 0
      ? `kms-lens: ${l10n.t('no successful call on {0} in the logs: the policy has the account root statement only', keyArn)}\n`
      : `kms-lens: ${l10n.t('from {0} by {1}, {2} to {3}', policy.calls === 1 ? l10n.t('1 successful call') : l10n.t('{0} successful calls', policy.calls), policy.principals === 1 ? l10n.t('1 principal') : l10n.t('{0} principals', policy.principals), policy.from ?? '?', policy.to ?? '?')}\n`);
  }
  return 0;
}
