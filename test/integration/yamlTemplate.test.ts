/**
 * CloudFormation YAML in the editor (issue 17): a diagnostic on the exact YAML
 * characters, a hover, and a quick fix that writes YAML in the template's
 * style; YAML that is not a template with a KMS policy gets nothing.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, describe as show, kmsDiagnostics, open, waitForAnalysis, waitForDiagnostics, workspaceUri } from './helpers';

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const withCode = (code: string) => (ds: vscode.Diagnostic[]): vscode.Diagnostic[] => ds.filter((d) => codeOf(d) === code);

describe('CloudFormation YAML templates in the editor', () => {
  afterEach(closeAll);

  it('reports a misspelt action on its YAML characters', async () => {
    const editor = await open(workspaceUri('templates', 'kms-key.yaml'));
    assert.equal(editor.document.languageId, 'yaml');
    const [d] = await waitForDiagnostics(editor.document.uri, (ds) => withCode('policy-unknown-action')(ds).length === 1, 'the unknown action in the YAML template').then(withCode('policy-unknown-action'));
    assert.equal(show(d), 'policy-unknown-action@38:38-38:45');
    assert.equal(editor.document.getText(d.range), 'Decrpyt');
    // The sample's findings, listed one by one in test/unit/yamlTemplate.test.ts.
    assert.equal(kmsDiagnostics(editor.document.uri).length, 10);
  });

  it('hovers an action written as a plain YAML scalar', async () => {
    const editor = await open(workspaceUri('templates', 'kms-key.yaml'));
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0, 'the template analysed');
    const line = editor.document.lineAt(32);
    const at = new vscode.Position(32, line.text.indexOf('kms:ScheduleKeyDeletion') + 6);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /kms:ScheduleKeyDeletion/);
  });

  it('fixes Effect: allow as YAML, keeping the plain style', async () => {
    const editor = await open(workspaceUri('templates', 'kms-key.yaml'));
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (ds) => withCode('policy-effect-invalid')(ds).length === 1, 'the invalid Effect').then(withCode('policy-effect-invalid'));
    assert.equal(editor.document.getText(d.range), 'allow');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.edit && a.title.includes('"Allow"'));
    assert.ok(fix?.edit, `quick fixes offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(35).text, '            Effect: Allow');
    await waitForDiagnostics(uri, (ds) => withCode('policy-effect-invalid')(ds).length === 0 && ds.length === 9, 'the finding gone after the fix');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('says nothing about a GitHub workflow that mentions KMS', async () => {
    const editor = await open(workspaceUri('other', 'ci-workflow.yml'));
    assert.equal(editor.document.languageId, 'yaml');
    assert.equal(await waitForAnalysis(editor.document), 'other');
    assert.deepEqual(kmsDiagnostics(editor.document.uri), []);
  });
});
