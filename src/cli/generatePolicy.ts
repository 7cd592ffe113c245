/**
 * `kms-lens generate-policy LOGS... --key ARN`: a least-privilege key policy
 * for the key from the successful calls the logs show (core:
 * access/generate.ts), printed as JSON on stdout; what it was built from on
 * stderr. Exit 0, or 2 on a usage or read error, or when no log was read.
 */
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

const WHAT = 'CloudTrail events';

export function generatePolicyCommand(args: string[], io: Out, kit: GenerateKit): number {
  const { values, inputs } = parseCommand('generate-policy', args);
  const written = (values.key as string | undefined)?.trim();
  if (!written) throw new UsageError('generate-policy: --key ARN is required (the key whose policy to write)');
  const keyArn = core.keyArn(written);
  if (!keyArn) throw new UsageError(`generate-policy: --key expects a key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID), got "${written}"`);
  const maxFileSize = kit.maxFileSizeFrom(values);
  const { files, errors, skipped } = kit.readAll(inputs, io);
  const sources = [];
  for (const { file, input } of files) {
    const model = core.parse(input.text, input.hints, { maxFileSize });
    if (model.kind === 'cloudTrail') sources.push({ id: file.display, model });
    else skipped.push({ file: file.display, reason: `not ${WHAT}` });
  }
  const status = kit.finish('generate-policy', io, values, errors, skipped, sources.length, WHAT);
  if (status !== undefined) return status;
  const policy = core.generateKeyPolicy(sources, keyArn);
  if (!policy) throw new UsageError(`generate-policy: --key expects a key ARN, got "${written}"`);
  io.out(policy.text);
  if (!values.quiet) {
    io.err(policy.calls === 0
      ? `kms-lens: no successful call on ${keyArn} in the logs: the policy has the account root statement only\n`
      : `kms-lens: from ${policy.calls} successful ${policy.calls === 1 ? 'call' : 'calls'} by ${policy.principals} ${policy.principals === 1 ? 'principal' : 'principals'}, ${policy.from} to ${policy.to}\n`);
  }
  return 0;
}
