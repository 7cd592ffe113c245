/** Key lifecycles on the command line: `kms-lens grants` (JSON and text) and `kms-lens check`, run as users run them. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, runCli } from './helpers';

const WORKSPACE = path.join(FIXTURES, 'workspace');
const FILE = 'lifecycle/key-lifecycle.json';
const PAYROLL = 'arn:aws:kms:us-west-2:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const DEADLINE = 'arn:aws:kms:us-west-2:482913650217:key/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const REPORTS = 'arn:aws:kms:us-west-2:482913650217:key/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

const run = (args: string[]): ReturnType<typeof runCli> => runCli(args, WORKSPACE);

interface Key { keyArn: string; state: string | null; stateSince: string | null; deletion: Record<string, unknown> | null; rotation: Record<string, unknown> | null; lifecycle: Array<Record<string, unknown>>; refused: Array<Record<string, unknown>>; grants: unknown[] }

/** The 1-based line of the `{` of the n-th event whose eventName is `name`. */
function lineOf(name: string, occurrence = 0): number {
  const lines = fs.readFileSync(path.join(WORKSPACE, FILE), 'utf8').split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(`"eventName": "${name}"`) && seen++ === occurrence) {
      for (let j = i; j >= 0; j--) if (lines[j] === '    {') return j + 1;
    }
  }
  throw new Error(`no ${name}`);
}

describe('kms-lens grants: key lifecycles', () => {
  const keys = (): Key[] => {
    const r = run(['grants', '--format', 'json', FILE]);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { keys: Key[] }).keys;
  };
  const key = (arn: string): Key => {
    const k = keys().find((x) => x.keyArn === arn);
    assert.ok(k, arn);
    return k;
  };

  it('gives each key its state, since when, and its lifecycle events with their lines', () => {
    const k = key(PAYROLL);
    assert.equal(k.state, 'PendingDeletion');
    assert.equal(k.stateSince, '2024-06-10T09:15:00Z');
    assert.deepEqual(k.deletion, { pendingWindowInDays: 7, deletionDate: '2024-06-17T09:15:00Z', latestDeletion: '2024-06-18T09:15:00Z', deletionDateLogged: 'Jun 17, 2024 09:15:00 AM' });
    assert.deepEqual(k.rotation, { automatic: true, since: '2024-03-01T10:02:00Z', periodInDays: 365, lastRotation: null, onDemandRotations: 0, nextRotation: null });
    assert.deepEqual(k.lifecycle.map((e) => [e.eventName, e.stateAfter, e.line]), [
      ['CreateKey', 'Enabled', lineOf('CreateKey')],
      ['EnableKeyRotation', null, lineOf('EnableKeyRotation')],
      ['DisableKey', 'Disabled', lineOf('DisableKey')],
      ['ScheduleKeyDeletion', 'PendingDeletion', lineOf('ScheduleKeyDeletion')],
    ]);
    assert.deepEqual(k.lifecycle[3], {
      eventName: 'ScheduleKeyDeletion',
      eventTime: '2024-06-10T09:15:00Z',
      by: 'arn:aws:iam::482913650217:user/Alice',
      errorCode: null,
      stateAfter: 'PendingDeletion',
      description: 'Deletion scheduled (7-day window): deleted on 2024-06-17 09:15:00 UTC at the earliest, up to 24 h later',
      file: FILE,
      line: lineOf('ScheduleKeyDeletion'),
    });
    assert.deepEqual(k.refused.map((e) => [e.eventName, e.errorCode, e.eventTime]), [['Decrypt', 'DisabledException', '2024-06-03T08:15:00Z'], ['GenerateDataKey', 'KMSInvalidStateException', '2024-06-12T08:15:00Z']]);
    assert.equal(k.grants.length, 1);
  });

  it('lists keys that have a lifecycle but no grant, and counts on-demand rotations', () => {
    const reports = key(REPORTS);
    assert.equal(reports.grants.length, 0);
    assert.equal(reports.state, 'PendingDeletion');
    assert.equal((reports.deletion as { deletionDate: string }).deletionDate, '2024-07-20T14:30:00Z', 'read from "Jul 20, 2024 14:30:00 PM"');
    assert.equal((key(DEADLINE).rotation as { onDemandRotations: number }).onDemandRotations, 1);
    assert.equal(key(DEADLINE).state, null, 'rotation says nothing about the state');
  });

  it('shows state, rotation, timeline and refused calls in the text format', () => {
    const r = run(['grants', FILE]);
    assert.equal(r.code, 0, r.stderr);
    const text = r.stdout;
    assert.ok(text.includes(`key ${PAYROLL} (alias/payroll-archive)\n├─ state: Pending deletion: deleted on 2024-06-17 09:15:00 UTC at the earliest, up to 24 h later (ScheduleKeyDeletion 2024-06-10 09:15:00 UTC by arn:aws:iam::482913650217:user/Alice, ${FILE}:${lineOf('ScheduleKeyDeletion')})\n├─ rotation: automatic rotation on (every 365 days)\n├─ timeline: 4 events\n`), text);
    assert.ok(text.includes(`│  ├─ 2024-06-01 09:00:00 UTC Disabled, DisableKey by arn:aws:iam::482913650217:user/Alice (${FILE}:${lineOf('DisableKey')})\n`), text);
    assert.ok(text.includes('├─ refused because of the key\'s state: 2\n'), text);
    assert.match(text, /^├─ state: Disabled since 2024-06-05 16:40:00 UTC/m);
    assert.match(text, /lifecycle events of 4 keys, in 1 file\n$/);
  });
});

