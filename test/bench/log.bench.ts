/**
 * The 40 MiB CloudTrail log: `kms-lens check` against a bare
 * `node -e "JSON.parse(...)"` of the same file and against jq reading it, in
 * one run. Also: the same check with the CloudTrail event rules off (what the
 * rules cost), and on the gzipped log as CloudTrail delivers it (against
 * `gzip -dc | jq`). Goal (issue 5): check within 2.5x the JSON.parse time and
 * 2x its peak memory.
 */
import * as fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { allRules } from '../../src/core';
import { generateLog } from './generateLog';
import { cachedFile, CLI, measureCommand, measureNode, printTable } from './harness';

export function run(): void {
  // v2: the generator logs DescribeKey, ReEncrypt and RetireGrant with the shapes KMS really uses.
  const file = cachedFile('cloudtrail-40MiB-v2.json', () => generateLog(40 * 1024 * 1024));
  const gz = `${file}.gz`;
  if (!fs.existsSync(gz)) fs.writeFileSync(gz, gzipSync(fs.readFileSync(file)));
  const rulesOff = allRules.filter((r) => r.id.startsWith('ct-')).flatMap((r) => ['--rule', `${r.id}=off`]);

  const parse = measureNode('node -e JSON.parse(file) (baseline)', ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]);
  const check = measureNode('kms-lens check --format json', [CLI, 'check', '--format', 'json', file]);
  const noEventRules = measureNode('kms-lens check, CloudTrail rules off', [CLI, 'check', '--format', 'json', ...rulesOff, file]);
  const jq = measureCommand('jq length of .Records', 'jq', ['.Records | length', file]);
  printTable('CloudTrail log, 40 MiB, one line', [parse, check, noEventRules, ...(jq ? [jq] : [])], parse);

  const checkGz = measureNode('kms-lens check on the .json.gz', [CLI, 'check', '--format', 'json', gz]);
  const jqGz = jq ? measureCommand('gzip -dc | jq length of .Records', 'sh', ['-c', `gzip -dc ${JSON.stringify(gz)} | jq '.Records | length'`]) : undefined;
  printTable('The same log gzipped, as CloudTrail delivers it', [parse, checkGz, ...(jqGz ? [jqGz] : [])], parse);
}
