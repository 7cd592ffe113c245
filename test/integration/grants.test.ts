/**
 * The grants view in a real VS Code: the model and the real tree data provider
 * (through the extension's API) follow the logs a user opens and closes,
 * clicking an event selects it in its document, and the toolbar and context
 * menu commands do what they say.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GrantsModel } from '../../src/core/keys';
import type { GrantNode, KeyNode } from '../../src/vscode/grantsTree';
import { generateLog } from '../bench/generateLog';
import { ACCOUNT, KEY, kmsEvent, log, ORDERS, WORKER, WORKER_ROLE } from '../unit/accessFixtures';
import { api, child, children, closeAll, open, waitFor, workspaceUri, waitForGrants } from './helpers';

const BATCH_GRANT = '7c9f3a1e5b2d4c6a8e0f1b3d5c7e9a2b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c';
const FARGATE_SEED_GRANT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const hasSource = (uri: vscode.Uri) => (m: GrantsModel): boolean => m.sources.includes(uri.toString());

const iconId = (item: vscode.TreeItem): string | undefined => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined);

const tooltipOf = (item: vscode.TreeItem): string => (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''));

describe('grants view', () => {
  const fargateLog = () => workspaceUri('logs', 'fargate-log.json');
  const sampleLog = () => workspaceUri('grants', 'grants-cloudtrail.json');

  afterEach(async () => {
    await vscode.commands.executeCommand('kmsLens.grants.clearFilter');
    await closeAll();
  });

  it('shows the keys and grant statuses of two open logs', async () => {
    await open(fargateLog());
    await open(sampleLog());
    const m = await waitForGrants((x) => hasSource(fargateLog())(x) && hasSource(sampleLog())(x), 'both logs indexed');

    const statuses = Object.fromEntries(m.keys.flatMap((k) => k.grants.map((g) => [g.grantId, g.status])));
    assert.equal(statuses[FARGATE_SEED_GRANT], 'retired');
    assert.equal(statuses[BATCH_GRANT], 'revoked');
    assert.equal(statuses['6bbe819394822a400fe5e3a75d0e9ef16c1733143fff0c1fc00dc7ac282a18a0'], 'active');

    const roots = await children();
    // Keys by the alias the logs show (a CreateAlias in the sample log), else by their id shortened as grant ids are.
    assert.deepEqual(roots.map((r) => r.label).sort(), ['0987dcba…4321', 'a1b2c3d4…1111', 'alias/app-data']);
    const appData = await child(undefined, 'alias/app-data');
    assert.equal(appData.item.description, '3 grants, 1 active');
    const tooltip = appData.item.tooltip instanceof vscode.MarkdownString ? appData.item.tooltip.value : String(appData.item.tooltip);
    assert.match(tooltip, /arn:aws:kms:us-west-2:111122223333:key\/1234abcd-12ab-34cd-56ef-1234567890ab/);
    assert.match(tooltip, /Region: us-west-2/);
    assert.match(tooltip, /Account: 111122223333/);

    const grants = await children(appData.node);
    const batch = grants.find((g) => g.label === 'batch-alpha');
    assert.ok(batch, JSON.stringify(grants.map((g) => g.label)));
    assert.equal(batch.item.description, 'revoked · role/BatchWorker · 1 use');
    assert.equal(iconId(batch.item), 'circle-slash');
    const before = grants.find((g) => /created before these logs/.test(String(g.item.description)));
    assert.ok(before, 'the grant only retired in the logs');
    assert.equal(iconId(before.item), 'archive');
    assert.ok(grants.some((g) => g.label === 'Attempts' && g.item.description === '2: no grant created'));
    assert.ok(grants.some((g) => g.label === 'Not through a grant' && g.item.description === '2'));

    const fargateKey = await child(undefined, 'a1b2c3d4…1111');
    const [seedGrant] = await children(fargateKey.node);
    assert.equal(seedGrant.label, 'e3b0c442…b855');
    assert.equal(seedGrant.item.description, 'retired · fargate.us-west-2 · 0 uses');
    assert.match(tooltipOf(seedGrant.item), /Grantee: `fargate\.us-west-2\.amazonaws\.com`/);

    const details = await children(batch.node);
    const labels = details.map((d) => d.label);
    assert.deepEqual(labels.slice(0, 5), ['Operations', 'Constraint', 'Grantee', 'Retiring principal', 'Name']);
    assert.equal(details[0].item.description, 'Encrypt, Decrypt, GenerateDataKey');
    assert.equal(details[1].item.description, 'encryption context equals project=alpha');
    assert.deepEqual(labels.slice(5), ['Created', 'Revoked', 'Uses']);
  });

  it('clicking an event opens its document with the event selected', async () => {
    await open(sampleLog());
    await waitForGrants(hasSource(sampleLog()), 'the sample log indexed');
    await open(fargateLog()); // the event's document is not the active one
    const appData = await child(undefined, 'alias/app-data');
    const batch = await child(appData.node, 'batch-alpha');
    const created = await child(batch.node, 'Created');
    const command = created.item.command;
    assert.ok(command, 'an event item has a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), sampleLog().toString());
    const selected = JSON.parse(editor.document.getText(editor.selection));
    assert.equal(selected.eventName, 'CreateGrant');
    assert.equal(selected.responseElements.grantId, BATCH_GRANT);

    // A use of the grant, and an attempt, reveal the same way.
    const uses = await child(batch.node, 'Uses');
    const [use] = await children(uses.node);
    await vscode.commands.executeCommand(use.item.command?.command ?? '', ...(use.item.command?.arguments ?? []));
    const useEvent = JSON.parse(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection) ?? '{}');
    assert.deepEqual([useEvent.eventName, useEvent.requestParameters.encryptionContext], ['GenerateDataKey', { project: 'alpha' }]);
  });

  it('closing a file removes its grants', async () => {
    await open(fargateLog());
    await open(sampleLog());
    await waitForGrants((x) => hasSource(fargateLog())(x) && hasSource(sampleLog())(x), 'both logs indexed');
    await open(sampleLog());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const m = await waitForGrants((x) => !hasSource(sampleLog())(x), 'the sample log gone from the model');
    assert.deepEqual(m.sources, [fargateLog().toString()]);
    assert.deepEqual(m.keys.flatMap((k) => k.grants.map((g) => g.grantId)), [FARGATE_SEED_GRANT]);
    assert.deepEqual((await children()).map((r) => r.label), ['a1b2c3d4…1111']);
  });

  it('follows edits: a CreateGrant pasted into an untitled document appears, and goes when removed', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    const event = {
      eventVersion: '1.08', eventTime: '2024-06-01T10:00:00Z', eventSource: 'kms.amazonaws.com', eventName: 'CreateGrant', awsRegion: 'eu-west-1',
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::444455556666:user/Carol', accountId: '444455556666' },
      requestParameters: { keyId: 'arn:aws:kms:eu-west-1:444455556666:key/1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d', granteePrincipal: 'arn:aws:iam::444455556666:role/App', operations: ['Decrypt'] },
      responseElements: { grantId: 'pasted-grant-1', keyId: 'arn:aws:kms:eu-west-1:444455556666:key/1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d' },
      eventID: 'b1b2c3d4-0000-4000-8000-000000000001',
    };
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), JSON.stringify(event, null, 2)));
    const m = await waitForGrants((x) => x.keys.some((k) => k.grants.some((g) => g.grantId === 'pasted-grant-1')), 'the pasted grant');
    assert.equal(m.keys.find((k) => k.grants.some((g) => g.grantId === 'pasted-grant-1'))?.key.arn, 'arn:aws:kms:eu-west-1:444455556666:key/1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d');
    await editor.edit((b) => b.delete(new vscode.Range(new vscode.Position(0, 0), doc.positionAt(doc.getText().length))));
    await waitForGrants((x) => !x.keys.some((k) => k.grants.some((g) => g.grantId === 'pasted-grant-1')), 'the pasted grant gone');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('filters by status and searches by principal or grant id', async () => {
    const listing = workspaceUri('grants', 'list-grants.json');
    await open(sampleLog());
    await open(listing);
    await waitForGrants((x) => hasSource(sampleLog())(x) && hasSource(listing)(x), 'the sample log and the listing indexed');
    await vscode.commands.executeCommand('kmsLens.grants.filter', ['revoked']);
    const appData = await child(undefined, 'alias/app-data');
    assert.deepEqual((await children(appData.node)).map((c) => c.label), ['batch-alpha']);
    assert.deepEqual((await children()).map((r) => r.label), ['alias/app-data'], 'keys with nothing revoked are hidden');

    await vscode.commands.executeCommand('kmsLens.grants.filter', ['active', 'retired', 'revoked', 'attempts']);
    await vscode.commands.executeCommand('kmsLens.grants.search', 'FARGATE');
    const found = await children((await child(undefined, 'alias/app-data')).node);
    assert.deepEqual(found.map((c) => c.label), ['3f1a9c2e…b0d1', 'Attempts', 'Not through a grant']);

    await vscode.commands.executeCommand('kmsLens.grants.search', '0c237476');
    assert.deepEqual((await children((await child(undefined, 'alias/app-data')).node)).map((c) => c.label), ['reporting']);

    await vscode.commands.executeCommand('kmsLens.grants.clearFilter');
    assert.equal((await children()).length, 2);
  });

  it('says in its title and above the tree while a filter or a search is on, and why it looks empty', async () => {
    await open(sampleLog());
    await waitForGrants(hasSource(sampleLog()), 'the sample log indexed');
    const chrome = async (): Promise<{ title: string | undefined; description: string | undefined; message: string | undefined }> => (await api()).grantsViewChrome();
    assert.deepEqual(await chrome(), { title: 'KMS Grants', description: undefined, message: undefined });
    await vscode.commands.executeCommand('kmsLens.grants.filter', ['active', 'revoked']);
    assert.deepEqual(await chrome(), { title: 'KMS Grants (filtered)', description: 'active, revoked', message: 'Filtered: active, revoked. Clear the filter with the button in the title bar.' });
    await vscode.commands.executeCommand('kmsLens.grants.search', 'BatchWorker');
    assert.deepEqual(await chrome(), {
      title: 'KMS Grants (filtered)',
      description: 'active, revoked · search "batchworker"',
      message: 'Filtered: active, revoked · search "batchworker". Clear the filter with the button in the title bar.',
    });
    await vscode.commands.executeCommand('kmsLens.grants.search', 'nobody-at-all');
    assert.equal((await chrome()).message, 'Nothing matches the filter (active, revoked · search "nobody-at-all"). Clear it with the button in the title bar.');
    await vscode.commands.executeCommand('kmsLens.grants.clearFilter');
    assert.deepEqual(await chrome(), { title: 'KMS Grants', description: undefined, message: undefined });
  });

  it('writes every date in UTC, or in local time when kmsLens.timeZone says so, without a reload', async () => {
    const listing = workspaceUri('grants', 'list-grants.json');
    await open(listing);
    await waitForGrants(hasSource(listing), 'the listing indexed');
    const createdOf = async (): Promise<vscode.TreeItem> => {
      // Without the log's CreateAlias the key has no known alias: the view names it by its short id.
      const reporting = await child((await child(undefined, '1234abcd…90ab')).node, 'reporting');
      return (await child(reporting.node, 'Listed by list-grants')).item;
    };
    // list-grants logs CreationDate as 2023-11-20T14:02:51+00:00: it reads as every other date.
    assert.match(String((await createdOf()).description), /^2023-11-20 14:02:51 UTC · /);
    assert.match(tooltipOf(await createdOf()), /Time: 2023-11-20 14:02:51 UTC/);
    // The tests run in the extension host's process: a zone with a half-hour offset, whatever the machine's.
    const savedZone = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      await vscode.workspace.getConfiguration('kmsLens').update('timeZone', 'local', vscode.ConfigurationTarget.Global);
      await waitFor(async () => String((await createdOf()).description).startsWith('2023-11-20 19:32:51 UTC+5:30 · '), 'the local time in the view');
      assert.match(tooltipOf(await createdOf()), /Time: 2023-11-20 19:32:51 UTC\+5:30/);
    } finally {
      await vscode.workspace.getConfiguration('kmsLens').update('timeZone', undefined, vscode.ConfigurationTarget.Global);
      if (savedZone === undefined) delete process.env.TZ;
      else process.env.TZ = savedZone;
    }
    await waitFor(async () => String((await createdOf()).description).startsWith('2023-11-20 14:02:51 UTC · '), 'UTC again');
  });

  it('copies the grant id and the revoke-grant command, and reveals the creation event', async () => {
    await open(sampleLog());
    await waitForGrants(hasSource(sampleLog()), 'the sample log indexed');
    const appData = await child(undefined, 'alias/app-data');
    const batch = await child(appData.node, 'batch-alpha');
    assert.equal(batch.item.contextValue, 'kmsLens.grant.withCreation');

    await vscode.commands.executeCommand('kmsLens.grants.copyGrantId', batch.node);
    assert.equal(await vscode.env.clipboard.readText(), BATCH_GRANT);
    await vscode.commands.executeCommand('kmsLens.grants.copyRevokeCommand', batch.node);
    assert.equal(await vscode.env.clipboard.readText(), `aws kms revoke-grant --key-id arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab --grant-id ${BATCH_GRANT} --region us-west-2`);

    await open(fargateLog());
    await vscode.commands.executeCommand('kmsLens.grants.revealCreation', batch.node);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), sampleLog().toString());
    assert.equal(JSON.parse(editor?.document.getText(editor.selection) ?? '{}').responseElements.grantId, BATCH_GRANT);
  });

  it('indexes a big one-line log (past the 1 MB fast-path threshold) and reveals its events exactly', async () => {
    const uri = workspaceUri('big', 'cloudtrail-3MiB.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(generateLog(3 * 1024 * 1024, 7)));
    await open(uri);
    const m = await waitForGrants(hasSource(uri), 'the big log indexed', 60_000);
    const grants = m.keys.flatMap((k) => k.grants).filter((g) => g.creation?.source === uri.toString());
    assert.ok(grants.length > 100, `${grants.length} grants`);
    const g = grants[Math.floor(grants.length / 2)];
    const key = m.keys.find((k) => k.key.identity === g.keyIdentity);
    assert.ok(key);
    const node = (await children()).find((r) => (r.node as KeyNode).entry.key.identity === key.key.identity);
    assert.ok(node, 'the key is in the tree');
    const grantNode = (await children(node.node)).find((c) => (c.node as GrantNode).grant?.grantId === g.grantId);
    assert.ok(grantNode, 'the grant is in the tree');
    await open(fargateLog());
    await vscode.commands.executeCommand('kmsLens.grants.revealCreation', grantNode.node);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    const selected = JSON.parse(editor?.document.getText(editor.selection) ?? '{}');
    assert.deepEqual([selected.eventName, selected.responseElements.grantId], ['CreateGrant', g.grantId]);
  });

  it('marks an active grant no later call in the open logs used as unused, with the period, and not the grant that was used', async () => {
    const key = KEY.replace('1234abcd', '5555abcd');
    const on = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: key }], requestParameters: { keyId: key }, ...extra });
    const create = (time: string, grantee: string, grantId: string): Record<string, unknown> =>
      kmsEvent('CreateGrant', ORDERS, time, on({ readOnly: false, requestParameters: { keyId: key, granteePrincipal: grantee, operations: ['Decrypt'] }, responseElements: { grantId, keyId: key } }));
    const unusedId = 'd'.repeat(64);
    const usedId = 'e'.repeat(64);
    const events = [
      create('2024-08-01T09:00:00Z', `arn:aws:iam::${ACCOUNT}:role/Batch`, unusedId),
      create('2024-08-01T09:05:00Z', WORKER_ROLE, usedId),
      kmsEvent('Decrypt', WORKER, '2024-08-02T10:00:00Z', on()),
      kmsEvent('Decrypt', ORDERS, '2024-08-03T10:00:00Z', on()),
    ];
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: log(events) });
    await vscode.window.showTextDocument(doc);
    await waitForGrants((m) => m.keys.some((k) => k.key.arn === key && k.grants.length === 2), 'the two grants of the log');
    const grantsById = async (): Promise<Map<string, vscode.TreeItem>> => {
      const keyNode = (await children()).find((c) => (c.node as KeyNode).entry?.key.arn === key);
      assert.ok(keyNode, 'the key in the view');
      const grants = (await children(keyNode.node)).filter((c) => c.item.contextValue?.startsWith('kmsLens.grant'));
      return new Map(grants.map((g) => [(g.node as GrantNode).grant.grantId, g.item]));
    };
    const byId = await grantsById();
    const unused = byId.get(unusedId);
    assert.ok(unused && byId.has(usedId));
    assert.match(String(unused.description), / · unused$/);
    // The period reads as every other date of the view.
    assert.match(tooltipOf(unused), /Unused in the open logs: none of the 3 calls on the key between 2024-08-01 09:00:00 UTC and 2024-08-03 10:00:00 UTC went through this grant\./);
    assert.doesNotMatch(String(byId.get(usedId)?.description), /unused/);
    assert.doesNotMatch(tooltipOf(byId.get(usedId) as vscode.TreeItem), /Unused in the open logs/);
    // And in local time when kmsLens.timeZone says so (a zone with a half-hour offset, whatever the machine's).
    const savedZone = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      await vscode.workspace.getConfiguration('kmsLens').update('timeZone', 'local', vscode.ConfigurationTarget.Global);
      await waitFor(async () => /between 2024-08-01 14:30:00 UTC\+5:30 and 2024-08-03 15:30:00 UTC\+5:30 went through this grant/.test(tooltipOf((await grantsById()).get(unusedId) as vscode.TreeItem)), 'the unused period in local time');
    } finally {
      await vscode.workspace.getConfiguration('kmsLens').update('timeZone', undefined, vscode.ConfigurationTarget.Global);
      if (savedZone === undefined) delete process.env.TZ;
      else process.env.TZ = savedZone;
    }
  });
});
