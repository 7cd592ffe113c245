/**
 * A rule's documentation as a user reaches it: the code of a diagnostic is a
 * link to the `kmsLens.showRuleDocs` command with the rule's id, and running
 * that command (what VS Code does when the link is clicked in the hover or the
 * Problems panel) opens the rule's page, docs/rules/<id>.md from inside the
 * extension, in the Markdown preview beside the editor. Offline: the page is a
 * file of the extension, not a web address. The page is in VS Code's display
 * language (docs/rules/<id>.it.md in an Italian VS Code), English otherwise:
 * these tests expect the page of the host's own `vscode.env.language`, so
 * they check the Italian page when the host is started in Italian.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { docsLanguageFor } from '../../src/core/rules/docsLanguage';
import { closeAll, EXTENSION_ID, linkedRulePage, open, waitForDiagnostics, workspaceUri } from './helpers';

function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

/** A tab showing `page`: its Markdown preview (a webview titled with the file name) or, were the preview unavailable, the file itself. */
function showsPage(tab: vscode.Tab, page: vscode.Uri): boolean {
  const name = page.path.slice(page.path.lastIndexOf('/') + 1);
  if (tab.input instanceof vscode.TabInputWebview) return /markdown\.preview/.test(tab.input.viewType) && tab.label.includes(name);
  if (tab.input instanceof vscode.TabInputText) return tab.input.uri.toString() === page.toString();
  return false;
}

function describeTabs(): string {
  return JSON.stringify(allTabs().map((t) => `${t.label} (${t.input instanceof vscode.TabInputWebview ? t.input.viewType : t.input instanceof vscode.TabInputText ? t.input.uri.toString() : 'other'})`));
}

/** Resolves with the tab that shows `page` once one is open; rejects after `timeoutMs` with the tabs there are. */
function waitForPageTab(page: vscode.Uri, timeoutMs = 20_000): Promise<vscode.Tab> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const tab = allTabs().find((t) => showsPage(t, page));
      if (!tab) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(tab);
      return true;
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => check());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for a tab showing ${page.toString()}; tabs now: ${describeTabs()}`));
    }, timeoutMs);
    check();
  });
}

/** Runs a `command:` URI the way VS Code's link opener does: the query is the JSON array of arguments. */
async function runCommandUri<T>(target: vscode.Uri): Promise<T> {
  const args: unknown = JSON.parse(decodeURIComponent(target.query));
  assert.ok(Array.isArray(args), target.toString());
  return vscode.commands.executeCommand<T>(target.path, ...(args as unknown[]));
}

/** The page of `rule` in the host's display language (`.it.md`, `.es.md`, or `.md` for any other). */
function pageOf(rule: string): vscode.Uri {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  const language = docsLanguageFor(vscode.env.language);
  return vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', `${rule}${language === 'en' ? '' : `.${language}`}.md`);
}

describe('rule documentation', () => {
  afterEach(closeAll);

  it('a diagnostic\'s code opens its rule\'s page in the Markdown preview', async () => {
    const editor = await open(workspaceUri('policies', 'app-key-policy.json'));
    const ds = await waitForDiagnostics(editor.document.uri, (x) => x.some((d) => typeof d.code === 'object' && d.code.value === 'policy-unknown-action'), 'the unknown action');
    const d = ds.find((x) => typeof x.code === 'object' && x.code.value === 'policy-unknown-action');
    assert.ok(d && typeof d.code === 'object');
    assert.deepEqual(await linkedRulePage(d), { rule: 'policy-unknown-action', heading: '# policy-unknown-action' });
    assert.equal(d.code.target.toString(true), 'command:kmsLens.showRuleDocs?["policy-unknown-action"]');

    const shown = await runCommandUri<vscode.Uri | undefined>(d.code.target);
    const page = pageOf('policy-unknown-action');
    assert.equal(shown?.toString(), page.toString());
    const tab = await waitForPageTab(page);
    // The built-in Markdown extension is part of every VS Code: the page is previewed, not shown as source.
    assert.ok(tab.input instanceof vscode.TabInputWebview, `the page opened as ${describeTabs()}`);
    // Beside the policy, which stays open.
    assert.ok(allTabs().some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === editor.document.uri.toString()));
    assert.notEqual(tab.group.viewColumn, vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === editor.document.uri.toString()))?.viewColumn);
  });

  it('a former rule id opens the page of the rule it became; an unknown id opens nothing', async () => {
    const shown = await vscode.commands.executeCommand<vscode.Uri | undefined>('kmsLens.showRuleDocs', 'file-too-large');
    assert.equal(shown?.toString(), pageOf('meta-file-too-large').toString());
    await waitForPageTab(pageOf('meta-file-too-large'));
    await closeAll();
    const none = await vscode.commands.executeCommand<vscode.Uri | undefined>('kmsLens.showRuleDocs', 'no-such-rule');
    assert.equal(none, undefined);
    assert.deepEqual(allTabs().filter((t) => t.input instanceof vscode.TabInputWebview), []);
  });

  it('the page opened is in the display language, and the extension carries the Italian and Spanish pages of every rule', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const shown = await vscode.commands.executeCommand<vscode.Uri | undefined>('kmsLens.showRuleDocs', 'json-trailing-comma');
    assert.equal(shown?.toString(), pageOf('json-trailing-comma').toString(), `display language ${vscode.env.language}`);
    await waitForPageTab(pageOf('json-trailing-comma'));
    // What an Italian or Spanish VS Code would open, read from the installed extension.
    const read = async (name: string): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', name)));
    assert.match(await read('json-trailing-comma.it.md'), /^\*\*Virgola finale\*\*$/m);
    assert.match(await read('json-trailing-comma.es.md'), /^\*\*Coma final\*\*$/m);
  });

  it('the command is in the Command Palette under KMS Lens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const commands = (ext?.packageJSON as { contributes: { commands: { command: string; category?: string }[] } }).contributes.commands;
    assert.ok(commands.some((c) => c.command === 'kmsLens.showRuleDocs' && c.category === 'KMS Lens'));
    assert.ok((await vscode.commands.getCommands(true)).includes('kmsLens.showRuleDocs'));
  });
});
