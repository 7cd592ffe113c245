/**
 * The 40 MiB CloudTrail log: `kms-lens check` against a bare
 * `node -e "JSON.parse(...)"` of the same file and against jq reading it, in
 * one run. Also: the same check with the CloudTrail event rules off (what the
 * rules cost), and on the gzipped log as CloudTrail delivers it (against
 * `gzip -dc | jq`). Goal (issue 13): check within 1.8x the JSON.parse time and
 * 1.3x its peak memory.
 */
import * as fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { allRules } from '../../src/core';
import { generateLog } from './generateLog';
import { cachedFile, CLI, LOG_40MIB, measureCommand, measureNode, printTable, type Measurement } from './harness';
import { recordTarget } from './targets';

/**
 * Runs the commands in turns (a, b, c, a, b, c, ...) and keeps each one's median time and
 * highest peak memory: on a machine shared with other work, load then falls on all of them alike.
 */
function interleaved(rounds: number, commands: Array<() => Measurement | undefined>): Array<Measurement | undefined> {
  const samples = commands.map(() => [] as Measurement[]);
  for (let r = 0; r < rounds; r++) {
    commands.forEach((run, i) => {
      const m = run();
      if (m) samples[i].push(m);
    });
  }
  return samples.map((ms) => {
    if (ms.length === 0) return undefined;
    const times = ms.map((m) => m.ms).sort((a, b) => a - b);
    return { label: ms[0].label, ms: times[Math.floor(times.length / 2)], maxRssMB: Math.max(...ms.map((m) => m.maxRssMB)) };
  });
}

export function run(): void {
  // v2: the generator logs DescribeKey, ReEncrypt and RetireGrant with the shapes KMS really uses.
  const file = cachedFile(LOG_40MIB, () => generateLog(40 * 1024 * 1024));
  const gz = `${file}.gz`;
  if (!fs.existsSync(gz)) fs.writeFileSync(gz, gzipSync(fs.readFileSync(file)));
  const rulesOff = allRules.filter((r) => r.id.startsWith('ct-')).flatMap((r) => ['--rule', `${r.id}=off`]);

  const [parse, check, noEventRules, jq] = interleaved(5, [
    () => measureNode('node -e JSON.parse(file) (baseline)', ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`], 1),
    () => measureNode('kms-lens check --format json', [CLI, 'check', '--format', 'json', file], 1),
    () => measureNode('kms-lens check, CloudTrail rules off', [CLI, 'check', '--format', 'json', ...rulesOff, file], 1),
    () => measureCommand('jq length of .Records', 'jq', ['.Records | length', file], 1),
  ]);
  printTable('CloudTrail log, 40 MiB, one line', [parse!, check!, noEventRules!, ...(jq ? [jq] : [])], parse!);
  recordTarget('kms-lens check, 40 MiB log: wall time / JSON.parse', check!.ms / parse!.ms, 1.8, 'x');
  recordTarget('kms-lens check, 40 MiB log: peak memory / JSON.parse', check!.maxRssMB / parse!.maxRssMB, 1.3, 'x');

  const [checkGz, jqGz] = interleaved(3, [
    () => measureNode('kms-lens check on the .json.gz', [CLI, 'check', '--format', 'json', gz], 1),
    () => (jq ? measureCommand('gzip -dc | jq length of .Records', 'sh', ['-c', `gzip -dc ${JSON.stringify(gz)} | jq '.Records | length'`], 1) : undefined),
  ]);
  printTable('The same log gzipped, as CloudTrail delivers it (ratios to the JSON.parse baseline above)', [parse!, checkGz!, ...(jqGz ? [jqGz] : [])], parse!);
}
