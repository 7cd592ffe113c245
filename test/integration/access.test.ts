/**
 * What users get from the access evaluator in VS Code: the access summary on
 * a key policy's "Statement", the eventName hover that says what allowed a
 * call against the key policy the log shows, and ct-access-drift on a call
 * that policy cannot explain.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BOB, KEY, KEY_POLICY, kmsEvent, log, ORDERS, ORDERS_ROLE, OUTSIDER, WORKER, WORKER_ROLE } from '../unit/accessFixtures';
import { api, closeAll, describe as show, kmsDiagnostics, open, waitFor, waitForAnalysis, waitForDiagnostics, waitForGrants, workspaceUri } from './helpers';

async function hoverText(doc: vscode.TextDocument, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

describe('access: summary, events against the policy, drift', () => {
  afterEach(closeAll);

  it('hovers a key policy\'s "Statement" with who can use the key', async () => {
    const editor = await open(workspaceUri('policies', 'app-key-policy.json'));
    await waitForAnalysis(editor.document);
    const text = editor.document.getText();
    const md = await hoverText(editor.document, text.indexOf('"Statement"') + 2);
    assert.match(md, /\*\*Who can use this key\*\*/);
    assert.match(md, /Any principal of account `210987654321` whose IAM policies allow it:/);
    assert.match(md, /- Anyone:\n {2}- may `DescribeKey` \(statement 2, `Everyone`\)/);
  });

  it('says on eventName which statement allowed the call, and warns on a call the log\'s key policy cannot explain', async () => {
    const events = [
      kmsEvent('CreateKey', BOB, '2024-03-01T09:00:00Z', {
        readOnly: false,
        requestParameters: { keySpec: 'SYMMETRIC_DEFAULT', policy: JSON.stringify(KEY_POLICY) },
        responseElements: { keyMetadata: { arn: KEY, keyState: 'Enabled' } },
      }),
      kmsEvent('Decrypt', ORDERS, '2024-03-01T10:00:00Z'),
      kmsEvent('DisableKey', OUTSIDER, '2024-03-01T10:30:00Z', { readOnly: false }),
    ];
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: log(events) });
    await vscode.window.showTextDocument(doc);
    assert.equal(await waitForAnalysis(doc), 'cloudTrail');
    const text = doc.getText();
    const decrypt = text.indexOf('"Decrypt"') + 2;
    const md = await hoverText(doc, decrypt);
    assert.match(md, /Against the key policy set by the CreateKey at 2024-03-01 09:00:00 UTC/);
    assert.match(md, /Allowed by statement 1 \(`AllowOrders`\) of the key policy\./);
    const drift = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => show(d).startsWith('ct-access-drift')), 'the drift warning');
    const [d] = drift.filter((x) => show(x).startsWith('ct-access-drift'));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(d.range), '"DisableKey"');
    assert.match(d.message, /^DisableKey succeeded, but the key policy set at 2024-03-01 09:00:00 UTC \(in this log\) does not allow it/);
    assert.equal(drift.filter((x) => show(x).startsWith('ct-access-drift')).length, 1);
  });

  it('writes a least-privilege key policy from the open logs into a new untitled editor, clean under its own rules', async () => {
    // A key of its own, so that no other log open in this window adds to its policy.
    const key = KEY.replace('1234abcd', '5678abcd');
    const on = { resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: key }] };
    const events = [
      kmsEvent('Decrypt', ORDERS, '2024-05-01T10:00:00Z', { ...on, requestParameters: { keyId: key, encryptionContext: { app: 'orders' } } }),
      kmsEvent('DescribeKey', ORDERS, '2024-05-01T10:01:00Z', { ...on, requestParameters: { keyId: key } }),
      // A lifecycle event, so that the keys model (which lists keys with a life or grants) shows the key.
      kmsEvent('EnableKeyRotation', BOB, '2024-05-01T10:02:00Z', { ...on, readOnly: false, requestParameters: { keyId: key } }),
    ];
    // Pasted into a new untitled editor (its version is then 2: VS Code reuses the name Untitled-1 of a closed one).
    const logDoc = await vscode.workspace.openTextDocument({ language: 'json', content: '' });
    const logEditor = await vscode.window.showTextDocument(logDoc);
    assert.ok(await logEditor.edit((b) => b.insert(new vscode.Position(0, 0), log(events))));
    assert.equal(await waitForAnalysis(logDoc), 'cloudTrail');
    await waitForGrants((m) => m.keys.some((k) => k.key.arn === key), 'the log\'s key in the keys model');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('kmsLens.generateKeyPolicy', key);
    assert.ok(editor);
    assert.equal(editor.document.isUntitled, true);
    const policy = JSON.parse(editor.document.getText());
    assert.deepEqual(policy.Statement.map((s: { Sid: string }) => s.Sid), ['Enable IAM User Permissions', 'AllowRoleOrdersServiceUse', 'AllowRoleOrdersServiceOther', 'AllowUserBob']);
    assert.equal(await waitForAnalysis(editor.document), 'keyPolicy');
    const severe = kmsDiagnostics(editor.document.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(severe.map(show), []);
  });
});

