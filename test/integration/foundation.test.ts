/**
 * The foundation, as a user meets it: the extension activates on policies and
 * logs, syntax problems show with exact ranges and a documentation link, they
 * clear when fixed or closed, settings apply without a reload, plain JSON is
 * left alone, and pasted text is analysed.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, describe as show, EXTENSION_ID, kmsDiagnostics, linkedRulePage, open, setRuleSeverity, waitForAnalysis, waitForDiagnostics, workspaceUri } from './helpers';

/** The seed policy has other findings too (its arn:aws::kms: ARN, placeholders); these tests follow its trailing comma. */
const commas = (ds: vscode.Diagnostic[]): vscode.Diagnostic[] => ds.filter((d) => show(d).startsWith('json-trailing-comma@'));

describe('foundation', () => {
  afterEach(async () => {
    await setRuleSeverity(undefined);
    await closeAll();
  });

  it('activates on a key policy and classifies it', async () => {
    const editor = await open(workspaceUri('policies', 'default-key-policy.json'));
    const kms = await api();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(await waitForAnalysis(editor.document), 'keyPolicy');
    // Its only finding is the note that 111122223333 is the documentation's example account.
    assert.deepEqual(kmsDiagnostics(editor.document.uri).map(show), ['policy-placeholder@7:42-7:54']);
    assert.equal(kms.analysis(editor.document.uri)?.kind, 'keyPolicy');
  });

  it('recognises a CloudTrail Records file and JSON Lines events', async () => {
    const log = await open(workspaceUri('logs', 'fargate-log.json'));
    assert.equal(await waitForAnalysis(log.document), 'cloudTrail');
    const lines = await open(workspaceUri('logs', 'deadline-events.jsonl'));
    assert.equal(lines.document.languageId, 'jsonl');
    assert.equal(await waitForAnalysis(lines.document), 'cloudTrail');
  });

  it('reports the trailing comma of the Deadline read-write policy with its exact range and a link', async () => {
    const editor = await open(workspaceUri('policies', 'deadline-read-write.json'));
    const [d] = await waitForDiagnostics(editor.document.uri, (ds) => commas(ds).length > 0, 'the trailing comma diagnostic').then(commas);
    assert.equal(show(d), 'json-trailing-comma@0:158-0:159');
    assert.equal(editor.document.getText(d.range), ',');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(await linkedRulePage(d), { rule: 'json-trailing-comma', heading: '# json-trailing-comma' });
  });

  it('clears the diagnostic when the text is fixed, and when the document is closed', async () => {
    const editor = await open(workspaceUri('policies', 'deadline-read-write.json'));
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (ds) => commas(ds).length > 0, 'a diagnostic to fix').then(commas);
    await editor.edit((b) => b.delete(d.range));
    await waitForDiagnostics(uri, (ds) => commas(ds).length === 0, 'no trailing comma diagnostic after removing the comma');
    // Put the comma back, then close the document without saving: diagnostics must go.
    await editor.edit((b) => b.insert(d.range.start, ','));
    await waitForDiagnostics(uri, (ds) => commas(ds).length === 1, 'the diagnostic again');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no diagnostics after closing');
  });

  it('applies a rule turned off in settings at once, without a reload', async () => {
    const editor = await open(workspaceUri('policies', 'deadline-read-write.json'));
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => commas(ds).length === 1, 'the trailing comma diagnostic');
    await setRuleSeverity({ 'json-trailing-comma': 'off' });
    await waitForDiagnostics(uri, (ds) => commas(ds).length === 0, 'the rule switched off');
    await setRuleSeverity({ 'json-trailing-comma': 'warning' });
    const [d] = await waitForDiagnostics(uri, (ds) => commas(ds).length === 1 && commas(ds)[0].severity === vscode.DiagnosticSeverity.Warning, 'the rule as a warning').then(commas);
    assert.equal(show(d), 'json-trailing-comma@0:158-0:159');
  });

  it('clears the diagnostics of a document that stops being a policy', async () => {
    const editor = await open(workspaceUri('policies', 'deadline-read-write.json'));
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds.some((d) => show(d).startsWith('json-trailing-comma')), 'the trailing comma diagnostic');
    const all = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length));
    await editor.edit((b) => b.replace(all, '{ "name": "not a policy", "list": [1, 2,] }'));
    assert.equal(await waitForAnalysis(editor.document), 'other');
    assert.deepEqual(kmsDiagnostics(uri).map(show), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('with run set to onSave, analyses a file when it is saved, not as it is typed', async () => {
    await vscode.workspace.getConfiguration('kmsLens').update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
    // VS Code for the web saves after a delay by default, which would be a save this test did not make.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await open(workspaceUri('policies', 'default-key-policy.json'));
      const uri = editor.document.uri;
      assert.equal(await waitForAnalysis(editor.document), 'keyPolicy');
      const end = editor.document.positionAt(editor.document.getText().lastIndexOf(']'));
      await editor.edit((b) => b.insert(end, ','));
      const trailing = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => show(d).startsWith('json-trailing-comma'));
      // Typing does not analyse: nothing appears within five times the typing delay (300 ms).
      await assert.rejects(waitForDiagnostics(uri, trailing, 'no diagnostic before saving', 1500), /timed out/);
      assert.notEqual((await api()).lastRun(uri)?.version, editor.document.version);
      await editor.document.save();
      await waitForDiagnostics(uri, trailing, 'the diagnostic after saving');
      await editor.edit((b) => b.delete(new vscode.Range(end, end.translate(0, 1))));
      await editor.document.save();
      await waitForDiagnostics(uri, (ds) => !trailing(ds), 'no trailing comma after saving the fix');
    } finally {
      await vscode.workspace.getConfiguration('kmsLens').update('run', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('leaves plain JSON alone, even with a syntax error in it', async () => {
    const editor = await open(workspaceUri('other', 'app-config.json'));
    assert.equal(await waitForAnalysis(editor.document), 'other');
    assert.deepEqual(kmsDiagnostics(editor.document.uri).map(show), []);
    assert.equal((await api()).analysis(editor.document.uri), undefined);
  });

  it('analyses an event pasted into an untitled document', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    const event = '{"eventVersion": "1.08", "eventSource": "kms.amazonaws.com", "eventName": "Decrypt"\n "awsRegion": "us-west-2"}';
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), event));
    const ds = await waitForDiagnostics(doc.uri, (x) => x.length > 0, 'a diagnostic on the pasted event');
    // The JSON error, and beside it what the event rules say of the event it still is (a trimmed one).
    assert.deepEqual(ds.map(show), ['ct-missing-field@0:0-0:1', 'ct-version-field@0:17-0:23', 'json-missing-comma@1:1-1:12']);
    assert.equal((await api()).analysis(doc.uri)?.kind, 'cloudTrail');
  });
});
