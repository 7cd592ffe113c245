/**
 * The keys outline: one presentation of keys, grants and lifecycles that the
 * grants view renders as a tree and `kms-lens grants` as text. Where the two
 * used to disagree, the outline decides once: how long a list of events
 * gets (LISTED_EVENTS, then one "more" item), and how dates read (short in
 * labels and descriptions, exact as logged in tooltips and text lines).
 */
import * as assert from 'node:assert/strict';
import { buildOutline, LISTED_EVENTS, type OutlineItem } from '../../src/core';
import { GrantsRun, toTextReport } from '../../src/cli/grants';
import { createGrant, decrypt, grantsOf, KEY_ARN, kmsEvent, records, roleSession, source } from './grantsHelpers';
import { disableKey, refusedDecrypt } from './lifecycleHelpers';

const children = (item: OutlineItem | undefined): OutlineItem[] => item?.children?.() ?? [];
const byLabel = (items: OutlineItem[], label: string): OutlineItem => {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no "${label}" among ${JSON.stringify(items.map((i) => i.label))}`);
  return found;
};

/** A Worker grant used `uses` times, and a key disabled after it, with `refused` calls refused. */
function busyLog(uses: number, refused: number): string {
  const events = [createGrant('g-1', '2024-05-01T09:00:00Z', { name: 'worker' })];
  for (let i = 0; i < uses; i++) events.push(decrypt(`2024-05-02T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`, roleSession('Worker')));
  events.push(disableKey('2024-05-03T09:00:00Z'));
  for (let i = 0; i < refused; i++) events.push(refusedDecrypt(`2024-05-04T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`));
  return records(...events);
}

function textOf(name: string, text: string): string {
  return toTextReport(new GrantsRun([{ file: name, text, languageId: 'json', fileName: name }]));
}

describe('keys outline', () => {
  it('cuts every list of events at the same length in the tree and in the text report, and says how many are left', () => {
    const text = busyLog(LISTED_EVENTS + 5, LISTED_EVENTS + 2);
    const [key] = buildOutline(grantsOf(source('busy.json', text))).keys;
    const grant = byLabel(children(key), 'worker');
    const uses = children(byLabel(children(grant), 'Uses'));
    assert.equal(uses.length, LISTED_EVENTS + 1);
    assert.deepEqual([uses[LISTED_EVENTS].kind, uses[LISTED_EVENTS].label, uses[LISTED_EVENTS].description], ['more', '5 more', 'not listed: open the log to see them all']);
    const refused = children(byLabel(children(key), 'Refused because of the key\'s state'));
    assert.equal(refused.length, LISTED_EVENTS + 1);
    assert.equal(refused[LISTED_EVENTS].label, '2 more');

    const lines = textOf('busy.json', text).split('\n');
    const usesAt = lines.findIndex((l) => l.endsWith(`uses: ${LISTED_EVENTS + 5}`));
    assert.ok(usesAt >= 0, lines.join('\n'));
    assert.equal(lines.slice(usesAt + 1).findIndex((l) => !/Decrypt 2024-05-02T/.test(l)), LISTED_EVENTS, 'the first uses, one line each');
    assert.match(lines[usesAt + 1 + LISTED_EVENTS], /└─ … 5 more$/);
    assert.ok(lines.some((l) => /└─ … 2 more$/.test(l)), 'the refused calls are cut the same way');
  });

  it('reads dates short in labels and descriptions and exact in tooltips; the text report gives each eventTime as logged', () => {
    const text = records(
      createGrant('g-1', '2024-05-01T09:00:00Z', { name: 'worker' }),
      decrypt('2024-05-02T10:00:07Z', roleSession('Worker')),
      kmsEvent('CreateGrant', '2024-05-02T11:30:00Z', { errorCode: 'AccessDenied', requestParameters: { keyId: KEY_ARN, granteePrincipal: 'arn:aws:iam::111122223333:role/Other', operations: ['Decrypt'] } }),
      disableKey('2024-05-03T09:00:00Z'),
    );
    const [key] = buildOutline(grantsOf(source('log.json', text))).keys;
    const grant = byLabel(children(key), 'worker');
    const created = byLabel(children(grant), 'Created');
    assert.match(created.description, /^2024-05-01 09:00 UTC · arn:aws:iam::111122223333:user\/Alice · log\.json$/);
    assert.ok(created.tooltip?.includes('Time: 2024-05-01T09:00:00Z'), JSON.stringify(created.tooltip));
    const [use] = children(byLabel(children(grant), 'Uses'));
    assert.match(use.description, /^2024-05-02 10:00 UTC · /);
    const [attempt] = children(byLabel(children(key), 'Attempts'));
    assert.match(attempt.description, /^2024-05-02 11:30 UTC · /);
    const [disabled] = children(byLabel(children(key), 'Timeline'));
    assert.match(disabled.description, /^2024-05-03 09:00 UTC · /);
    assert.equal(byLabel(children(key), 'State').description, 'Disabled since 2024-05-03 09:00 UTC');

    const report = textOf('log.json', text);
    assert.match(report, /├─ created 2024-05-01T09:00:00Z by arn:aws:iam::111122223333:user\/Alice \(log\.json:\d+\)/);
    assert.match(report, /Decrypt 2024-05-02T10:00:07Z by /);
    assert.match(report, /^[├└]─ attempt: CreateGrant AccessDenied 2024-05-02T11:30:00Z by /m, 'attempts stand in place of their group');
    assert.match(report, /2024-05-03T09:00:00Z Disabled, DisableKey by /);
  });

  it('takes one date format for every date it words, for a setting to change them all', () => {
    const text = records(createGrant('g-1', '2024-05-01T09:00:00Z', { name: 'worker' }), disableKey('2024-05-03T09:00:00Z'));
    const time = (iso: string | undefined): string => `<${iso}>`;
    const [key] = buildOutline(grantsOf(source('log.json', text)), { time }).keys;
    assert.match(key.description, /Disabled since <2024-05-03T09:00:00Z>/);
    assert.equal(key.state, 'Disabled since <2024-05-03T09:00:00Z>');
    assert.match(byLabel(children(byLabel(children(key), 'worker')), 'Created').description, /^<2024-05-01T09:00:00Z> · /);
    assert.match(children(byLabel(children(key), 'Timeline'))[0].description, /^<2024-05-03T09:00:00Z> · /);
  });

  it('puts a key\'s own life first, then its grants, attempts and uses through no grant; a filter keeps what matches', () => {
    const text = records(
      createGrant('g-1', '2024-05-01T09:00:00Z', { name: 'worker' }),
      createGrant('g-2', '2024-05-01T09:05:00Z', { name: 'reports', granteePrincipal: 'arn:aws:iam::111122223333:role/Reports' }),
      kmsEvent('RevokeGrant', '2024-05-02T09:00:00Z', { requestParameters: { keyId: KEY_ARN, grantId: 'g-2' } }),
      decrypt('2024-05-02T10:00:00Z', roleSession('Stranger')),
      disableKey('2024-05-03T09:00:00Z'),
    );
    const model = grantsOf(source('log.json', text));
    const labels = (o: ReturnType<typeof buildOutline>): string[] => children(o.keys[0]).map((i) => i.label);
    assert.deepEqual(labels(buildOutline(model)), ['State', 'Timeline', 'worker', 'reports', 'Not through a grant in these logs']);
    // A status filter shows grants (and attempts) only.
    assert.deepEqual(labels(buildOutline(model, { filter: { statuses: new Set(['revoked']), search: '' } })), ['reports']);
    // A search hides what is about the key as a whole and keeps what matches.
    assert.deepEqual(labels(buildOutline(model, { filter: { statuses: new Set(['active', 'retired', 'revoked', 'attempts']), search: 'stranger' } })), ['Not through a grant in these logs']);
    assert.deepEqual(buildOutline(model, { filter: { statuses: new Set(['retired']), search: '' } }).keys, [], 'a key with nothing to show is left out');
  });

  it('lists attempts that name no key after the keys, in the tree and in the text report', () => {
    // A CreateGrant refused before KMS resolved any key: nothing in the event names one.
    const text = records(kmsEvent('CreateGrant', '2024-05-02T11:30:00Z', { errorCode: 'AccessDenied', resources: undefined, requestParameters: { granteePrincipal: 'arn:aws:iam::111122223333:role/Other', operations: ['Decrypt'] } }));
    const outline = buildOutline(grantsOf(source('log.json', text)));
    assert.deepEqual(outline.keys, []);
    const [group] = outline.roots;
    assert.deepEqual([group.kind, group.label, group.description], ['attempts', 'Attempts naming no key', '1: no grant created']);
    assert.equal(children(group)[0].label, 'CreateGrant: AccessDenied');
    assert.match(textOf('log.json', text), /^attempt: CreateGrant AccessDenied 2024-05-02T11:30:00Z by .*\n0 grants \(0 active\) on 0 keys, 1 attempt, in 1 file\n$/);
  });
});
