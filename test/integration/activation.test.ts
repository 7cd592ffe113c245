/**
 * What activation costs a user who opens files that are not KMS documents:
 * VS Code activates KMS Lens for every JSON and YAML file, and for those it
 * reads dist/extension.js only. The engine (dist/engine.js: the rules,
 * hovers, completions, grants) loads with the first KMS document. This suite
 * runs first (index.ts), before any other suite opens a KMS document; it
 * watches Node's module cache, which the extension host shares with the tests.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KmsLensApi } from '../../src/vscode/api';
import { closeAll, describe as show, EXTENSION_ID, kmsDiagnostics, open, waitForAnalysis, workspaceUri } from './helpers';

function engineFile(): string {
  const ext = vscode.extensions.getExtension<KmsLensApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return path.join(ext.extensionPath, 'dist', 'engine.js');
}

const engineLoaded = (): boolean => require.cache[engineFile()] !== undefined;

describe('activation', () => {
  after(closeAll);

  it('package.json and a YAML workflow are answered without loading the engine, by every provider', async () => {
    assert.equal(engineLoaded(), false, 'the engine was loaded before any document was opened');
    // The test host has activated KMS Lens by now (or this does): activation itself loads no engine.
    await vscode.extensions.getExtension<KmsLensApi>(EXTENSION_ID)?.activate();
    assert.equal(engineLoaded(), false, 'activation loaded the engine');
    const pkg = await open(workspaceUri('other', 'package.json'));
    assert.equal(await waitForAnalysis(pkg.document), 'other');
    // What the editor asks of every provider while the user reads and edits the file.
    const uri = pkg.document.uri;
    const at = new vscode.Position(2, 5);
    await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, at);
    await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, at, '"');
    await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri);
    await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', uri);
    await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, new vscode.Range(at, at));
    const workflow = await open(workspaceUri('other', 'ci-workflow.yml'));
    assert.equal(await waitForAnalysis(workflow.document), 'other');
    assert.deepEqual(kmsDiagnostics(uri), []);
    assert.equal(engineLoaded(), false, 'a document that is not ours loaded the engine');
  });

  it('the first key policy loads the engine, and its findings are the rules\'', async () => {
    const editor = await open(workspaceUri('policies', 'default-key-policy.json'));
    assert.equal(await waitForAnalysis(editor.document), 'keyPolicy');
    assert.equal(engineLoaded(), true);
    assert.deepEqual(kmsDiagnostics(editor.document.uri).map(show), ['policy-placeholder@7:42-7:54']);
  });
});
