/**
 * CloudTrail events as a user meets them in VS Code: diagnostics on a pasted
 * event, hovers, a quick fix, Redact for sharing, and .json.gz archives opened
 * with the command and from the explorer.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, describe as show, kmsDiagnostics, open, waitForAnalysis, waitForDiagnostics, workspaceUri } from './helpers';

const KEY = 'arn:aws:kms:us-west-2:210987654321:key/7a3f9c2e-4b1d-4e8a-9f6c-2d5e8b1a4c7f';

/** A real-shaped Fargate CreateGrant dry run, as one pastes it from a console or a ticket. */
function pastedEvent(awsRegion: string, keyId = KEY): string {
  return JSON.stringify({
    eventVersion: '1.08',
    userIdentity: { type: 'AWSService', invokedBy: 'fargate.amazonaws.com' },
    eventTime: '2024-04-23T18:08:11Z',
    eventSource: 'kms.amazonaws.com',
    eventName: 'CreateGrant',
    awsRegion,
    sourceIPAddress: 'fargate.amazonaws.com',
    userAgent: 'fargate.amazonaws.com',
    errorCode: 'DryRunOperationException',
    errorMessage: 'The request would have succeeded, but the DryRun option is set.',
    requestParameters: { keyId, granteePrincipal: 'fargate.us-west-2.amazonaws.com', dryRun: true, operations: ['Decrypt'], constraints: { encryptionContextSubset: { 'aws:ecs:clusterAccount': '210987654321', 'aws:ecs:clusterName': 'payments' } } },
    responseElements: null,
    requestID: '4c1f7a2e-9b3d-4e6f-8a1c-5d7e9f2b4a6c',
    eventID: 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b1d',
    readOnly: false,
    resources: [{ accountId: 'AWS Internal', type: 'AWS::KMS::Key', ARN: keyId }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '210987654321',
    eventCategory: 'Management',
  }, null, 2);
}

async function pasteIntoUntitled(text: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), text));
  return editor;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('CloudTrail events', () => {
  afterEach(async () => {
    await closeAll();
  });

  it('shows event diagnostics on a pasted untitled event: the region mismatch as a warning, the dry run as information', async () => {
    const editor = await pasteIntoUntitled(pastedEvent('us-east-1'));
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => show(x).startsWith('ct-region-mismatch')) && d.some((x) => show(x).startsWith('ct-dry-run')), 'the event diagnostics');
    const mismatch = ds.filter((d) => show(d).startsWith('ct-region-mismatch'));
    assert.equal(mismatch.length, 2);
    assert.ok(mismatch.every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
    assert.equal(editor.document.getText(mismatch[0].range), JSON.stringify(KEY));
    const dry = ds.find((d) => show(d).startsWith('ct-dry-run'))!;
    assert.equal(dry.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(editor.document.getText(dry.range), '"DryRunOperationException"');
    assert.ok(!ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error), JSON.stringify(ds.map(show)));
    assert.equal((await api()).analysis(uri)?.kind, 'cloudTrail');

    // Correcting the Region clears the warnings; the dry run stays (it is what happened).
    const range = editor.document.getText().indexOf('"us-east-1"');
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(range), editor.document.positionAt(range + 11)), '"us-west-2"'));
    const after = await waitForDiagnostics(uri, (d) => !d.some((x) => show(x).startsWith('ct-region-mismatch')), 'the warnings gone');
    assert.deepEqual(after.map((d) => show(d).split('@')[0]), ['ct-dry-run']);
  });

  it('hovers an event: the one-sentence summary on its brace, the KMS operation on eventName', async () => {
    const editor = await open(workspaceUri('logs', 'fargate-log.json'));
    await waitForAnalysis(editor.document);
    const text = editor.document.getText();
    const brace = editor.document.positionAt(text.indexOf('{"eventVersion"'));
    const summary = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, brace);
    assert.match(hoverText(summary), /asked KMS to create a grant letting fargate\.us-west-2 use key \.\.\.11111 to Decrypt, limited to cluster cluster-name/);
    const name = editor.document.positionAt(text.indexOf('"CreateGrant"') + 2);
    const op = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, name);
    assert.match(hoverText(op), /\*\*KMS CreateGrant\*\*/);
    assert.match(hoverText(op), /IAM action: `kms:CreateGrant`/);
  });

  it('repairs an arn:aws::kms: ARN with its quick fix', async () => {
    const broken = KEY.replace('arn:aws:kms:', 'arn:aws::kms:');
    const editor = await pasteIntoUntitled(pastedEvent('us-west-2', broken));
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (ds) => ds.filter((x) => show(x).startsWith('ct-malformed-arn')).length === 2, 'the malformed ARN diagnostics').then((ds) => ds.filter((x) => show(x).startsWith('ct-malformed-arn')));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === `Change to ${KEY}`);
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, (ds) => ds.filter((x) => show(x).startsWith('ct-malformed-arn')).length === 1, 'one malformed ARN left');
    assert.equal(editor.document.getText().split(broken).length, 2, 'exactly the one ARN was changed');
    assert.ok(editor.document.getText().includes(JSON.stringify(KEY)));
  });

  it('formats a minified log so that findings point at readable lines', async () => {
    const minified = JSON.stringify({ Records: [JSON.parse(pastedEvent('us-west-2')), JSON.parse(pastedEvent('us-east-1'))] });
    const doc = await vscode.workspace.openTextDocument({ content: minified, language: 'json' });
    await vscode.window.showTextDocument(doc);
    const before = await waitForDiagnostics(doc.uri, (d) => d.some((x) => show(x).startsWith('ct-region-mismatch')), 'findings on the one line');
    assert.ok(before.every((d) => d.range.start.line === 0));
    assert.equal(await vscode.commands.executeCommand('kmsLens.formatCloudTrailLog'), doc.uri);
    assert.ok(doc.lineCount > 60);
    assert.deepEqual(JSON.parse(doc.getText()), JSON.parse(minified));
    const after = await waitForDiagnostics(doc.uri, (d) => d.some((x) => show(x).startsWith('ct-region-mismatch') && x.range.start.line > 0), 'findings on readable lines');
    const mismatch = after.filter((d) => show(d).startsWith('ct-region-mismatch'));
    assert.equal(mismatch.length, 2);
    assert.match(doc.lineAt(mismatch[0].range.start.line).text, /^\s+"keyId": "arn:aws:kms:us-west-2:/);
  });

  it('redacts a log for sharing into a new untitled editor, leaving the original untouched', async () => {
    const editor = await open(workspaceUri('logs', 'deadline-events.jsonl'));
    const original = editor.document.getText();
    assert.ok(original.includes('111122223333'));
    const copyUri = await vscode.commands.executeCommand<vscode.Uri>('kmsLens.redactForSharing');
    assert.ok(copyUri, 'the command returns the copy');
    assert.equal(copyUri.scheme, 'untitled');
    const copy = vscode.workspace.textDocuments.find((d) => d.uri.toString() === copyUri.toString());
    assert.ok(copy);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), copyUri.toString());
    assert.ok(!copy.getText().includes('111122223333'));
    assert.ok(!/AROA[A-Z0-9]*EXAMPLE|SampleUser01/.test(copy.getText()));
    for (const line of copy.getText().split('\n').filter((l) => l.trim())) assert.doesNotThrow(() => JSON.parse(line));
    assert.equal(editor.document.getText(), original);
    assert.equal(editor.document.isDirty, false);
  });

  it('opens a .json.gz log read-only and decompressed with the command, with all features active', async () => {
    const archive = workspaceUri('logs', 'fargate-archive.json.gz');
    const listing = async (): Promise<string[]> => (await vscode.workspace.fs.readDirectory(workspaceUri('logs'))).map(([n]) => n).sort();
    const before = await listing();
    assert.ok(before.includes('fargate-archive.json.gz'));
    const view = await vscode.commands.executeCommand<vscode.Uri>('kmsLens.openCloudTrailArchive', archive);
    assert.equal(view.scheme, 'kms-lens-archive');
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.toString(), view.toString());
    const plain = await vscode.workspace.fs.readFile(workspaceUri('logs', 'fargate-log.json'));
    assert.equal(doc.getText(), new TextDecoder().decode(plain));
    assert.equal(doc.languageId, 'json');
    assert.equal(await waitForAnalysis(doc), 'cloudTrail');
    await waitForDiagnostics(view, (ds) => ds.some((d) => show(d).startsWith('ct-dry-run')), 'diagnostics in the archive');
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', view, doc.positionAt(doc.getText().indexOf('"eventName"') + 14));
    assert.match(hoverText(hover), /KMS CreateGrant/);
    // Read-only: an edit to the archive view cannot be saved.
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(view, new Uint8Array([1]))));
    // No file was written next to the archive.
    assert.deepEqual(await listing(), before);
  });

  it('shows the decompressed log when a .json.gz is opened as from the explorer', async () => {
    const archive = workspaceUri('logs', 'fargate-archive.json.gz');
    const shown = new Promise<vscode.TextEditor>((resolve) => {
      const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.uri.scheme === 'kms-lens-archive') {
          sub.dispose();
          resolve(e);
        }
      });
    });
    await vscode.commands.executeCommand('vscode.open', archive);
    const editor = await shown;
    assert.equal(editor.document.uri.path, archive.path.replace(/\.gz$/, ''));
    assert.equal(await waitForAnalysis(editor.document), 'cloudTrail');
    assert.ok(kmsDiagnostics(editor.document.uri).length > 0 || (await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 'diagnostics')).length > 0);
  });

  it('analyses a log of 6,000 events in chunks, to the last event, and again after an edit', async () => {
    const events = Array.from({ length: 6000 }, (_, i) => {
      const e = JSON.parse(pastedEvent('us-west-2')) as Record<string, unknown>;
      e.eventID = `e8b2d4f6-1a3c-4e5f-9b7d-${String(i).padStart(12, '0')}`;
      // Real grants, not dry runs: a clean log but for the mistakes planted below.
      delete e.errorCode;
      delete e.errorMessage;
      delete (e.requestParameters as Record<string, unknown>).dryRun;
      e.responseElements = { grantId: 'a'.repeat(64), keyId: KEY };
      return e;
    });
    // The very last event is wrong: its finding proves the chunked run went to the end.
    events[5999].awsRegion = 'eu-west-1';
    // An untitled document, as a log pasted from a download: no file to clean up afterwards.
    const doc = await vscode.workspace.openTextDocument({ content: JSON.stringify({ Records: events }), language: 'json' });
    const editor = await vscode.window.showTextDocument(doc);
    const uri = doc.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => show(x).startsWith('ct-region-mismatch')), 'the finding in the last event', 120_000);
    const mismatch = ds.filter((d) => show(d).startsWith('ct-region-mismatch'));
    // The request, the response and resources each name the key of another Region.
    assert.equal(mismatch.length, 3);
    assert.ok(doc.offsetAt(mismatch[0].range.start) > doc.getText().length * 0.99);
    // One more mistake, in the first event: the edit is analysed too.
    const at = doc.getText().indexOf('"eventID"');
    await editor.edit((b) => b.insert(doc.positionAt(at), '"eventTime2": 1, '));
    await waitForDiagnostics(uri, (d) => d.some((x) => show(x).startsWith('ct-unknown-field')), 'the finding after the edit', 120_000);
  });
});
