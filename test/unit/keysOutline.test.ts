/**
 * The keys outline: one presentation of keys, grants and lifecycles that the
 * grants view renders as a tree and `kms-lens grants` as text. Where the two
 * used to disagree, the outline decides once: how long a list of events
 * gets (LISTED_EVENTS, then one "more" item), how dates read (one format,
 * in UTC or local time) and how short a row is.
 */
import * as assert from 'node:assert/strict';
import { buildOutline, LISTED_EVENTS, type GrantsSource, type OutlineItem } from '../../src/core';
import { GrantsRun, toTextReport } from '../../src/cli/grants';
import { createGrant, decrypt, grantsOf, KEY_ARN, KEY_ID, kmsEvent, records, retireGrant, roleSession, source } from './grantsHelpers';
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
    const refused = children(byLabel(children(key), 'Refused calls'));
    assert.equal(refused.length, LISTED_EVENTS + 1);
    assert.equal(refused[LISTED_EVENTS].label, '2 more');

    const lines = textOf('busy.json', text).split('\n');
    const usesAt = lines.findIndex((l) => l.endsWith(`uses: ${LISTED_EVENTS + 5}`));
    assert.ok(usesAt >= 0, lines.join('\n'));
    assert.equal(lines.slice(usesAt + 1).findIndex((l) => !/Decrypt 2024-05-02 /.test(l)), LISTED_EVENTS, 'the first uses, one line each');
    assert.match(lines[usesAt + 1 + LISTED_EVENTS], /└─ … 5 more$/);
    assert.ok(lines.some((l) => /└─ … 2 more$/.test(l)), 'the refused calls are cut the same way');
  });

  it('says a grant has no constraints only when its terms are in the logs, not for a grant seen only through its end', () => {
    const grantId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const constraintsOf = (text: string): string | undefined => {
      const [key] = buildOutline(grantsOf(source('log.json', text))).keys;
      const grant = children(key).find((i) => i.kind === 'grant');
      return children(grant).find((i) => i.variant === 'constraints')?.description;
    };
    assert.equal(constraintsOf(records(createGrant(grantId, '2024-05-01T09:00:00Z'))), 'none');
    assert.equal(constraintsOf(records(retireGrant(grantId, '2024-05-02T09:00:00Z'))), 'not in these logs');
  });

  it('writes every date one way, in rows, tooltips and the text report: 2024-05-01 09:00:00 UTC', () => {
    const text = records(
      createGrant('g-1', '2024-05-01T09:00:00Z', { name: 'worker' }),
      decrypt('2024-05-02T10:00:07Z', roleSession('Worker')),
      kmsEvent('CreateGrant', '2024-05-02T11:30:00Z', { errorCode: 'AccessDenied', requestParameters: { keyId: KEY_ARN, granteePrincipal: 'arn:aws:iam::111122223333:role/Other', operations: ['Decrypt'] } }),
      disableKey('2024-05-03T09:00:00Z'),
    );
    const [key] = buildOutline(grantsOf(source('log.json', text))).keys;
    const grant = byLabel(children(key), 'worker');
    const created = byLabel(children(grant), 'Created');
    assert.equal(created.description, '2024-05-01 09:00:00 UTC · user/Alice · log.json');
    assert.ok(created.tooltip?.includes('Time: 2024-05-01 09:00:00 UTC'), JSON.stringify(created.tooltip));
    assert.ok(grant.tooltip?.includes('Created 2024-05-01 09:00:00 UTC by arn:aws:iam::111122223333:user/Alice'), JSON.stringify(grant.tooltip));
    const [use] = children(byLabel(children(grant), 'Uses'));
    assert.match(use.description, /^2024-05-02 10:00:07 UTC · assumed-role\/Worker\/session-1 · log\.json$/);
    const [attempt] = children(byLabel(children(key), 'Attempts'));
    assert.equal(attempt.description, '2024-05-02 11:30:00 UTC · user/Alice · role/Other');
    assert.ok(attempt.tooltip?.includes('Time: 2024-05-02 11:30:00 UTC'));
    const [disabled] = children(byLabel(children(key), 'Timeline'));
    assert.match(disabled.description, /^2024-05-03 09:00:00 UTC · /);
    const state = byLabel(children(key), 'Disabled');
    assert.equal(state.description, 'since 2024-05-03 09:00:00 UTC');
    assert.ok(state.tooltip?.some((l) => l.startsWith('Since 2024-05-03 09:00:00 UTC: DisableKey by')), JSON.stringify(state.tooltip));

    const report = textOf('log.json', text);
    assert.match(report, /├─ created 2024-05-01 09:00:00 UTC by arn:aws:iam::111122223333:user\/Alice \(log\.json:\d+\)/);
    assert.match(report, /Decrypt 2024-05-02 10:00:07 UTC by /);
    assert.match(report, /^[├└]─ attempt: CreateGrant AccessDenied 2024-05-02 11:30:00 UTC by /m, 'attempts stand in place of their group');
    assert.match(report, /2024-05-03 09:00:00 UTC Disabled, DisableKey by /);
    for (const item of [created, use, attempt, disabled, state, grant, key]) {
      for (const line of [item.label, item.description, ...(item.tooltip ?? [])]) {
        assert.doesNotMatch(line, /\d{4}-\d\d-\d\dT\d\d|\d\d:\d\dZ|[+-]\d\d:\d\d\b/, `a date as logged in "${line}"`);
      }
    }
    assert.doesNotMatch(report, /\d{4}-\d\d-\d\dT\d\d/, 'no date as logged in the text report');
  });

  it('writes dates in local time when told to, saying the offset', () => {
    const text = records(createGrant('g-1', '2024-05-01T09:00:00Z', { name: 'worker' }));
    // A zone with a half-hour offset, whatever the zone of the machine running the tests.
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      const [key] = buildOutline(grantsOf(source('log.json', text)), { timeZone: 'local' }).keys;
      const created = byLabel(children(byLabel(children(key), 'worker')), 'Created');
      assert.equal(created.description, '2024-05-01 14:30:00 UTC+5:30 · user/Alice · log.json');
      assert.ok(created.tooltip?.includes('Time: 2024-05-01 14:30:00 UTC+5:30'));
      process.env.TZ = 'America/Los_Angeles';
      const [west] = buildOutline(grantsOf(source('log.json', text)), { timeZone: 'local' }).keys;
      assert.match(byLabel(children(byLabel(children(west), 'worker')), 'Created').description, /^2024-05-01 02:00:00 UTC-7 · /);
      const [utc] = buildOutline(grantsOf(source('log.json', text))).keys;
      assert.match(byLabel(children(byLabel(children(utc), 'worker')), 'Created').description, /^2024-05-01 09:00:00 UTC · /, 'UTC unless told');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('takes one date format for every date it words, for a setting to change them all', () => {
    const text = records(createGrant('g-1', '2024-05-01T09:00:00Z', { name: 'worker' }), disableKey('2024-05-03T09:00:00Z'));
    const time = (iso: string | undefined): string => `<${iso}>`;
    const [key] = buildOutline(grantsOf(source('log.json', text)), { time }).keys;
    assert.equal(key.state, 'Disabled since <2024-05-03T09:00:00Z>');
    assert.ok(key.tooltip?.includes('State: **Disabled since <2024-05-03T09:00:00Z>**'), JSON.stringify(key.tooltip));
    assert.equal(byLabel(children(key), 'Disabled').description, 'since <2024-05-03T09:00:00Z>');
    assert.match(byLabel(children(byLabel(children(key), 'worker')), 'Created').description, /^<2024-05-01T09:00:00Z> · /);
    assert.match(children(byLabel(children(key), 'Timeline'))[0].description, /^<2024-05-03T09:00:00Z> · /);
  });

  it('keeps rows short enough for the default sidebar: keys by alias or short id, principals by name, details in the tooltip', () => {
    const text = records(
      createGrant('0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60', '2024-05-01T09:00:00Z'),
      decrypt('2024-05-02T10:00:07Z', roleSession('Worker')),
      disableKey('2024-05-03T09:00:00Z'),
    );
    const [key] = buildOutline(grantsOf(source('log.json', text))).keys;
    assert.equal(key.label, '1234abcd…90ab', 'the key id shortened as grant ids are');
    assert.equal(key.description, 'Disabled · 1 grant, 1 active');
    for (const line of [`ARN: \`${KEY_ARN}\``, 'Region: us-west-2', 'Account: 111122223333']) assert.ok(key.tooltip?.includes(line), `${line} in ${JSON.stringify(key.tooltip)}`);
    const grant = children(key).find((i) => i.kind === 'grant') as OutlineItem;
    assert.equal(grant.label, '0c237476…6a60');
    assert.equal(grant.description, 'active · role/Worker · 1 use');
    assert.ok(grant.tooltip?.includes('Grantee: `arn:aws:iam::111122223333:role/Worker`'));
    // Every row of the tree, label and description together, fits in what the default sidebar shows at its depth.
    const rows = (items: OutlineItem[], depth: number): Array<[number, OutlineItem]> => items.flatMap((i) => [[depth, i] as [number, OutlineItem], ...rows(children(i), depth + 1)]);
    for (const [depth, item] of rows([key], 0)) {
      if (item.kind === 'detail' || item.kind === 'grantEvent' || item.kind === 'use' || item.kind === 'lifecycleEvent') continue; // their descriptions may run on: the tooltip has them
      assert.ok(item.label.length + depth * 2 <= 32, `"${item.label}" is long for a row at depth ${depth}`);
    }
  });

  it('names a key by the alias the latest CreateAlias or UpdateAlias points at it, whatever order the events come in', () => {
    const OTHER = '0987dcba-09fe-87dc-65ba-ab0987654321';
    const otherArn = `arn:aws:kms:us-west-2:111122223333:key/${OTHER}`;
    const useOther = decrypt('2024-05-02T10:00:00Z', roleSession('Worker'), undefined, { requestParameters: { keyId: otherArn }, resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: otherArn }] });
    const create = kmsEvent('CreateAlias', '2024-01-01T00:00:00Z', { requestParameters: { aliasName: 'alias/app-data', targetKeyId: KEY_ID } });
    const update = kmsEvent('UpdateAlias', '2024-03-01T00:00:00Z', { requestParameters: { aliasName: 'alias/app-data', targetKeyId: OTHER } });
    for (const order of [[create, update], [update, create]]) {
      const model = grantsOf(source('log.json', records(createGrant('g-1', '2024-05-01T09:00:00Z'), useOther, ...order)));
      const labels = buildOutline(model).keys.map((k) => [k.entry.key.keyId, k.label]);
      assert.deepEqual(labels.sort(), [[OTHER, 'alias/app-data'], [KEY_ID, '1234abcd…90ab']].sort(), 'the alias moved to the other key in March');
    }
  });

  it('tells apart keys with the same id, or the same alias, in two accounts or two Regions', () => {
    // aws kms list-grants in a prod and a staging account whose keys came from one template with a fixed id, and one more Region.
    const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
    const listed = (account: string, region: string, grantId: string): GrantsSource => source(`${account}-${region}.json`, JSON.stringify({
      Grants: [{ KeyId: `arn:aws:kms:${region}:${account}:key/${KEY}`, GrantId: grantId, Name: '', CreationDate: '2026-10-01T12:00:00+00:00', GranteePrincipal: `arn:aws:iam::${account}:role/app`, IssuingAccount: `arn:aws:iam::${account}:root`, Operations: ['Decrypt'] }],
      Truncated: false,
    }));
    const model = grantsOf(listed('111122223333', 'eu-west-1', 'a'.repeat(64)), listed('444455556666', 'eu-west-1', 'b'.repeat(64)), listed('444455556666', 'us-east-1', 'c'.repeat(64)));
    const labels = buildOutline(model).keys.map((k) => k.label).sort();
    assert.deepEqual(labels, ['1234abcd…90ab (111122223333, eu-west-1)', '1234abcd…90ab (444455556666, eu-west-1)', '1234abcd…90ab (444455556666, us-east-1)']);
    // Only what differs is added, and a key whose label is its own keeps it bare.
    const two = buildOutline(grantsOf(listed('111122223333', 'eu-west-1', 'a'.repeat(64)), listed('444455556666', 'eu-west-1', 'b'.repeat(64)))).keys.map((k) => k.label).sort();
    assert.deepEqual(two, ['1234abcd…90ab (111122223333)', '1234abcd…90ab (444455556666)']);
    assert.deepEqual(buildOutline(grantsOf(listed('111122223333', 'eu-west-1', 'a'.repeat(64)))).keys.map((k) => k.label), ['1234abcd…90ab']);
    // A filter that hides one of them does not rename the other.
    const filtered = buildOutline(model, { filter: { statuses: new Set(['active']), search: 'b'.repeat(64) } }).keys.map((k) => k.label);
    assert.deepEqual(filtered, ['1234abcd…90ab (444455556666, eu-west-1)']);
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
    assert.deepEqual(labels(buildOutline(model)), ['Disabled', 'Timeline', 'worker', 'reports', 'Not through a grant']);
    // A status filter shows grants (and attempts) only.
    assert.deepEqual(labels(buildOutline(model, { filter: { statuses: new Set(['revoked']), search: '' } })), ['reports']);
    // A search hides what is about the key as a whole and keeps what matches.
    assert.deepEqual(labels(buildOutline(model, { filter: { statuses: new Set(['active', 'retired', 'revoked', 'attempts']), search: 'stranger' } })), ['Not through a grant']);
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
    assert.match(textOf('log.json', text), /^attempt: CreateGrant AccessDenied 2024-05-02 11:30:00 UTC by .*\n0 grants \(0 active\) on 0 keys, 1 attempt, in 1 file\n$/);
  });
});
