/**
 * Policy rules as a user meets them in VS Code: diagnostics on the exact
 * token with a code that opens the rule's page (docs/rules/<id>.md), in a key policy,
 * inside a PutKeyPolicy event's policy string and in a CloudFormation template;
 * a severity override applied at once; a quick fix that repairs the policy.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, describe as show, linkedRulePage, open, setRuleSeverity, waitForDiagnostics, workspaceUri } from './helpers';

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const withCode = (code: string) => (ds: vscode.Diagnostic[]): vscode.Diagnostic[] => ds.filter((d) => codeOf(d) === code);

/** The heading of the rule page a diagnostic's code opens. */
const linkedHeading = async (d: vscode.Diagnostic): Promise<string> => (await linkedRulePage(d)).heading;

describe('policy rules in the editor', () => {
  afterEach(async () => {
    await setRuleSeverity(undefined);
    await closeAll();
  });

  it('reports a key policy\'s mistakes on the exact tokens, each linked to its rule', async () => {
    const editor = await open(workspaceUri('policies', 'app-key-policy.json'));
    const ds = await waitForDiagnostics(editor.document.uri, (x) => x.length >= 3, 'the three findings of app-key-policy.json');
    assert.deepEqual(ds.map(show), ['policy-unknown-action@15:22-15:29', 'policy-key-policy-resource@16:18-16:95', 'policy-public-principal@21:28-21:31']);
    const [action, resource, principal] = ds;
    assert.equal(editor.document.getText(action.range), 'Decrpyt');
    assert.equal(editor.document.getText(resource.range), '"arn:aws:kms:us-west-2:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab"');
    assert.equal(editor.document.getText(principal.range), '"*"');
    // A key ARN in a key policy is a warning: KMS documents "*", it does not document rejecting the ARN.
    assert.deepEqual(ds.map((d) => d.severity), [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Warning]);
    assert.match(action.message, /did you mean kms:Decrypt/);
    for (const d of ds) assert.equal(await linkedHeading(d), `# ${codeOf(d)}`);
  });

  it('applies a severity override and "off" at once', async () => {
    const editor = await open(workspaceUri('policies', 'app-key-policy.json'));
    const uri = editor.document.uri;
    const actions = withCode('policy-unknown-action');
    await waitForDiagnostics(uri, (ds) => actions(ds).length === 1, 'the unknown action');
    await setRuleSeverity({ 'policy-unknown-action': 'hint', 'policy-public-principal': 'error' });
    const ds = await waitForDiagnostics(uri, (x) => actions(x)[0]?.severity === vscode.DiagnosticSeverity.Hint, 'the unknown action as a hint');
    assert.equal(withCode('policy-public-principal')(ds)[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(show(actions(ds)[0]), 'policy-unknown-action@15:22-15:29');
    await setRuleSeverity({ 'policy-unknown-action': 'off' });
    await waitForDiagnostics(uri, (x) => actions(x).length === 0 && withCode('policy-key-policy-resource')(x).length === 1, 'the rule switched off, the others still there');
  });

  it('repairs the misspelt action with its quick fix', async () => {
    const editor = await open(workspaceUri('policies', 'app-key-policy.json'));
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (ds) => withCode('policy-unknown-action')(ds).length === 1, 'the unknown action').then(withCode('policy-unknown-action'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    // The misspelt action matches nothing today: the repair makes the Allow apply, so its title says what it allows and it is not preferred.
    const fix = actions.find((a) => a.title.startsWith('Change to "kms:Decrypt" — Allows '));
    assert.ok(fix?.edit, `quick fixes offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(!fix.isPreferred);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(15).text.trim(), '"Action": ["kms:Decrypt", "kms:GenerateDataKey"],');
    await waitForDiagnostics(uri, (ds) => withCode('policy-unknown-action')(ds).length === 0 && ds.length === 2, 'the finding gone after the fix');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reports a mistake inside the policy string of a PutKeyPolicy event at its characters', async () => {
    const editor = await open(workspaceUri('logs', 'put-key-policy.json'));
    const [d] = await waitForDiagnostics(editor.document.uri, (ds) => withCode('policy-unknown-action')(ds).length === 1, 'the unknown action in the policy string').then(withCode('policy-unknown-action'));
    assert.equal(show(d), 'policy-unknown-action@16:513-16:520');
    assert.equal(editor.document.getText(d.range), 'Encrpyt');
    assert.equal(await linkedHeading(d), '# policy-unknown-action');
  });

  it('shows only information on a Terraform templatefile key policy: one note per variable, and a hover that reads through it', async () => {
    const editor = await open(workspaceUri('policies', 'templatefile-key-policy.json'));
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (x) => x.length >= 2, 'the two template variables');
    assert.deepEqual(ds.map(show), ['policy-placeholder@7:42-7:55', 'policy-placeholder@14:38-14:51']);
    assert.deepEqual(ds.map((d) => editor.document.getText(d.range)), ['${account_id}', '${aws_region}']);
    assert.ok(ds.every((d) => d.severity === vscode.DiagnosticSeverity.Information), ds.map((d) => `${show(d)} ${d.severity}`).join(', '));
    const at = editor.document.positionAt(editor.document.getText().indexOf('logs.${aws_region}') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /The CloudWatch Logs service itself/);
    assert.match(text, /Regional form of the service principal/);
  });

  it('reports a mistake in a CloudFormation template\'s key policy, and nothing on its intrinsic functions', async () => {
    const editor = await open(workspaceUri('templates', 'key-stack.json'));
    const ds = await waitForDiagnostics(editor.document.uri, (x) => x.length > 0, 'the template\'s finding');
    assert.deepEqual(ds.map(show), ['policy-via-service-unsupported@41:37-41:40']);
    assert.equal(editor.document.getText(ds[0].range), 'ebs');
    assert.equal(ds[0].severity, vscode.DiagnosticSeverity.Warning);
  });
});
