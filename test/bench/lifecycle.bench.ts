/**
 * Key lifecycles on the 40 MiB CloudTrail log, against a bare
 * `node -e "JSON.parse(...)"` of the same file: `kms-lens check` (the
 * lifecycle rules run with the others) and `kms-lens grants` (the lifecycle
 * model beside the grants), on the everyday log (no lifecycle event: the
 * rules build nothing more) and on an incident log of the same size (a key
 * disabled, then scheduled for deletion, with thousands of refused calls
 * after it: the rules build the document's keys and report every attempt).
 * `npm run bench lifecycle`.
 */
import { generateEvent, generateLog, rng } from './generateLog';
import { cachedFile, CLI, LOG_40MIB, measureNode, printTable } from './harness';

const USES = new Set(['Decrypt', 'GenerateDataKey', 'Encrypt', 'GenerateDataKeyWithoutPlaintext', 'ReEncrypt']);

/**
 * The everyday log's events, with an incident on one key: DisableKey at 60 %
 * of the day, ScheduleKeyDeletion at 80 %; the key's uses after the DisableKey
 * are refused (DisabledException, then KMSInvalidStateException).
 */
export function generateIncidentLog(targetBytes: number, seed = 1): string {
  const r = rng(seed);
  const keys = Array.from({ length: 8 }, () => `${Math.floor(r() * 1e8).toString(16).padStart(8, '0')}-1b3c-4d5e-8f6a-${Math.floor(r() * 1e12).toString(16).padStart(12, '0')}`);
  const events: Array<Record<string, unknown>> = [];
  let size = 13;
  for (let i = 0; size < targetBytes; i++) {
    const e = generateEvent(r, i, keys);
    events.push(e);
    size += JSON.stringify(e).length + 1;
  }
  const victim = (events[0].resources as Array<{ ARN: string }>)[0].ARN;
  const at = (f: number): number => Math.floor(events.length * f);
  const lifecycle = (eventName: string, base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> =>
    ({ ...base, eventName, requestParameters: { keyId: victim }, responseElements: null, resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: victim }], readOnly: false, awsRegion: victim.split(':')[3], ...extra });
  const disableAt = at(0.6);
  const scheduleAt = at(0.8);
  for (let i = disableAt; i < events.length; i++) {
    const e = events[i];
    if (USES.has(e.eventName as string) && (e.resources as Array<{ ARN: string }>)[0].ARN === victim) {
      e.errorCode = i < scheduleAt ? 'DisabledException' : 'KMSInvalidStateException';
      e.errorMessage = `${victim} is ${i < scheduleAt ? 'disabled' : 'pending deletion'}.`;
    }
  }
  events[disableAt] = lifecycle('DisableKey', events[disableAt], {});
  events[scheduleAt] = lifecycle('ScheduleKeyDeletion', events[scheduleAt], {
    requestParameters: { keyId: victim, pendingWindowInDays: 7 },
    responseElements: { keyId: victim, keyState: 'PendingDeletion', deletionDate: 'Apr 28, 2024 18:00:00 PM', pendingWindowInDays: 7 },
  });
  return `{"Records":[${events.map((e) => JSON.stringify(e)).join(',')}]}`;
}

export function run(): void {
  const everyday = cachedFile(LOG_40MIB, () => generateLog(40 * 1024 * 1024));
  const incident = cachedFile('cloudtrail-incident-40MiB.json', () => generateIncidentLog(40 * 1024 * 1024));
  const parse = (file: string, label: string) => measureNode(label, ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`], 5);
  const base = parse(everyday, 'node -e JSON.parse(file) (baseline)');
  printTable('Key lifecycles, 40 MiB CloudTrail logs, one line (wall time)', [
    base,
    measureNode('kms-lens check, everyday log (no lifecycle event)', [CLI, 'check', '--format', 'json', everyday], 5),
    measureNode('kms-lens check, incident log (DisableKey, ScheduleKeyDeletion, refused calls)', [CLI, 'check', '--format', 'json', incident], 5),
    measureNode('kms-lens grants --format json, everyday log', [CLI, 'grants', '--format', 'json', everyday], 5),
    measureNode('kms-lens grants --format json, incident log', [CLI, 'grants', '--format', 'json', incident], 5),
  ], base);
}
