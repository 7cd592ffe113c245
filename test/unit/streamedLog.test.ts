/**
 * `kms-lens grants` reads a big CloudTrail log one record at a time (each
 * record parsed when its facts are read, then let go) instead of parsing the
 * whole log at once. These tests hold that this changes nothing the user sees:
 * the same keys report, in JSON and in text, as the log parsed whole; and that
 * a log that is not certainly plain JSON of that shape (a record that does not
 * parse, a record nested too deep, other members) is read the usual way, with
 * the same findings and report as before.
 */
import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, getKmsLensService, LineIndex, type DocumentModel } from '../../src/core';
import { logRecordOffsets } from '../../src/core/cloudtrail/logRecords';
import { GrantsRun, toJsonReport, toTextReport, type KeysRun } from '../../src/cli/grants';
import { skipOf } from '../../src/cli/fileWork';
import { generateLog } from '../bench/generateLog';
import { guideEvent } from './lifecycleHelpers';

const core = getKmsLensService();
const FILE = 'big-log.json';
const HINTS = { languageId: 'json', fileName: FILE };
const MAX = DEFAULT_SETTINGS.maxFileSize;

type Event = Record<string, unknown>;

/** A log of about `bytes` (past the size where the model stops building trees) with grants, uses, lifecycle events, a refused call and a repeated event. */
function records(bytes: number): Event[] {
  const list = (JSON.parse(generateLog(bytes, 11)) as { Records: Event[] }).Records;
  const extra = [
    guideEvent('ct-disablekey-0'),
    guideEvent('ct-schedule-key-deletion-0'),
    guideEvent('ct-createalias-0'),
    guideEvent('ct-revoke-grant-0'),
    { ...list[3], eventName: 'Decrypt', errorCode: 'DisabledException', eventID: 'refused-1' },
    list.find((e) => e.eventName === 'Decrypt') as Event,
    // Not an event of KMS: no facts, and nothing kept of it.
    { eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventTime: '2026-01-01T00:00:00Z' },
  ];
  extra.forEach((e, i) => list.splice(2 + i * 89, 0, e));
  return list;
}

const log = (list: readonly Event[], space?: number): string => JSON.stringify({ Records: list }, null, space);

/** The report as it was made before: the whole log parsed into one model, its keys model built from it. */
function parsedWhole(text: string): { run: KeysRun; model: DocumentModel } {
  const model = core.parse(text, HINTS, { maxFileSize: MAX, duplicateKeys: false });
  const lines = new LineIndex(text);
  return { model, run: { model: core.grants([{ id: FILE, model }]), location: (e) => ({ file: e.source, line: lines.positionAt(e.start).line + 1 }) } };
}

function streamed(text: string): { run: GrantsRun; model: DocumentModel } {
  const run = new GrantsRun([{ file: FILE, text, languageId: 'json', fileName: FILE }]);
  return { run, model: run.models.get(FILE) as DocumentModel };
}

function assertSameReports(text: string): { before: DocumentModel; after: DocumentModel } {
  const before = parsedWhole(text);
  const after = streamed(text);
  assert.equal(JSON.stringify(toJsonReport(after.run), null, 2), JSON.stringify(toJsonReport(before.run), null, 2));
  assert.equal(toTextReport(after.run), toTextReport(before.run));
  assert.deepEqual(skipOf(FILE, after.model, MAX, () => core.feedsKeys(after.model), 'logs'), skipOf(FILE, before.model, MAX, () => core.feedsKeys(before.model), 'logs'));
  return { before: before.model, after: after.model };
}

describe('kms-lens grants: a big log read record by record', () => {
  const list = records(1_300_000);

  it('gives the report of the log parsed whole, in JSON and in text', () => {
    const text = log(list);
    assert.ok(text.length > 1024 * 1024, 'past the size of the tree path');
    const { before, after } = assertSameReports(text);
    assert.equal(after.unparsedRecords, true, 'read record by record');
    assert.equal(after.records.length, before.records.length);
    const report = toJsonReport(streamed(text).run);
    assert.ok(report.keys.length > 3 && report.keys.some((k) => k.grants.length > 0), 'the log has keys with grants');
  });

  it('finds each record where the whole parse finds it, in a log written on many lines', () => {
    const text = log(list, 2);
    const offsets = logRecordOffsets(text);
    const whole = parsedWhole(text).model;
    assert.ok(offsets);
    assert.deepEqual(offsets.map((r) => [r.start, r.end]), whole.records.map((r) => [r.start, r.end]));
    assertSameReports(text);
  });

  it('reads a log whose record does not parse the usual way, with the same report', () => {
    // The scanner finds its extent; JSON.parse refuses it (a bare word).
    const text = log(list).replace('"readOnly":true', '"readOnly":tru');
    assert.notEqual(text, log(list));
    const { before, after } = assertSameReports(text);
    assert.equal(after.unparsedRecords, undefined);
    assert.ok(before.syntaxProblems.length > 0);
  });

  it('refuses a log with a record nested too deep, as before, with the same finding', () => {
    let deep: Event = {};
    for (let i = 0; i < 600; i++) deep = { a: deep };
    const withDeep = [...list.slice(0, 50), { ...list[50], requestParameters: deep }, ...list.slice(50)];
    const text = log(withDeep);
    assert.equal(logRecordOffsets(text), undefined);
    const { before, after } = assertSameReports(text);
    assert.deepEqual(after.syntaxProblems, before.syntaxProblems);
    assert.ok(after.syntaxProblems.some((p) => p.kind === 'tooDeep'));
    assert.match(skipOf(FILE, after, MAX, () => true, 'logs')?.reason ?? '', /nested more than 512 levels/);
  });

  it('reads a log with other members, or two Records members, the usual way', () => {
    const other = `{"Records":${JSON.stringify(list)},"Note":"x"}`;
    const twice = `{"Records":[],"Records":${JSON.stringify(list)}}`;
    const before = `{"Note":"x","Records":${JSON.stringify(list)}}`;
    for (const text of [other, twice, before]) {
      assert.equal(logRecordOffsets(text), undefined);
      assertSameReports(text);
    }
  });

  it('leaves the model of the editor and of check as it was: values parsed, no offsets-only records', () => {
    const text = log(list);
    const model = core.parse(text, HINTS, { maxFileSize: MAX });
    assert.equal(model.unparsedRecords, undefined);
    assert.ok(model.records.every((r) => r.value !== undefined));
  });
});

describe('kms-lens simulate: a big log read without counting duplicate keys', () => {
  it('gives the results of the model that counts them, on a log with a repeated member', () => {
    // One event with its eventName twice (JSON.parse keeps the last): a syntax finding for check, nothing for simulate.
    const text = log(records(1_200_000)).replace('"eventVersion":', '"eventName":"Encrypt","eventVersion":');
    const policy = core.keyPolicyFromText(JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }],
    }));
    assert.ok(policy);
    const run = (duplicateKeys: boolean): { results: string; problems: number } => {
      const model = core.parse(text, HINTS, { maxFileSize: MAX, duplicateKeys });
      const results = core.simulate({ keyPolicy: { name: 'policy.json', model: policy }, events: [{ id: FILE, model }], explain: true });
      return { results: JSON.stringify(results), problems: model.syntaxProblems.length };
    };
    const counted = run(true);
    const uncounted = run(false);
    assert.ok(counted.problems > 0 && uncounted.problems === 0, 'the repeated member is found only when counted');
    assert.ok((JSON.parse(counted.results) as unknown[]).length > 500, 'the events are simulated');
    assert.equal(uncounted.results, counted.results);
  });
});
