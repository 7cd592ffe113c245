/**
 * Semantic tokens in the real editor, through the command VS Code offers for
 * them: the legend, the tokens of a policy (decoded from the relative encoding),
 * nothing for other JSON, and nothing once KMS Lens is turned off.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers';

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "fargate.amazonaws.com" },
      "Action": ["kms:CreateGrant", "kms:GenerateDataKey*"],
      "Resource": "*",
      "Condition": {
        "ForAllValues:StringEquals": { "kms:GrantOperations": ["Decrypt"] },
        "StringEqualsIfExists": { "kms:EncryptionContext:aws:ecs:clusterName": "production" }
      }
    }
  ]
}
`;

async function tokensOf(doc: vscode.TextDocument): Promise<string[] | undefined> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
  const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri);
  if (!tokens || !legend) return undefined;
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dLine, dChar, length, type, mods] = tokens.data.slice(i, i + 5);
    line += dLine;
    char = dLine === 0 ? char + dChar : dChar;
    const text = doc.getText(new vscode.Range(line, char, line, char + length));
    const modifiers = legend.tokenModifiers.filter((_, bit) => mods & (1 << bit));
    out.push([`${text} ${legend.tokenTypes[type]}`, ...modifiers].join('.'));
  }
  return out;
}

async function setEnabled(enable: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('kmsLens').update('enable', enable, vscode.ConfigurationTarget.Workspace);
}

describe('semantic tokens', () => {
  before(async () => {
    await api();
  });

  afterEach(async () => {
    await setEnabled(undefined);
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('marks actions, operators, condition keys, enumerated values and principals of a policy', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: POLICY });
    await vscode.window.showTextDocument(doc);
    assert.deepEqual(await tokensOf(doc), [
      'Allow keyword',
      'Service type',
      'fargate.amazonaws.com class.defaultLibrary',
      'kms namespace',
      'CreateGrant function.defaultLibrary',
      'kms namespace',
      'GenerateDataKey function.defaultLibrary',
      '* operator',
      '* operator',
      'ForAllValues modifier',
      'StringEquals operator',
      'kms namespace',
      'GrantOperations variable.defaultLibrary.readonly',
      'Decrypt enumMember.defaultLibrary',
      'StringEquals operator',
      'IfExists modifier',
      'kms namespace',
      'EncryptionContext variable.defaultLibrary.readonly',
      'aws:ecs:clusterName parameter',
    ]);
  });

  it('gives nothing for JSON that is not a policy, and nothing when KMS Lens is turned off', async () => {
    const other = await vscode.workspace.openTextDocument({ language: 'json', content: '{"Action": "kms:Decrypt", "StringEquals": {}}' });
    await vscode.window.showTextDocument(other);
    assert.deepEqual((await tokensOf(other)) ?? [], []);

    const doc = await vscode.workspace.openTextDocument({ language: 'jsonc', content: POLICY });
    await vscode.window.showTextDocument(doc);
    assert.ok(((await tokensOf(doc)) ?? []).length > 10);
    await setEnabled(false);
    assert.deepEqual((await tokensOf(doc)) ?? [], []);
  });
});
