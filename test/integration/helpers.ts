/** Shared steps for the integration suites: open documents, wait on events (never on fixed sleeps). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GrantsModel } from '../../src/core/keys';
import type { KmsLensApi } from '../../src/vscode/api';
import type { GrantsNode } from '../../src/vscode/grantsTree';

export const EXTENSION_ID = 'kms-lens.kms-lens';

export async function api(): Promise<KmsLensApi> {
  const ext = vscode.extensions.getExtension<KmsLensApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export function kmsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kms-lens');
}

/** Resolves when `predicate` holds for the document's KMS Lens diagnostics; rejects after `timeoutMs` with what was seen. */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const d = kmsDiagnostics(uri);
      if (!predicate(d)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(kmsDiagnostics(uri).map(describe))}`));
    }, timeoutMs);
    check();
  });
}

/** Resolves after the extension has analysed `doc` at its current version (whatever it found). */
export async function waitForAnalysis(doc: vscode.TextDocument, timeoutMs = 20_000): Promise<string> {
  const kms = await api();
  const version = doc.version;
  const last = kms.lastRun(doc.uri);
  if (last && last.version === version) return last.kind;
  return new Promise((resolve, reject) => {
    const sub = kms.onDidAnalyze((e) => {
      if (e.uri.toString() === doc.uri.toString() && e.version === version) {
        sub.dispose();
        clearTimeout(timer);
        resolve(e.kind);
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for the analysis of ${doc.uri.toString()} v${version} (last run: v${last?.version} ${last?.kind})`));
    }, timeoutMs);
  });
}

export function describe(d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return `${code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

/**
 * Opens a file the way a user does (not with workspace.openTextDocument, whose
 * reference keeps the document alive for minutes after its editor closes).
 */
export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('vscode.open', uri);
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor && editor.document.uri.toString() === uri.toString(), `${uri.toString()} did not open in the active editor`);
  return editor;
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function setRuleSeverity(rules: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('kmsLens').update('rules', rules, vscode.ConfigurationTarget.Workspace);
}

/** Resolves with the grants model once `predicate` holds for it. */
export async function waitForGrants(predicate: (m: GrantsModel) => boolean, what: string, timeoutMs = 20_000): Promise<GrantsModel> {
  const kms = await api();
  const now = await kms.settledGrants();
  if (predicate(now)) return now;
  return new Promise((resolve, reject) => {
    const sub = kms.onDidChangeGrants((m) => {
      if (!predicate(m)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(m);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      const m = kms.grants();
      reject(new Error(`timed out waiting for ${what}; sources now: ${JSON.stringify(m.sources)}, keys: ${JSON.stringify(m.keys.map((k) => k.key.identity))}`));
    }, timeoutMs);
  });
}

/** A node of the grants tree, with its tree item as VS Code gets it. */
export interface Shown {
  node: GrantsNode;
  item: vscode.TreeItem;
  label: string;
}

/** The grants tree's children of `node` (the keys without one), through the extension's tree data provider. */
export async function children(node?: GrantsNode): Promise<Shown[]> {
  const tree = (await api()).grantsTree;
  const nodes = (await tree.getChildren(node)) ?? [];
  return Promise.all(nodes.map(async (n) => {
    const item = await tree.getTreeItem(n);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return { node: n, item, label };
  }));
}

/** The child of `parent` with this label (or whose label matches); fails the test, listing the labels, if there is none. */
export async function child(parent: GrantsNode | undefined, label: string | RegExp): Promise<Shown> {
  const all = await children(parent);
  const found = all.find((c) => (typeof label === 'string' ? c.label === label : label.test(c.label)));
  assert.ok(found, `no "${String(label)}" among ${JSON.stringify(all.map((c) => c.label))}`);
  return found;
}

/**
 * The rule a diagnostic's code links to, and the heading of the page that rule
 * has inside the installed extension. The link is the `kmsLens.showRuleDocs`
 * command URI with the rule id as its one argument.
 */
export async function linkedRulePage(d: vscode.Diagnostic): Promise<{ rule: string; heading: string }> {
  assert.ok(typeof d.code === 'object', `${describe(d)} has no documentation link`);
  const target = d.code.target;
  assert.equal(target.scheme, 'command', target.toString());
  assert.equal(target.path, 'kmsLens.showRuleDocs', target.toString());
  const args: unknown = JSON.parse(decodeURIComponent(target.query));
  assert.ok(Array.isArray(args) && args.length === 1 && typeof args[0] === 'string', target.toString());
  const rule = args[0];
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', `${rule}.md`)));
  const heading = page.split('\n').find((l) => l.startsWith('# ')) ?? '';
  return { rule, heading };
}

/**
 * Resolves once `check` holds, checking it after each turn of the event loop
 * (up to the timeout): for effects that VS Code delivers through events the
 * test cannot subscribe to first, such as a configuration change reaching the
 * extension. Never a fixed sleep: it returns as soon as the condition holds.
 */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
