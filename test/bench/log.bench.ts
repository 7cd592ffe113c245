/**
 * The 40 MiB CloudTrail log: `kms-lens check` against a bare
 * `node -e "JSON.parse(...)"` of the same file and against jq reading it.
 */
import { generateLog } from './generateLog';
import { cachedFile, CLI, measureCommand, measureNode, printTable } from './harness';

export function run(): void {
  const file = cachedFile('cloudtrail-40MiB-v2.json', () => generateLog(40 * 1024 * 1024));
  const parse = measureNode('node -e JSON.parse(file) (baseline)', ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]);
  const check = measureNode('kms-lens check --format json', [CLI, 'check', '--format', 'json', file]);
  const jq = measureCommand('jq length of .Records', 'jq', ['.Records | length', file]);
  printTable('CloudTrail log, 40 MiB, one line', [parse, check, ...(jq ? [jq] : [])], parse);
}
