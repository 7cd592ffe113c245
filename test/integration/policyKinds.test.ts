/**
 * Policy kinds in the real editor: a trust policy and a bucket policy raise no
 * diagnostics, the kind hover on the first brace says what the file was read
 * as, a policy whose kind is uncertain shows information only, and
 * kmsLens.policyKinds applies without a reload.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, describe as show, kmsDiagnostics, open, waitForAnalysis, waitForDiagnostics, workspaceUri } from './helpers';

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function setPolicyKinds(kinds: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('kmsLens').update('policyKinds', kinds, vscode.ConfigurationTarget.Workspace);
}

describe('policy kinds', () => {
  afterEach(async () => {
    await setPolicyKinds(undefined);
    await closeAll();
  });

  it('a trust policy has no diagnostics, and its first brace says it was read as a trust policy', async () => {
    const editor = await open(workspaceUri('policies', 'deploy-role-trust-policy.json'));
    assert.equal(await waitForAnalysis(editor.document), 'trustPolicy');
    assert.deepEqual(kmsDiagnostics(editor.document.uri).map(show), []);
    const md = await hoverText(editor.document.uri, new vscode.Position(0, 0));
    assert.match(md, /KMS Lens reads this as: An IAM role trust policy/);
    assert.match(md, /Only what is about KMS is checked/);
  });

  it('an S3 bucket policy with "Principal": "*" and an SSE-KMS key gets no key policy diagnostics', async () => {
    const editor = await open(workspaceUri('policies', 'data-lake-bucket-policy.json'));
    assert.equal(await waitForAnalysis(editor.document), 'resourcePolicy');
    assert.deepEqual(kmsDiagnostics(editor.document.uri).map(show), []);
    assert.match(await hoverText(editor.document.uri, new vscode.Position(0, 0)), /reads this as: An S3 bucket policy/);
  });

  it('an uncertain kind shows information only; kmsLens.policyKinds settles it without a reload', async () => {
    const editor = await open(workspaceUri('policies', 'batch-kms-statements.json'));
    const uri = editor.document.uri;
    const [lockout] = await waitForDiagnostics(uri, (ds) => ds.some((d) => show(d).startsWith('policy-lockout-risk@')), 'the lockout finding');
    assert.equal(lockout.severity, vscode.DiagnosticSeverity.Information);
    assert.match(lockout.message, /not sure this is a KMS key policy/);
    assert.match(await hoverText(uri, new vscode.Position(0, 0)), /Not sure: it could also be a VPC endpoint policy/);

    await setPolicyKinds({ 'batch-kms-*.json': 'vpcEndpointPolicy' });
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no diagnostics once the file is a VPC endpoint policy');
    assert.equal((await api()).analysis(uri)?.kind, 'vpcEndpointPolicy');

    await setPolicyKinds({ 'policies/batch-kms-statements.json': 'keyPolicy' });
    const [sure] = await waitForDiagnostics(uri, (ds) => ds.some((d) => show(d).startsWith('policy-lockout-risk@') && d.severity === vscode.DiagnosticSeverity.Warning), 'the lockout warning once the file is a key policy');
    assert.doesNotMatch(sure.message, /not sure/);
  });

  it('a pasted event with a missing comma gets its event diagnostics beside the JSON error', async () => {
    const text = [
      '{',
      '  "eventVersion": "1.08",',
      '  "userIdentity": {"type": "AssumedRole", "accountId": "210987654321", "arn": "arn:aws:sts::210987654321:assumed-role/app/i-0abc"},',
      '  "eventTime": "2024-03-01T10:00:00Z",',
      '  "eventSource": "kms.amazonaws.com",',
      '  "eventName": "Decrpyt",',
      '  "awsRegion": "us-west-2"',
      '  "sourceIPAddress": "10.0.0.1",',
      '  "requestParameters": {"keyId": "arn:aws::kms:us-west-2:210987654321:key/0b6c1e9a-3d2f-4a7e-9c15-8e4d2b7f6a31"},',
      '  "responseElements": null,',
      '  "eventID": "5b1f8d3c-1111-4222-8333-444455556666",',
      '  "eventType": "AwsApiCall",',
      '  "eventCategory": "Management",',
      '  "recipientAccountId": "210987654321"',
      '}',
    ].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: text });
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => show(x).startsWith('ct-kms-operation@')), 'the misspelt operation');
    assert.deepEqual(ds.map(show).sort(), ['ct-kms-operation@5:15-5:24', 'ct-malformed-arn@8:33-8:111', 'json-missing-comma@7:2-7:19'].sort());
  });
});
