/**
 * Snippets in the real editor: each one, inserted with `editor.action.insertSnippet`
 * where it belongs and left with its defaults, gives a policy whose only
 * diagnostics are the information findings of policy-placeholder on the AWS
 * documentation values it holds (a default left in by mistake must not pass
 * for a real account), nothing above information; a value typed once (the
 * Region of the Deadline Cloud snippets) lands in every place it occurs.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, describe as show, EXTENSION_ID, kmsDiagnostics, open, waitForAnalysis, workspaceUri } from './helpers';

interface SnippetDef {
  prefix: string;
  body: string[];
}

function contributedSnippets(): Array<[string, SnippetDef]> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  const contributions = ext.packageJSON.contributes.snippets as Array<{ language: string; path: string }>;
  assert.deepEqual(contributions.map((c) => c.language), ['json', 'jsonc']);
  return Object.entries(JSON.parse(fs.readFileSync(path.join(ext.extensionPath, contributions[0].path), 'utf8')));
}

const SKELETON = '{\n\t"Version": "2012-10-17",\n\t"Statement": [\n\t\t\n\t]\n}\n';
/** Inside the Statement array of SKELETON. */
const IN_STATEMENT = new vscode.Position(3, 2);
/**
 * A key policy keeps its root statement; a key-policy statement snippet is added after it.
 * (Alone, such a statement would be a whole policy nobody could change: policy-lockout-risk.)
 */
const KEY_POLICY_SKELETON = '{\n\t"Version": "2012-10-17",\n\t"Statement": [\n\t\t{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},\n\t\t\n\t]\n}\n';
const IN_KEY_POLICY_STATEMENT = new vscode.Position(4, 2);

/**
 * A new file in the workspace, opened. Files rather than untitled documents: an
 * untitled name is reused as soon as it is free, and a stale analysis of the
 * previous `Untitled-1` must never pass for the analysis of this one.
 */
