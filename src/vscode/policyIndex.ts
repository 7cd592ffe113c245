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
 * It also knows which open documents hold a key's current policy (a mapped
 * file, with the template's logical id; get-key-policy output named after a
 * key): their unused statements are judged against the open logs
 * (policy-unused-statement). A change says which keys' policies changed, so
 * that only the logs with events on those keys are analysed again.
 *
 * What cannot be read (a path that does not exist, a template with several
 * keys and no logical id) is left out and said once on the console, never
 * guessed at.
 */
import * as vscode from 'vscode';
import { getKmsLensService, type DocumentModel, type KnownKeyPolicies, type KnownKeyPolicy } from '../core';
import { TYPING_DELAY } from './delays';
import { isCandidate } from './documents';
import { prepareFormats } from './formats';
import type { GrantsIndex } from './grantsIndex';
import type { ModelCache } from './modelCache';
import { readSettings } from './settings';

const core = getKmsLensService();

/** A key a document holds the current policy of (in a template: the AWS::KMS::Key's logical id). */
export interface DocumentKey {
  keyArn: string;
  logicalId?: string;
}

export interface PolicyIndexChange {
  known: KnownKeyPolicies;
  /** Keys whose known policies changed (the logs with events on them are judged again). */
  keys: ReadonlySet<string>;
  /** Documents (URIs) whose keys changed (their unused statements are judged again). */
  documents: ReadonlySet<string>;
}

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
  /** The keys each document (URI) holds the current policy of. */
  private documentKeys = new Map<string, DocumentKey[]>();
  private readonly changed = new vscode.EventEmitter<PolicyIndexChange>();
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

  /** The keys a document holds the current policy of, if any. */
  keysOfDocument(uri: vscode.Uri): readonly DocumentKey[] | undefined {
    return this.documentKeys.get(uri.toString());
  }

  /** Documents (URIs) that hold a key's current policy. */
  get documentsWithKeys(): ReadonlySet<string> {
    return new Set(this.documentKeys.keys());
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
      const documentKeys = new Map<string, DocumentKey[]>();
      await this.readMappings(entries, mapped, documentKeys);
      if (generation !== this.generation) return;
      this.readOpenDocuments(entries, documentKeys);
      this.mapped = mapped;
      const documents = changedDocuments(this.documentKeys, documentKeys);
      this.documentKeys = documentKeys;
      const keys = changedKeys(this.lastEntries, entries);
      if (keys.size === 0 && documents.size === 0) return;
      if (keys.size > 0) {
        this.lastEntries = entries;
        this.current = core.knownKeyPolicies(entries);
      }
      this.changed.fire({ known: this.current, keys, documents });
    } catch (err) {
      // The core does not throw by design; if it ever does, hovers keep the last index.
      console.error('[kms-lens] key policy index failed', err);
    }
  }

  private async readMappings(entries: KnownKeyPolicy[], mapped: Set<string>, documentKeys: Map<string, DocumentKey[]>): Promise<void> {
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
      addKey(documentKeys, uri.toString(), m.logicalId ? { keyArn: m.keyArn, logicalId: m.logicalId } : { keyArn: m.keyArn });
      const open = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
      let text: string;
      try {
        text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        this.problem(`kmsLens.keyPolicies: cannot read ${m.path} (the key policy of ${m.keyArn})`);
        continue;
      }
      // A Terraform module can hold the key's policy: its parser loads on first need (a failure leaves the file unread, said below).
      if (/\.tf$/i.test(uri.path)) await prepareFormats().catch(() => undefined);
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
  private readOpenDocuments(entries: KnownKeyPolicy[], documentKeys: Map<string, DocumentKey[]>): void {
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
      if (!policy) continue;
      entries.push({ keyArn, model: policy, origin: 'getKeyPolicy', source: vscode.workspace.asRelativePath(doc.uri) });
      addKey(documentKeys, doc.uri.toString(), { keyArn });
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

function addKey(map: Map<string, DocumentKey[]>, uri: string, key: DocumentKey): void {
  const list = map.get(uri);
  if (!list) map.set(uri, [key]);
  else if (!list.some((k) => k.keyArn === key.keyArn && k.logicalId === key.logicalId)) list.push(key);
}

/** The keys whose entries differ (a policy added, removed, or read anew). */
function changedKeys(before: readonly KnownKeyPolicy[], after: readonly KnownKeyPolicy[]): Set<string> {
  const byKey = (list: readonly KnownKeyPolicy[]): Map<string, KnownKeyPolicy[]> => {
    const m = new Map<string, KnownKeyPolicy[]>();
    for (const e of list) {
      const l = m.get(e.keyArn);
      if (l) l.push(e);
      else m.set(e.keyArn, [e]);
    }
    return m;
  };
  const a = byKey(before);
  const b = byKey(after);
  const same = (x: readonly KnownKeyPolicy[] = [], y: readonly KnownKeyPolicy[] = []): boolean =>
    x.length === y.length && x.every((e, i) => e.model === y[i].model && e.source === y[i].source && e.origin === y[i].origin && e.ms === y[i].ms);
  const out = new Set<string>();
  for (const k of new Set([...a.keys(), ...b.keys()])) if (!same(a.get(k), b.get(k))) out.add(k);
  return out;
}

function changedDocuments(before: ReadonlyMap<string, DocumentKey[]>, after: ReadonlyMap<string, DocumentKey[]>): Set<string> {
  const out = new Set<string>();
  const text = (l: DocumentKey[] | undefined): string => (l ?? []).map((k) => `${k.keyArn}#${k.logicalId ?? ''}`).join(' ');
  for (const uri of new Set([...before.keys(), ...after.keys()])) if (text(before.get(uri)) !== text(after.get(uri))) out.add(uri);
  return out;
}