/**
 * Waits for the hover at `offset` to match `re`. On a timeout it says what the hover showed, what the
 * extension host reads as kmsLens.keyPolicies and how many keys the policy index knows: a rare timeout
 * in CI (once in several runs) could not be told apart from a stale index without them.
 */
async function waitForHover(doc: vscode.TextDocument, offset: number, re: RegExp, what: string): Promise<void> {
  let last = '';
  try {
    await waitFor(async () => re.test((last = await hoverText(doc, offset))), what);
  } catch (err) {
    const setting = JSON.stringify(vscode.workspace.getConfiguration('kmsLens').get('keyPolicies'));
    const known = await (await api()).settledKeyPolicies();
    throw new Error(`${(err as Error).message}; kmsLens.keyPolicies ${setting}; ${known} keys with a known policy; the hover showed: ${last.slice(0, 600)}`, { cause: err });
  }
}

describe('access: kmsLens.keyPolicies', () => {
  // Keys of their own, so that the logs other tests leave open say nothing of their policies.
  const mappedKey = KEY.replace('1234abcd', '2222abcd');
  const templateKey = KEY.replace('1234abcd', '3333abcd');
  const on = (key: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: key }],
    requestParameters: { keyId: key },
    ...extra,
  });
  const template = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  OrdersKey:',
    '    Type: AWS::KMS::Key',
    '    Properties:',
    '      KeyPolicy:',
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - Sid: AllowOrdersFromTemplate',
    '            Effect: Allow',
    '            Principal:',
    '              AWS: arn:aws:iam::111122223333:role/OrdersService',
    '            Action: kms:Decrypt',
    '            Resource: "*"',
    '',
  ].join('\n');

  before(async () => {
    await vscode.workspace.fs.writeFile(workspaceUri('keys', 'orders-key.json'), new TextEncoder().encode(JSON.stringify(KEY_POLICY, null, 2)));
    await vscode.workspace.fs.writeFile(workspaceUri('keys', 'orders-template.yaml'), new TextEncoder().encode(template));
  });
  afterEach(closeAll);
  after(async () => {
    await vscode.workspace.getConfiguration('kmsLens').update('keyPolicies', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('an event hover says what allowed the call against the mapped policy file or template key, and drift names the file', async () => {
    const events = [
      kmsEvent('Decrypt', ORDERS, '2024-06-01T10:00:00Z', on(mappedKey)),
      kmsEvent('DisableKey', OUTSIDER, '2024-06-01T10:30:00Z', on(mappedKey, { readOnly: false })),
      kmsEvent('Decrypt', ORDERS, '2024-06-01T11:00:00Z', on(templateKey)),
    ];
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: log(events) });
    await vscode.window.showTextDocument(doc);
    assert.equal(await waitForAnalysis(doc), 'cloudTrail');
    const text = doc.getText();
    const decrypt = text.indexOf('"Decrypt"') + 2;
    const templateDecrypt = text.lastIndexOf('"Decrypt"') + 2;
    // Before the mapping, the log shows no policy for these keys: nothing is said.
    assert.doesNotMatch(await hoverText(doc, decrypt), /Against/);

    await vscode.workspace.getConfiguration('kmsLens').update('keyPolicies', { [mappedKey]: 'keys/orders-key.json', [templateKey]: 'keys/orders-template.yaml' }, vscode.ConfigurationTarget.Workspace);
    const kmsLens = await api();
    await waitFor(async () => (await kmsLens.settledKeyPolicies()) >= 2, 'the two mapped key policies in the index');
    // Other tests' logs may leave keys known already: wait for the mapping itself, not only for a count.
    await waitForHover(doc, decrypt, /Against the key policy in keys\/orders-key.json/, 'the mapped policy in the hover');
    const md = await hoverText(doc, decrypt);
    assert.match(md, /\*\*Against the key policy in keys\/orders-key.json \(kmsLens.keyPolicies\)\*\*/);
    assert.match(md, /Allowed by statement 1 \(`AllowOrders`\) of the key policy\./);
    const fromTemplate = await hoverText(doc, templateDecrypt);
    assert.match(fromTemplate, /Against the KeyPolicy of the CloudFormation key in keys\/orders-template.yaml/);
    assert.match(fromTemplate, /Allowed by statement 0 \(`AllowOrdersFromTemplate`\)/);

    const drift = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => show(d).startsWith('ct-access-drift')), 'the drift warning against the mapped policy');
    const found = drift.filter((x) => show(x).startsWith('ct-access-drift'));
    assert.equal(found.length, 1);
    assert.equal(doc.getText(found[0].range), '"DisableKey"');
    assert.match(found[0].message, /^DisableKey succeeded, but the key policy in keys\/orders-key.json \(kmsLens.keyPolicies\) does not allow it/);
  });

  it('a key mapped to a Terraform module is read through its aws_kms_key, the parser loaded for it', async () => {
    const key = KEY.replace('1234abcd', '5555abcd');
    const module = [
      'resource "aws_kms_key" "orders" {',
      '  description = "orders"',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Sid       = "AllowOrdersFromTerraform"',
      '      Effect    = "Allow"',
      '      Principal = { AWS = "arn:aws:iam::111122223333:role/OrdersService" }',
      '      Action    = "kms:Decrypt"',
      '      Resource  = "*"',
      '    }]',
      '  })',
      '}',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(workspaceUri('keys', 'orders-key.tf'), new TextEncoder().encode(module));
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: log([kmsEvent('Decrypt', ORDERS, '2024-06-01T10:00:00Z', on(key))]) });
    await vscode.window.showTextDocument(doc);
    assert.equal(await waitForAnalysis(doc), 'cloudTrail');
    const decrypt = doc.getText().indexOf('"Decrypt"') + 2;
    await vscode.workspace.getConfiguration('kmsLens').update('keyPolicies', { [key]: 'keys/orders-key.tf' }, vscode.ConfigurationTarget.Workspace);
    await waitForHover(doc, decrypt, /Against the key policy in keys\/orders-key.tf/, 'the Terraform key policy in the hover');
    assert.match(await hoverText(doc, decrypt), /Allowed by statement 0 \(`AllowOrdersFromTerraform`\) of the key policy\./);
  });

  it('the mapped policy file shows the Allow statements no open log used, and drops them when a log shows their use', async () => {
    const key = KEY.replace('1234abcd', '4444abcd');
    const policy = {
      Version: '2012-10-17',
      Statement: [
        KEY_POLICY.Statement[0],
        { Sid: 'AllowOrdersDecrypt', Effect: 'Allow', Principal: { AWS: ORDERS_ROLE }, Action: 'kms:Decrypt', Resource: '*' },
        { Sid: 'AllowWorkerDecrypt', Effect: 'Allow', Principal: { AWS: WORKER_ROLE }, Action: 'kms:Decrypt', Resource: '*' },
      ],
    };
    const uri = workspaceUri('keys', 'unused-key.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(policy, null, 2)));
    await vscode.workspace.getConfiguration('kmsLens').update('keyPolicies', { [key]: 'keys/unused-key.json' }, vscode.ConfigurationTarget.Workspace);
    const policyDoc = (await open(uri)).document;
    assert.equal(await waitForAnalysis(policyDoc), 'keyPolicy');
    const unused = (ds: vscode.Diagnostic[]): vscode.Diagnostic[] => ds.filter((d) => show(d).startsWith('policy-unused-statement'));

    const ordersOnly = log([kmsEvent('Decrypt', ORDERS, '2024-07-01T10:00:00Z', on(key)), kmsEvent('Decrypt', ORDERS, '2024-07-02T10:00:00Z', on(key))]);
    const logDoc = await vscode.workspace.openTextDocument({ language: 'json', content: ordersOnly });
    await vscode.window.showTextDocument(logDoc, { preview: false });
    const found = unused(await waitForDiagnostics(policyDoc.uri, (ds) => unused(ds).length > 0, 'the unused statement on the mapped policy'));
    assert.deepEqual(found.map((d) => policyDoc.getText(d.range)), ['"AllowWorkerDecrypt"']);
    assert.equal(found[0].severity, vscode.DiagnosticSeverity.Information);
    // The period is the one every open log covers (other tests' logs may still be open): its ends are times.
    assert.match(found[0].message, new RegExp(`^Unused in the open logs: none of the 2 calls on ${key} between \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC and \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC went through this statement\\.$`));

    // The log now shows the worker's call too: the statement is used, and the finding goes.
    const withWorker = log([kmsEvent('Decrypt', ORDERS, '2024-07-01T10:00:00Z', on(key)), kmsEvent('Decrypt', WORKER, '2024-07-03T10:00:00Z', on(key))]);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(logDoc.uri, new vscode.Range(logDoc.positionAt(0), logDoc.positionAt(logDoc.getText().length)), withWorker);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(policyDoc.uri, (ds) => unused(ds).length === 0, 'no unused statement once the log shows the worker\'s call');
  });
});