async function newDocument(name: string, content: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri('snippet-tests', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return open(uri);
}

/** Resolves once `predicate` holds for the document's text (after edits that may arrive in more than one step). */
function waitForText(doc: vscode.TextDocument, predicate: (text: string) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  if (predicate(doc.getText())) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && predicate(doc.getText())) {
        sub.dispose();
        clearTimeout(timer);
        resolve();
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; text now:\n${doc.getText()}`));
    }, timeoutMs);
  });
}

/** Analysis of the document as it is now, then its diagnostics. */
async function settledDiagnostics(doc: vscode.TextDocument): Promise<{ kind: string; diagnostics: string[] }> {
  const kind = await waitForAnalysis(doc);
  return { kind, diagnostics: kmsDiagnostics(doc.uri).map(show) };
}

/** The AWS documentation's account numbers in the text, each once, in order: what policy-placeholder reports. */
function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\b(111122223333|444455556666)\b/g)].map((m) => m[1]))];
}

/**
 * The diagnostics a snippet left with its defaults must give: one information
 * finding of policy-placeholder on the first use of each documentation value,
 * and nothing above information.
 */
async function onlyPlaceholders(doc: vscode.TextDocument): Promise<string> {
  const kind = await waitForAnalysis(doc);
  const diagnostics = kmsDiagnostics(doc.uri);
  const aboveHint = diagnostics.filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint);
  const expected = placeholdersIn(doc.getText());
  assert.ok(expected.length > 0, 'the snippet holds documentation values');
  assert.deepEqual(aboveHint.map((d) => [String(typeof d.code === 'object' ? d.code.value : d.code), d.severity]), expected.map(() => ['policy-placeholder', vscode.DiagnosticSeverity.Information]), diagnostics.map(show).join(', '));
  assert.deepEqual(aboveHint.map((d) => doc.getText(d.range)), expected, 'each on the first use of its value');
  return kind;
}

async function discardEditors(): Promise<void> {
  // The edited files are dirty: revert them so closing asks nothing.
  for (let i = 0; i < 20 && vscode.window.activeTextEditor; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

describe('snippets', () => {
  before(async () => {
    await api();
  });

  afterEach(discardEditors);

  it('inserts the Deadline Cloud CreateFarm statement by name; the Region typed once changes the key ARN and kms:ViaService', async () => {
    const editor = await newDocument('deadline-region.json', SKELETON);
    const doc = editor.document;
    editor.selection = new vscode.Selection(IN_STATEMENT, IN_STATEMENT);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'json', name: 'KMS: IAM policy statement, AWS Deadline Cloud CreateFarm' });
    await waitForText(doc, (t) => t.includes('deadline.us-west-2.amazonaws.com'), 'the snippet');
    assert.equal(await onlyPlaceholders(doc), 'identityPolicy');

    // The first tab stop is the Region; typing replaces it and its mirror in kms:ViaService.
    assert.equal(doc.getText(editor.selection), 'us-west-2');
    await vscode.commands.executeCommand('type', { text: 'eu-central-1' });
    await waitForText(doc, (t) => t.includes('"arn:aws:kms:eu-central-1:') && t.includes('"deadline.eu-central-1.amazonaws.com"'), 'the Region in both places');
    const [statement] = JSON.parse(doc.getText()).Statement;
    assert.deepEqual(statement.Action, ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:CreateGrant', 'kms:DescribeKey']);
    assert.deepEqual(statement.Condition, { StringEquals: { 'kms:ViaService': 'deadline.eu-central-1.amazonaws.com' } });
    assert.equal(await onlyPlaceholders(doc), 'identityPolicy');

    // Tab moves on to the account, the documentation's until the user types theirs.
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    assert.equal(doc.getText(editor.selection), '111122223333');
    await vscode.commands.executeCommand('type', { text: '210987654321' });
    await waitForText(doc, (t) => t.includes(':210987654321:key/'), 'the account typed');
    // The key id is next; with a real account typed, the placeholder finding on the account goes.
    await waitForAnalysis(doc);
    assert.deepEqual(kmsDiagnostics(doc.uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint).map(show), []);
  });

  it('inserts snippet text (the kms-policy-key body) into a JSON with Comments document', async () => {
    const [, key] = contributedSnippets().find(([, s]) => s.prefix === 'kms-policy-key') ?? [];
    assert.ok(key);
    const editor = await newDocument('key-policy.jsonc', '');
    assert.equal(editor.document.languageId, 'jsonc');
    await vscode.commands.executeCommand('editor.action.insertSnippet', { snippet: key.body.join('\n') });
    await waitForText(editor.document, (t) => t.includes('"Allow attachment of persistent resources"'), 'the key policy');
    assert.equal(await onlyPlaceholders(editor.document), 'keyPolicy');
    const policy = JSON.parse(editor.document.getText());
    assert.equal(policy.Statement.length, 4);
  });

  for (const [name, snippet] of contributedSnippets()) {
    const statementLevel = snippet.prefix.startsWith('kms-stmt-');
    const pattern = snippet.prefix.startsWith('kms-pattern-');
    it(`${snippet.prefix}: inserted by name ${statementLevel ? 'inside Statement' : 'into an empty file'}, ${pattern ? 'no diagnostics' : 'only its documentation placeholders, as information'}`, async () => {
      const keyStatement = statementLevel && snippet.prefix !== 'kms-stmt-root' && snippet.body.join('\n').includes('"Principal"');
      const editor = await newDocument(`${snippet.prefix}.json`, keyStatement ? KEY_POLICY_SKELETON : statementLevel ? SKELETON : '');
      const at = keyStatement ? IN_KEY_POLICY_STATEMENT : IN_STATEMENT;
      if (statementLevel) editor.selection = new vscode.Selection(at, at);
      const before = editor.document.getText();
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'json', name });
      await waitForText(editor.document, (t) => t !== before, 'the snippet');
      if (pattern) {
        // An EventBridge event pattern: valid JSON that is neither a policy nor an event.
        const result = await settledDiagnostics(editor.document);
        assert.deepEqual(result, { kind: 'other', diagnostics: [] }, editor.document.getText());
        assert.deepEqual(JSON.parse(editor.document.getText()).source, ['aws.kms']);
        return;
      }
      const kind = await onlyPlaceholders(editor.document);
      assert.ok(kind === 'keyPolicy' || kind === 'identityPolicy', kind);
      assert.ok(Array.isArray(JSON.parse(editor.document.getText()).Statement));
    });
  }
});
