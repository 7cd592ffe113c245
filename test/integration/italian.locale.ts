/**
 * KMS Lens in a VS Code whose display language is Italian (code-server
 * started with `--locale it`, see test/host/codeServer.ts): VS Code hands the
 * extension l10n/bundle.l10n.it.json, and diagnostics, quick fixes and hovers
 * come out in Italian, worded exactly as the bundle says.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, open, waitForAnalysis, waitForDiagnostics, workspaceUri } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const italian: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.it.json'), 'utf8'));
const it_ = (english: string, ...args: string[]): string => {
  const text = italian[english];
  assert.ok(text, `bundle.l10n.it.json has no ${JSON.stringify(english)}`);
  return text.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)]);
};

async function hoverText(doc: vscode.TextDocument, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

describe('KMS Lens in an Italian VS Code', () => {
  afterEach(closeAll);

  it('runs in a VS Code whose display language is Italian', () => {
    assert.equal(vscode.env.language, 'it');
    assert.ok(vscode.l10n.bundle, 'VS Code gave the extension no message bundle');
  });

  it('words diagnostics and quick fix titles in Italian', async () => {
    const editor = await open(workspaceUri('policies', 'deadline-read-write.json'));
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => x.code !== undefined && JSON.stringify(x.code).includes('json-trailing-comma')), 'json-trailing-comma');
    const trailing = diagnostics.find((x) => JSON.stringify(x.code).includes('json-trailing-comma'))!;
    assert.equal(trailing.message, it_('Trailing comma: JSON does not allow a comma before "{0}"; AWS refuses a policy written so, and JSON readers such a file.', ']'));
    assert.match(trailing.message, /^Virgola finale/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, trailing.range);
    assert.ok(actions.some((a) => a.title === it_('Remove the trailing comma')), JSON.stringify(actions.map((a) => a.title)));
  });

  it('words hovers in Italian', async () => {
    const editor = await open(workspaceUri('policies', 'app-key-policy.json'));
    await waitForAnalysis(editor.document);
    const md = await hoverText(editor.document, editor.document.getText().indexOf('"Statement"') + 2);
    assert.ok(md.includes(`**${it_('Who can use this key')}**`), md);
    assert.doesNotMatch(md, /Who can use this key/);
  });

  it('shows the AWS description of an action in Italian in its hover', async () => {
    const editor = await open(workspaceUri('policies', 'app-key-policy.json'));
    await waitForAnalysis(editor.document);
    const md = await hoverText(editor.document, editor.document.getText().indexOf('"kms:DescribeKey"') + 2);
    // The English description is the l10n key (src/core/data/iam.ts, localDescription).
    const described = it_('Controls permission to view detailed information about an AWS KMS key');
    assert.match(described, /^Controlla l'autorizzazione a visualizzare informazioni dettagliate/);
    assert.ok(md.includes(`${described}.`), md);
    assert.doesNotMatch(md, /Controls permission/);
  });
});