describe('kms-lens check: key lifecycle rules', () => {
  it('reports every lifecycle finding of the sample log, each on its event, as the editor does', () => {
    const r = run(['check', '--format', 'json', FILE]);
    assert.equal(r.code, 0, 'warnings and information only');
    const all = (JSON.parse(r.stdout) as Array<{ code: string; range: { start: { line: number } } }>).map((f) => `${f.code}@${f.range.start.line + 1}`);
    // The refused calls are also failed calls (ct-failed-call, information); nothing else but lifecycle findings.
    assert.deepEqual([...new Set(all.filter((f) => !f.startsWith('lifecycle-')).map((f) => f.split('@')[0]))], ['ct-failed-call']);
    const found = all.filter((f) => f.startsWith('lifecycle-'));
    const nameLine = (name: string, occurrence = 0): number => {
      const lines = fs.readFileSync(path.join(WORKSPACE, FILE), 'utf8').split('\n');
      let seen = 0;
      for (let i = 0; i < lines.length; i++) if (lines[i].includes(`"eventName": "${name}"`) && seen++ === occurrence) return i + 1;
      throw new Error(name);
    };
    const windowLine = fs.readFileSync(path.join(WORKSPACE, FILE), 'utf8').split('\n').findIndex((l) => l.includes('"pendingWindowInDays": 7')) + 1;
    assert.deepEqual(found, [
      `lifecycle-use-after-disable@${nameLine('Decrypt', 1)}`,
      `lifecycle-delete-in-use@${nameLine('ScheduleKeyDeletion')}`,
      `lifecycle-short-pending-window@${windowLine}`,
      `lifecycle-use-after-disable@${nameLine('GenerateDataKey')}`,
      `lifecycle-fargate-key-stopped@${nameLine('DisableKey', 1)}`,
      `lifecycle-deadline-rotate-on-demand@${nameLine('RotateKeyOnDemand')}`,
      `lifecycle-delete-not-disabled@${nameLine('ScheduleKeyDeletion', 1)}`,
    ]);
  });

  it('--rule turns a lifecycle rule off or up', () => {
    const off = run(['check', '--format', 'json', '--rule', 'lifecycle-use-after-disable=off', FILE]);
    assert.ok(!(JSON.parse(off.stdout) as Array<{ code: string }>).some((f) => f.code === 'lifecycle-use-after-disable'));
    const up = run(['check', '--rule', 'lifecycle-use-after-disable=error', FILE]);
    assert.equal(up.code, 1);
  });
});
