/**
 * Terraform in the editor (issue 17): the parser loads on the first .tf file,
 * then a diagnostic on the exact characters, a hover and a quick fix that
 * writes HCL.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, open, waitForDiagnostics, workspaceUri } from './helpers';

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const withCode = (code: string) => (ds: vscode.Diagnostic[]): vscode.Diagnostic[] => ds.filter((d) => codeOf(d) === code);

describe('Terraform modules in the editor', () => {
  afterEach(closeAll);

  it('reports a misspelt action in a data aws_iam_policy_document block', async () => {
    const editor = await open(workspaceUri('terraform', 'kms.tf'));
    const [d] = await waitForDiagnostics(editor.document.uri, (ds) => withCode('policy-unknown-action')(ds).length === 1, 'the unknown action in the Terraform module', 40_000).then(withCode('policy-unknown-action'));
    assert.equal(editor.document.getText(d.range), 'Decrpyt');
    assert.equal(d.range.start.line, 29);
  });

  it('hovers an action in a jsonencode policy', async () => {
    const editor = await open(workspaceUri('terraform', 'kms.tf'));
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0, 'the module analysed', 40_000);
    const line = 59;
    const at = new vscode.Position(line, editor.document.lineAt(line).text.indexOf('kms:CreateGrant') + 6);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /kms:CreateGrant/);
  });

  it('fixes effect = "allow" in HCL', async () => {
    const editor = await open(workspaceUri('terraform', 'kms.tf'));
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (ds) => withCode('policy-effect-invalid')(ds).length === 1, 'the invalid effect', 40_000).then(withCode('policy-effect-invalid'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.edit && a.title.includes('"Allow"'));
    assert.ok(fix?.edit, `quick fixes offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(28).text, '    effect    = "Allow"');
    await waitForDiagnostics(uri, (ds) => withCode('policy-effect-invalid')(ds).length === 0, 'the finding gone after the fix');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
