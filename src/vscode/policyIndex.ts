/**
 * The workspace's key policies, by key, for the event hovers and the drift
 * rule (core: access/knownPolicies.ts): the files `kmsLens.keyPolicies` maps
 * to keys (a policy, get-key-policy output, a CloudFormation template's
 * AWS::KMS::Key), key policies open in a tab whose file name holds a key id
 * that an open log names, and the PutKeyPolicy / CreateKey events of every
 * open log. Rebuilt (debounced) when the setting changes, when a mapped file
 * is saved or edited, and when the open logs change (the grants index says
 * so); an open mapped document is read from the editor, its unsaved edits
 * included, and any other from disk.
 *
 * What cannot be read (a path that does not exist, a template with several
 * keys and no logical id) is left out and said once on the console, never
 * guessed at.
 */
import * as vscode from 'vscode';
import { getKmsLensService, type DocumentModel, type KnownKeyPolicies, type KnownKeyPolicy } from '../core';
import { TYPING_DELAY } from './delays';
import { isCandidate } from './documents';
import type { GrantsIndex } from './grantsIndex';
import type { ModelCache } from './modelCache';
import { readSettings } from './settings';

const core = getKmsLensService();

export class PolicyIndex implements vscode.Disposable {
  private current: KnownKeyPolicies = core.knownKeyPolicies([]);
  private lastEntries: KnownKeyPolicy[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private generation = 0;
  private reported = new Set<string>();
  /** Paths of the mapped files (as URIs), to rebuild when one of them changes. */
  private mapped = new Set<string>();
  /** Mapped files read from disk, by URI: the same text keeps the same model (and the same compiled policy). */
  private readonly fromDisk = new Map<string, { text: string; model: DocumentModel }>();
  private readonly changed = new vscode.EventEmitter<KnownKeyPolicies>();
  private readonly subscriptions: vscode.Disposable[] = [];

  /** Fires after a rebuild that changed what is known. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly cache: ModelCache, grants: GrantsIndex) {
    this.subscriptions.push(
      this.changed,
      grants.onDidChange(() => this.schedule(0)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kmsLens.keyPolicies')) this.schedule(0);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.mapped.has(d.uri.toString())) this.schedule(0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && (this.mapped.has(e.document.uri.toString()) || isCandidate(e.document))) this.schedule(TYPING_DELAY);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (isCandidate(d)) this.schedule(TYPING_DELAY);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (isCandidate(d)) this.schedule(TYPING_DELAY);
      }),
    );
    this.schedule(0);
  }

  /** What is known now (possibly before a pending rebuild). */
  get known(): KnownKeyPolicies {
    return this.current;
  }

  schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.rebuild();
    }, delay);
  }

  /** Resolves once no rebuild is pending or running. */
  async settled(): Promise<KnownKeyPolicies> {
    while (this.timer || this.running) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.running = this.rebuild();
      }
      const r = this.running;
      await r;
      if (this.running === r) this.running = undefined;
    }
    return this.current;
  }

  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    try {
      const entries: KnownKeyPolicy[] = [];
      const mapped = new Set<string>();
      await this.readMappings(entries, mapped);
      if (generation !== this.generation) return;
      this.readOpenDocuments(entries);
      this.mapped = mapped;
      if (sameEntries(entries, this.lastEntries)) return;
      this.lastEntries = entries;
      this.current = core.knownKeyPolicies(entries);
      this.changed.fire(this.current);
    } catch (err) {
      // The core does not throw by design; if it ever does, hovers keep the last index.
      console.error('[kms-lens] key policy index failed', err);
    }
  }

  private async readMappings(entries: KnownKeyPolicy[], mapped: Set<string>): Promise<void> {
    const setting = vscode.workspace.getConfiguration('kmsLens').get<unknown>('keyPolicies');
    const { mappings, problems } = core.readKeyPolicyMappings(setting);
    for (const p of problems) this.problem(`kmsLens.keyPolicies: ${p}`);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    for (const m of mappings) {
      const uri = m.path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(m.path) ? vscode.Uri.file(m.path) : folder && vscode.Uri.joinPath(folder, m.path);
      if (!uri) {
        this.problem(`kmsLens.keyPolicies: ${m.path} is relative, and no folder is open`);
        continue;
      }
      mapped.add(uri.toString());
      const open = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
      let text: string;
      try {
        text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        this.problem(`kmsLens.keyPolicies: cannot read ${m.path} (the key policy of ${m.keyArn})`);
        continue;
      }
      const model = open ? this.cache.get(open, readSettings(open.uri).analysis.maxFileSize) : this.diskModel(uri, text);
      const found = core.keyPolicyOfMappedFile(model, m.logicalId);
      if ('problem' in found) {
        this.problem(`kmsLens.keyPolicies: ${m.path}: ${found.problem}`);
        continue;
      }
      const source = m.logicalId ? `${m.path}#${m.logicalId}` : m.path;
      entries.push({ keyArn: m.keyArn, model: found.model, origin: found.origin, source });
    }
  }

  /** Open logs (their PutKeyPolicy and CreateKey) and open key policies named after a key an open log names. */
  private readOpenDocuments(entries: KnownKeyPolicy[]): void {
    const docs = vscode.workspace.textDocuments.filter((d) => !d.isClosed && isCandidate(d) && readSettings(d.uri).enable);
    const logs = [];
    const named: Array<{ doc: vscode.TextDocument; keyId: string }> = [];
    for (const doc of docs) {
      const keyId = core.keyIdInFileName(doc.uri.path);
      const model = this.cache.get(doc, readSettings(doc.uri).analysis.maxFileSize);
      if (model.kind === 'cloudTrail') {
        logs.push({ id: doc.uri.toString(), model });
        entries.push(...core.knownPoliciesOfLog(model, vscode.workspace.asRelativePath(doc.uri)));
      } else if (keyId) named.push({ doc, keyId });
    }
    if (named.length === 0 || logs.length === 0) return;
    const keys = [...core.keysOfLogs(logs)];
    for (const { doc, keyId } of named) {
      const keyArn = keys.find((k) => k.toLowerCase().endsWith(`/${keyId}`));
      if (!keyArn) continue;
      const [policy] = core.keyPolicies(this.cache.get(doc, readSettings(doc.uri).analysis.maxFileSize));
      if (policy) entries.push({ keyArn, model: policy, origin: 'getKeyPolicy', source: vscode.workspace.asRelativePath(doc.uri) });
    }
  }

  private diskModel(uri: vscode.Uri, text: string): DocumentModel {
    const key = uri.toString();
    const had = this.fromDisk.get(key);
    if (had && had.text === text) return had.model;
    const model = core.parse(text, { fileName: uri.path, languageId: languageOf(uri.path) }, { maxFileSize: readSettings(uri).analysis.maxFileSize });
    this.fromDisk.set(key, { text, model });
    return model;
  }

  private problem(text: string): void {
    if (this.reported.has(text)) return;
    this.reported.add(text);
    console.warn(`[kms-lens] ${text}`);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

function languageOf(path: string): string {
  return /\.ya?ml$/i.test(path) ? 'yaml' : 'json';
}

function sameEntries(a: readonly KnownKeyPolicy[], b: readonly KnownKeyPolicy[]): boolean {
  return a.length === b.length && a.every((e, i) => e.keyArn === b[i].keyArn && e.model === b[i].model && e.source === b[i].source);
}
