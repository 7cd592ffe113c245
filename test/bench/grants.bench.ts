/**
 * Grants indexing of the 40 MiB CloudTrail log, side by side with a bare
 * `node -e "JSON.parse(...)"` of the same file (goal, issue 13: within 1.3
 * times, peak memory within 1.3 times) and with the equivalent jq query
 * (goal: faster). `npm run bench grants`.
 *
 * Wall time (the harness's table) swings with the load of a shared machine, so
 * a second table gives CPU time (user + system, from bash's `time`), which
 * moves much less with other people's work.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { generateLog } from './generateLog';
import { cachedFile, CLI, LOG_40MIB, measureCommand, measureNode, printTable } from './harness';
import { recordTarget } from './targets';

/** The grant lifecycle in jq: every grant event of KMS, grouped by grant id. */
const JQ_GRANTS = '[.Records[] | select(.eventSource == "kms.amazonaws.com" and (.eventName == "CreateGrant" or .eventName == "RetireGrant" or .eventName == "RevokeGrant"))'
  + ' | {grantId: (.responseElements.grantId // .additionalEventData.grantId // .requestParameters.grantId), eventName, eventTime, errorCode,'
  + ' key: (.responseElements.keyId // .requestParameters.keyId)}] | group_by(.grantId) | length';

export interface CpuMeasurement {
  label: string;
  /** Median user + system CPU time over the runs, ms. */
  cpuMs: number;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs a command under bash's `time`; undefined if bash or the command is missing. */
export function measureCpu(label: string, argv: string[], runs: number): CpuMeasurement | undefined {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const script = `TIMEFORMAT='%U %S'; time ${argv.map(quote).join(' ')} >/dev/null 2>/dev/null`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
    if (r.status !== 0 || !m) return undefined;
    samples.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  samples.sort((a, b) => a - b);
  return { label, cpuMs: samples[Math.floor(samples.length / 2)] };
}

export function run(): void {
  const file = cachedFile(LOG_40MIB, () => generateLog(40 * 1024 * 1024));
  const indexOnce = path.join(__dirname, 'grantsIndexOnce.js');
  const phases = spawnSync(process.execPath, [indexOnce, file], { encoding: 'utf8' });
  if (phases.status !== 0) throw new Error(`indexing failed: ${phases.stderr}`);
  console.log(`\nGrants indexing, one run in process: ${phases.stderr.trim()}`);

  const parseArgs = ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`];
  const parse = measureNode('node -e JSON.parse(file) (baseline)', parseArgs, 5);
  const model = measureNode('document model only (read + model; shared with diagnostics)', [indexOnce, file, '--model-only'], 5);
  const index = measureNode('grants index (read + model + grants)', [indexOnce, file], 5);
  const cli = measureNode('kms-lens grants --format json', [CLI, 'grants', '--format', 'json', file], 5);
  const jq = measureCommand('jq: grant events grouped by grant id', 'jq', [JQ_GRANTS, file], 3);
  printTable('Grants of a CloudTrail log, 40 MiB, one line (wall time)', [parse, model, index, cli, ...(jq ? [jq] : [])], parse);

  const cpu = [
    measureCpu('node -e JSON.parse(file) (baseline)', [process.execPath, ...parseArgs], 5),
    measureCpu('document model only (read + model; shared with diagnostics)', [process.execPath, indexOnce, file, '--model-only'], 5),
    measureCpu('grants index (read + model + grants)', [process.execPath, indexOnce, file], 5),
    measureCpu('kms-lens grants --format json', [process.execPath, CLI, 'grants', '--format', 'json', file], 5),
    measureCpu('jq: grant events grouped by grant id', ['jq', JQ_GRANTS, file], 3),
  ].filter((m): m is CpuMeasurement => m !== undefined);
  const base = cpu[0];
  if (base) {
    console.log('\nThe same, CPU time (user + system)');
    console.log('| command | median CPU ms | x baseline |');
    console.log('|---|---:|---:|');
    for (const m of cpu) console.log(`| ${m.label} | ${m.cpuMs.toFixed(0)} | ${(m.cpuMs / base.cpuMs).toFixed(2)} |`);
  }
  const verdict = (m: { ms: number }): string => `${(m.ms / parse.ms).toFixed(2)}x JSON.parse (goal <= 1.3x)${jq ? `, ${(m.ms / jq.ms).toFixed(2)}x jq (goal < 1x)` : ''}`;
  console.log(`\nwall: grants index ${verdict(index)}; kms-lens grants ${verdict(cli)}`);
  recordTarget('kms-lens grants, 40 MiB log: wall time / JSON.parse', cli.ms / parse.ms, 1.3, 'x');
  recordTarget('kms-lens grants, 40 MiB log: peak memory / JSON.parse', cli.maxRssMB / parse.maxRssMB, 1.3, 'x');
  const cpuCli = cpu.find((m) => m.label.startsWith('kms-lens grants'));
  if (base && cpuCli) recordTarget('kms-lens grants, 40 MiB log: CPU time / JSON.parse (less sensitive to load)', cpuCli.cpuMs / base.cpuMs, 1.3, 'x');
}
