/**
 * Key lifecycles in a real VS Code: the grants view shows each key's state
 * ("Pending deletion" with its date), rotation and timeline, whose events
 * reveal themselves when clicked; the diagnostic on a use after DisableKey and
 * the hovers appear on the events; "Create Alarm Pattern for Key Use" writes
 * the EventBridge pattern into a new untitled editor.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { child, children, closeAll, kmsDiagnostics, open, waitForDiagnostics, workspaceUri, waitForGrants } from './helpers';

const PAYROLL = 'arn:aws:kms:us-west-2:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
/** Keys without an alias in the log, as the view names them: their ids shortened. */
const FARGATE = '7b8c9d0e…9d0e';
const FARGATE_ID = '7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e';
const REPORTS = '9e8d7c6b…7c6b';

const lifecycleLog = () => workspaceUri('lifecycle', 'key-lifecycle.json');

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

function tooltipText(item: vscode.TreeItem): string {
  return item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** The position just inside the `occurrence`-th `"eventName": "NAME"` value of the document. */
function eventNameAt(doc: vscode.TextDocument, name: string, occurrence = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(`"eventName": "${name}"`, at + 1);
  assert.ok(at >= 0, `no ${name}`);
  return doc.positionAt(at + '"eventName": "'.length + 1);
}

describe('key lifecycle', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('kmsLens.grants.clearFilter');
    // The alarm patterns are untitled and dirty: revert them so closing asks nothing.
    for (let i = 0; i < 10 && vscode.window.activeTextEditor?.document.isUntitled; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAll();
  });

  it('the key node shows "Pending deletion" with the date, its rotation, and a timeline whose events reveal themselves', async () => {
    await open(lifecycleLog());
    await waitForGrants((m) => m.sources.includes(lifecycleLog().toString()), 'the lifecycle log indexed');

    const payroll = await child(undefined, 'alias/payroll-archive');
    // The row says the state in a word; the tooltip and the State item say when.
    assert.equal(payroll.item.description, 'Pending deletion · 1 grant, 1 active');
    assert.match(tooltipText(payroll.item), /State: \*\*Pending deletion: deleted on 2024-06-17 09:15:00 UTC at the earliest, up to 24 h later\*\*/);
    assert.match(tooltipText(payroll.item), /deletion between 2024-06-17 09:15:00 UTC and 2024-06-18 09:15:00 UTC/);

    const under = await children(payroll.node);
    assert.deepEqual(under.map((c) => c.label), ['Pending deletion', 'Automatic rotation on', 'Timeline', 'Refused calls', 'payroll-exporter']);
    assert.equal(under[0].item.description, 'deleted 2024-06-17 09:15:00 UTC at the earliest');
    assert.equal(under[1].item.description, 'every 365 days');
    assert.equal(under[2].item.description, '4 lifecycle events');
    assert.equal(under[3].item.description, '2');

    const timeline = await children(under[2].node);
    assert.deepEqual(timeline.map((c) => c.label), [
      'Created',
      'Automatic rotation enabled (every 365 days)',
      'Disabled',
      'Deletion scheduled (7-day window)',
    ]);
    assert.match(tooltipText(timeline[3].item), /Deletion scheduled \(7-day window\): deleted on 2024-06-17 09:15:00 UTC at the earliest, up to 24 h later/);
    const disabled = timeline[2];
    assert.equal(disabled.item.description, '2024-06-01 09:00:00 UTC · user/Alice · key-lifecycle.json');
    const command = disabled.item.command;
    assert.ok(command, 'a timeline event has a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), lifecycleLog().toString());
    const selected = JSON.parse(editor.document.getText(editor.selection));
    assert.deepEqual([selected.eventName, selected.eventTime], ['DisableKey', '2024-06-01T09:00:00Z']);

    // The other keys: scheduled straight from Enabled with the default window; disabled under Fargate.
    const reports = await child(undefined, REPORTS);
    assert.equal(reports.item.description, 'Pending deletion');
    assert.equal((await child(reports.node, 'Pending deletion')).item.description, 'deleted 2024-07-20 14:30:00 UTC at the earliest');
    const fargate = await child(undefined, FARGATE);
    assert.equal(fargate.item.description, 'Disabled · 1 grant, 1 active');
    assert.equal((await child(fargate.node, 'Disabled')).item.description, 'since 2024-06-05 16:40:00 UTC');
    const usedBy = await child(fargate.node, 'Used by Fargate');
    assert.equal(usedBy.item.description, 'cluster payments');
    assert.match(tooltipText(usedBy.item), /Used by Fargate ephemeral storage \(cluster payments\)/);
  });

  it('the diagnostic on a use after DisableKey appears on the event, with its hover', async () => {
    const editor = await open(lifecycleLog());
    const doc = editor.document;
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'lifecycle-use-after-disable'), 'the use-after-disable diagnostic');
    const useAfter = diagnostics.filter((d) => codeOf(d) === 'lifecycle-use-after-disable');
    assert.equal(useAfter.length, 2, 'the refused Decrypt and the refused GenerateDataKey');
    const refusedDecrypt = eventNameAt(doc, 'Decrypt', 1);
    const [first] = useAfter;
    assert.equal(first.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(first.range.start.line, refusedDecrypt.line);
    assert.equal(doc.getText(first.range), '"Decrypt"');
    assert.match(first.message, /was refused \(DisabledException\): the key has been disabled since 2024-06-01 09:00:00 UTC/);

    // Every lifecycle rule of the sample log reports, each once; the two refused calls are also failed calls.
    assert.deepEqual(kmsDiagnostics(doc.uri).map(codeOf).sort(), [
      'ct-failed-call', 'ct-failed-call',
      'lifecycle-deadline-rotate-on-demand', 'lifecycle-delete-in-use', 'lifecycle-delete-not-disabled', 'lifecycle-fargate-key-stopped',
      'lifecycle-short-pending-window', 'lifecycle-use-after-disable', 'lifecycle-use-after-disable',
    ]);

    const refusal = await hoverText(doc.uri, refusedDecrypt);
    assert.match(refusal, /Refused \(DisabledException\) because of the key's state/);
    assert.match(refusal, /is Disabled since 2024-06-01 09:00:00 UTC/);
    // The same hover still says what the operation is (the CloudTrail hover, shown after the lifecycle one).
    assert.match(refusal, /KMS Decrypt/);
    const schedule = await hoverText(doc.uri, eventNameAt(doc, 'ScheduleKeyDeletion'));
    assert.match(schedule, /It will be deleted on \*\*2024-06-17 09:15:00 UTC\*\* at the earliest, and up to 24 hours later \(by 2024-06-18 09:15:00 UTC\)/);
  });

  it('Create Alarm Pattern for Key Use writes the EventBridge pattern for a typed ARN, or for a key node, in a new untitled editor', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('kmsLens.createKeyUseAlarmPattern', PAYROLL);
    assert.ok(editor);
    assert.equal(vscode.window.activeTextEditor?.document, editor.document);
    assert.ok(editor.document.isUntitled);
    assert.equal(editor.document.languageId, 'json');
    const pattern = JSON.parse(editor.document.getText());
    assert.deepEqual(pattern.source, ['aws.kms']);
    assert.deepEqual(pattern['detail-type'], ['AWS API Call via CloudTrail']);
    assert.deepEqual(pattern.detail.resources, { ARN: [PAYROLL] });
    assert.ok(pattern.detail.eventName.includes('Decrypt') && pattern.detail.eventName.includes('GenerateDataKey'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await open(lifecycleLog());
    await waitForGrants((m) => m.sources.includes(lifecycleLog().toString()), 'the lifecycle log indexed');
    const fargate = await child(undefined, FARGATE);
    const fromNode = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('kmsLens.createKeyUseAlarmPattern', fargate.node);
    assert.ok(fromNode);
    assert.deepEqual(JSON.parse(fromNode.document.getText()).detail.resources, { ARN: [`arn:aws:kms:us-west-2:482913650217:key/${FARGATE_ID}`] });

    // A typed value that is no key ARN writes nothing.
    const before = vscode.window.activeTextEditor?.document;
    assert.equal(await vscode.commands.executeCommand('kmsLens.createKeyUseAlarmPattern', 'alias/payroll-archive'), undefined);
    assert.equal(vscode.window.activeTextEditor?.document, before);
  });
});
