/**
 * Grants indexing of the 40 MiB CloudTrail log, side by side with a bare
 * `node -e "JSON.parse(...)"` of the same file (goal: within 1.5 times) and
 * with the equivalent jq query (goal: faster). `npm run bench grants`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { generateLog } from './generateLog';
import { cachedFile, CLI, measureCommand, measureNode, printTable } from './harness';

/** The grant lifecycle in jq: every grant event of KMS, grouped by grant id. */
const JQ_GRANTS = '[.Records[] | select(.eventSource == "kms.amazonaws.com" and (.eventName == "CreateGrant" or .eventName == "RetireGrant" or .eventName == "RevokeGrant"))'
  + ' | {grantId: (.responseElements.grantId // .additionalEventData.grantId // .requestParameters.grantId), eventName, eventTime, errorCode,'
  + ' key: (.responseElements.keyId // .requestParameters.keyId)}] | group_by(.grantId) | length';

export function run(): void {
  const file = cachedFile('cloudtrail-40MiB.json', () => generateLog(40 * 1024 * 1024));
  const indexOnce = path.join(__dirname, 'grantsIndexOnce.js');
  const phases = spawnSync(process.execPath, [indexOnce, file], { encoding: 'utf8' });
  if (phases.status !== 0) throw new Error(`indexing failed: ${phases.stderr}`);
  console.log(`\nGrants indexing, one run in process: ${phases.stderr.trim()}`);

  const parse = measureNode('node -e JSON.parse(file) (baseline)', ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`], 5);
  const index = measureNode('grants index (read + model + grants)', [indexOnce, file], 5);
  const cli = measureNode('kms-lens grants --format json', [CLI, 'grants', '--format', 'json', file], 5);
  const jq = measureCommand('jq: grant events grouped by grant id', 'jq', [JQ_GRANTS, file], 3);
  printTable('Grants of a CloudTrail log, 40 MiB, one line', [parse, index, cli, ...(jq ? [jq] : [])], parse);
  const verdict = (m: { ms: number }): string => `${(m.ms / parse.ms).toFixed(2)}x JSON.parse (goal <= 1.5x)${jq ? `, ${(m.ms / jq.ms).toFixed(2)}x jq (goal < 1x)` : ''}`;
  console.log(`grants index: ${verdict(index)}; kms-lens grants: ${verdict(cli)}`);
}
