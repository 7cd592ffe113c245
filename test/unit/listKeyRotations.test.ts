/**
 * `aws kms list-key-rotations` output feeds the key's rotation history: each
 * completed rotation, at its RotationDate, takes its place in the key's
 * timeline among the logged events (as a RotateKey event would), and the
 * last one is the key's last rotation. A rotation a log also shows is shown
 * once, as the logged event.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, buildGrantsModel, buildModel, DEFAULT_SETTINGS, describeReading } from '../../src/core';
import { runCli } from './helpers';
import { KEY_ARN, kmsEvent, records, source } from './grantsHelpers';

const ROTATIONS = JSON.stringify({
  Rotations: [
    { KeyId: KEY_ARN, RotationDate: '2024-03-02T10:11:36.564000+00:00', RotationType: 'AUTOMATIC' },
    { KeyId: KEY_ARN, RotationDate: '2024-04-05T15:14:47.757000+00:00', RotationType: 'ON_DEMAND' },
  ],
  Truncated: false,
}, null, 4);

const lifecycleOf = (...sources: ReturnType<typeof source>[]) => {
  const key = buildGrantsModel(sources).keys.find((k) => k.key.identity.includes('1234abcd'));
  assert.ok(key?.lifecycle, 'the key has a lifecycle');
  return key.lifecycle;
};

describe('aws kms list-key-rotations output: the key\'s rotation history', () => {
  it('is read as AWS CLI output about keys, with no finding', () => {
    const { model, findings } = analyze(ROTATIONS, { languageId: 'json', fileName: 'rotations.json' }, DEFAULT_SETTINGS);
    assert.equal(model.kind, 'kmsOutput');
    assert.equal(model.records.length, 2);
    assert.equal(describeReading(model), 'aws kms list-key-rotations output');
    assert.deepEqual(findings, []);
  });

  it('puts each rotation in the key\'s timeline at its date, with its type, and the last one is the last rotation', () => {
    const lc = lifecycleOf(source('rotations.json', ROTATIONS));
    assert.deepEqual(lc.events.map((e) => [e.kind, e.rotationType, e.event.eventTime, e.event.role]), [
      ['rotate', 'AUTOMATIC', '2024-03-02T10:11:36.564000+00:00', 'list'],
      ['rotate', 'ON_DEMAND', '2024-04-05T15:14:47.757000+00:00', 'list'],
    ]);
    assert.equal(lc.rotation.lastRotation?.at, '2024-04-05T15:14:47.757000+00:00');
    assert.equal(lc.rotation.lastRotation?.type, 'ON_DEMAND');
    // A listed on-demand rotation is not a RotateKeyOnDemand call: the count of calls stays what the logs show.
    assert.equal(lc.rotation.onDemand, 0);
    // It says nothing of the key's state.
    assert.equal(lc.state, undefined);
  });

  it('a rotation the log shows too (RotateKey) is shown once, as the logged event; the others are added', () => {
    const log = records(kmsEvent('RotateKey', '2024-03-02T10:11:35Z', {
      userIdentity: { accountId: '111122223333', invokedBy: 'AWS Internal' },
      eventType: 'AwsServiceEvent',
      serviceEventDetails: { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', rotationType: 'AUTOMATIC' },
    }));
    const lc = lifecycleOf(source('log.json', log), source('rotations.json', ROTATIONS));
    assert.deepEqual(lc.events.map((e) => [e.event.eventName, e.event.role]), [['RotateKey', 'lifecycle'], ['ListKeyRotations', 'list']]);
    assert.equal(lc.rotation.lastRotation?.at, '2024-04-05T15:14:47.757000+00:00');
  });

  it('kms-lens grants prints the rotations as listed by list-key-rotations, and the JSON report the last rotation', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-rotations-'));
    try {
      fs.writeFileSync(path.join(dir, 'rotations.json'), ROTATIONS);
      const text = runCli(['grants', 'rotations.json'], dir);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /2024-03-02 10:11:36 UTC Key material rotated \(automatic\) \(listed by list-key-rotations, rotations\.json:3\)/);
      const json = runCli(['grants', '--format', 'json', 'rotations.json'], dir);
      const key = (JSON.parse(json.stdout) as { keys: Array<{ keyArn: string; rotation: { lastRotation: string | null } }> }).keys[0];
      assert.equal(key.keyArn, KEY_ARN);
      assert.equal(key.rotation.lastRotation, '2024-04-05T15:14:47.757000+00:00');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('entries of imported key material not rotated in yet (no RotationDate) are passed over; the rest is read', () => {
    const text = JSON.stringify({
      Rotations: [
        { KeyId: KEY_ARN, KeyMaterialId: 'a'.repeat(64), ImportState: 'PENDING_ROTATION', KeyMaterialState: 'PENDING_ROTATION' },
        { KeyId: KEY_ARN, KeyMaterialId: 'b'.repeat(64), ImportState: 'IMPORTED', KeyMaterialState: 'CURRENT', RotationDate: '2025-09-30T14:03:08.402000+00:00', RotationType: 'ON_DEMAND' },
      ],
      Truncated: false,
    }, null, 4);
    const lc = lifecycleOf(source('rotations.json', text));
    assert.deepEqual(lc.events.map((e) => e.event.eventTime), ['2025-09-30T14:03:08.402000+00:00']);
  });

  it('printed with --output yaml, it says the same', () => {
    const yaml = [
      'Rotations:',
      `- KeyId: ${KEY_ARN}`,
      "  RotationDate: '2024-03-02T10:11:36.564000+00:00'",
      '  RotationType: AUTOMATIC',
      `- KeyId: ${KEY_ARN}`,
      "  RotationDate: '2024-04-05T15:14:47.757000+00:00'",
      '  RotationType: ON_DEMAND',
      'Truncated: false',
      '',
    ].join('\n');
    const model = buildModel(yaml, { languageId: 'yaml', fileName: 'rotations.yaml' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.equal(describeReading(model), 'aws kms list-key-rotations output (YAML)');
    const lc = lifecycleOf({ id: 'rotations.yaml', model });
    assert.deepEqual(lc.events.map((e) => [e.rotationType, e.event.eventTime]), [['AUTOMATIC', '2024-03-02T10:11:36.564000+00:00'], ['ON_DEMAND', '2024-04-05T15:14:47.757000+00:00']]);
    assert.equal(yaml.slice(0, lc.events[1].event.start).split('\n').length, 5);
  });
});
