/**
 * Rule pages in an Italian VS Code: a diagnostic's code, and Show Rule
 * Documentation, open docs/rules/<id>.it.md from the installed extension,
 * with the rule's Italian text. A `*.locale` suite: it runs in the VS Code
 * session started in Italian (test/integration/localeIndex.ts, from the
 * `i18n` branch), not in the English one.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, EXTENSION_ID, open, waitForDiagnostics, workspaceUri } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const italian = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'build', 'ruleDocs.it.json'), 'utf8')) as Record<string, { title: string; remedy: string }>;

function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

/** Resolves once a Markdown preview titled with `name` is open. */
async function waitForPreview(name: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!allTabs().some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && t.label.includes(name))) {
    if (Date.now() - started > timeoutMs) throw new Error(`no preview of ${name}; tabs: ${JSON.stringify(allTabs().map((t) => t.label))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function readPage(page: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(page));
}

describe('rule pages in an Italian VS Code', () => {
  afterEach(closeAll);

  it('a diagnostic\'s code opens the Italian page of its rule', async () => {
    assert.equal(vscode.env.language, 'it');
    const editor = await open(workspaceUri('policies', 'app-key-policy.json'));
    const ds = await waitForDiagnostics(editor.document.uri, (x) => x.some((d) => typeof d.code === 'object' && d.code.value === 'policy-unknown-action'), 'the unknown action');
    const d = ds.find((x) => typeof x.code === 'object' && x.code.value === 'policy-unknown-action');
    assert.ok(d && typeof d.code === 'object');
    // What VS Code does when the code is clicked: run the command: URI with its arguments.
    const args = JSON.parse(decodeURIComponent(d.code.target.query)) as unknown[];
    const shown = await vscode.commands.executeCommand<vscode.Uri | undefined>(d.code.target.path, ...args);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext && shown);
    assert.equal(shown.toString(), vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', 'policy-unknown-action.it.md').toString());
    await waitForPreview('policy-unknown-action.it.md');
    const page = await readPage(shown);
    assert.ok(page.includes(`**${italian['policy-unknown-action'].title}**`), page.slice(0, 400));
    assert.ok(page.includes(italian['policy-unknown-action'].remedy));
    assert.match(page, /^## Cosa fare$/m);
  });

  it('Show Rule Documentation opens the Italian page too, for a former id as well', async () => {
    const shown = await vscode.commands.executeCommand<vscode.Uri | undefined>('kmsLens.showRuleDocs', 'file-too-large');
    assert.ok(shown);
    assert.match(shown.path, /\/docs\/rules\/meta-file-too-large\.it\.md$/);
    await waitForPreview('meta-file-too-large.it.md');
    assert.ok((await readPage(shown)).includes(`**${italian['meta-file-too-large'].title}**`));
  });
});
