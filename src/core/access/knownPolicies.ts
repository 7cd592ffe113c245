/**
 * Key policies known from outside a log: a file mapped to its key
 * (`kmsLens.keyPolicies`, `--key-policy ARN=FILE`), get-key-policy output, the
 * KeyPolicy of an `AWS::KMS::Key` in a CloudFormation template, and the
 * policies other logs show being set (PutKeyPolicy, CreateKey). The editor
 * gathers them from the workspace (src/vscode/policyIndex.ts); this module
 * holds what is pure: reading the mapping, finding the policy in a file, and
 * choosing the policy in force at an event's time.
 *
 * Which policy judges an event at time t on key K (logPolicies.ts):
 * 1. the latest policy set before t that a log shows (this log or another);
 * 2. else, when no log shows K's policy changing after t, K's current policy
 *    (a mapped file, a template, get-key-policy output);
 * 3. else nothing: the policy before the first change the logs show is not known.
 */
import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import type { DocumentModel } from '../document/model';
import { canonicalKeyArn } from '../lifecycle/alarm';
import { policiesOf } from '../policy/locate';
import { membersOf, type PolicyModel } from '../policy/model';
import { policyFromText } from './compile';
import { keyPolicyFromText } from './simulate';

export type KnownOrigin =
  /** A file mapped to the key (`kmsLens.keyPolicies`, `--key-policy`). */
  | 'setting'
  /** The KeyPolicy of an AWS::KMS::Key in a CloudFormation template mapped to the key. */
  | 'cloudFormation'
  /** get-key-policy output open in the editor, whose file name holds the key's id. */
  | 'getKeyPolicy'
  /** A PutKeyPolicy or CreateKey in another log. */
  | 'log';

export interface KnownKeyPolicy {
  keyArn: string;
  model: PolicyModel;
  origin: KnownOrigin;
  /** Where it comes from, as the user knows it: a workspace-relative path, a tab's name. */
  source: string;
  /** For a policy a log shows being set: when (ms) and the eventTime. Without: the key's current policy. */
  ms?: number;
  time?: string;
}

/** Current policies of one key from several places: the most deliberate first. */
const PRIORITY: Readonly<Record<KnownOrigin, number>> = { setting: 0, cloudFormation: 1, getKeyPolicy: 2, log: 3 };

/** The key policies known for each key, ready to answer "which one was in force at this time?". */
export class KnownKeyPolicies {
  private readonly timed = new Map<string, KnownKeyPolicy[]>();
  private readonly current = new Map<string, KnownKeyPolicy>();

  constructor(entries: readonly KnownKeyPolicy[]) {
    for (const e of entries) {
      if (e.ms !== undefined) {
        let list = this.timed.get(e.keyArn);
        if (!list) this.timed.set(e.keyArn, (list = []));
        list.push(e);
      } else {
        const had = this.current.get(e.keyArn);
        if (!had || PRIORITY[e.origin] < PRIORITY[had.origin]) this.current.set(e.keyArn, e);
      }
    }
    for (const list of this.timed.values()) list.sort((a, b) => (a.ms ?? 0) - (b.ms ?? 0));
  }

  /** How many keys have a known policy. */
  get size(): number {
    return (this.keyCount ??= new Set([...this.timed.keys(), ...this.current.keys()]).size);
  }

  private keyCount?: number;

  /** The key's current policy (a mapped file, a template, get-key-policy output), if one is known. */
  currentOf(keyArn: string): KnownKeyPolicy | undefined {
    return this.current.get(keyArn);
  }

  /** Policies other logs show being set for the key, oldest first. */
  changesOf(keyArn: string): readonly KnownKeyPolicy[] {
    return this.timed.get(keyArn) ?? [];
  }
}

/** One entry of the mapping: a key and the file (and, in a template, the resource) that holds its policy. */
export interface KeyPolicyMapping {
  keyArn: string;
  /** The file, as written (workspace-relative or absolute). */
  path: string;
  /** In a CloudFormation template: the logical id of the AWS::KMS::Key (`template.yaml#OrdersKey`). */
  logicalId?: string;
}

/**
 * Reads `kmsLens.keyPolicies` (key ARN -> file, or file#LogicalId for a key in
 * a CloudFormation template). Entries that are not a key ARN and a path are
 * returned as problems, in words, rather than guessed at.
 */
export function readKeyPolicyMappings(setting: unknown): { mappings: KeyPolicyMapping[]; problems: string[] } {
  const mappings: KeyPolicyMapping[] = [];
  const problems: string[] = [];
  if (setting === undefined || setting === null) return { mappings, problems };
  if (typeof setting !== 'object' || Array.isArray(setting)) return { mappings, problems: [l10n.t('kmsLens.keyPolicies must be an object: key ARN -> file')] };
  for (const [written, value] of Object.entries(setting as Record<string, unknown>)) {
    const keyArn = canonicalKeyArn(written);
    if (!keyArn) {
      problems.push(l10n.t('"{0}" is not a key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID)', written));
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(l10n.t('the file for {0} must be a path', written));
      continue;
    }
    const hash = value.lastIndexOf('#');
    const path = (hash > 0 ? value.slice(0, hash) : value).trim();
    const logicalId = hash > 0 ? value.slice(hash + 1).trim() || undefined : undefined;
    mappings.push(logicalId ? { keyArn, path, logicalId } : { keyArn, path });
  }
  return { mappings, problems };
}

/** The `AWS::KMS::Key` resources of a template and their KeyPolicy nodes. */
function templateKeys(root: Node | undefined): Array<{ logicalId: string; policy?: Node }> {
  const out: Array<{ logicalId: string; policy?: Node }> = [];
  for (const r of membersOf(root && findNodeAtLocation(root, ['Resources']))) {
    const type = findNodeAtLocation(r.value, ['Type']);
    if (type?.type !== 'string' || (type.value !== 'AWS::KMS::Key' && type.value !== 'AWS::KMS::ReplicaKey')) continue;
    out.push({ logicalId: r.name, policy: findNodeAtLocation(r.value, ['Properties', 'KeyPolicy']) });
  }
  return out;
}

/**
 * Where, in a template's own text, the KeyPolicy of the key a mapping names
 * lies (the one named by `logicalId`, or the template's only key): a policy
 * of the document that starts there is that key's. Undefined when the
 * document is not a template or the key is not in it.
 */
export function keyPolicyRangeInTemplate(model: DocumentModel, logicalId?: string): { start: number; end: number } | undefined {
  if (model.kind !== 'cloudFormation') return undefined;
  const t = model.translation;
  const keys = templateKeys(t?.root ?? model.root);
  const chosen = logicalId ? keys.find((k) => k.logicalId === logicalId) : keys.length === 1 ? keys[0] : undefined;
  const node = chosen?.policy;
  if (!node) return undefined;
  const map = t ? (o: number) => t.toDocument(o) : (o: number) => o;
  return { start: map(node.offset), end: map(node.offset + node.length) };
}

export type MappedPolicy =
  | { model: PolicyModel; origin: 'setting' | 'cloudFormation' }
  | { problem: string };

/**
 * The key policy a mapped file holds: a policy, get-key-policy output, or the
 * KeyPolicy of a template's AWS::KMS::Key (the one named by `logicalId`, or
 * the template's only key). A template's policy is read as data: parts that
 * are intrinsic functions stay unknown to the evaluator, which then says less.
 */
export function keyPolicyOfMappedFile(model: DocumentModel, logicalId?: string): MappedPolicy {
  // Once per document model and resource: the same model gives the same policy (and compiled policy, cached on it).
  let byId = mappedCache.get(model);
  if (!byId) mappedCache.set(model, (byId = new Map()));
  let found = byId.get(logicalId ?? '');
  if (!found) byId.set(logicalId ?? '', (found = readMappedFile(model, logicalId)));
  return found;
}

const mappedCache = new WeakMap<DocumentModel, Map<string, MappedPolicy>>();

function readMappedFile(model: DocumentModel, logicalId: string | undefined): MappedPolicy {
  if (model.kind === 'cloudFormation') {
    const root = model.translation?.root ?? model.root;
    const keys = templateKeys(root);
    const chosen = logicalId ? keys.find((k) => k.logicalId === logicalId) : keys.length === 1 ? keys[0] : undefined;
    if (!chosen) {
      if (logicalId) return { problem: l10n.t('the template has no AWS::KMS::Key named {0}', logicalId) };
      return { problem: keys.length === 0 ? l10n.t('the template has no AWS::KMS::Key') : l10n.t('the template has {0} keys: map the key as FILE#LogicalId ({1})', keys.length, keys.map((k) => k.logicalId).join(', ')) };
    }
    const value: unknown = chosen.policy && getNodeValue(chosen.policy);
    const text = typeof value === 'string' ? value : value && typeof value === 'object' ? JSON.stringify(value) : undefined;
    const policy = text === undefined ? undefined : policyFromText(text, 'keyPolicy');
    if (!policy || policy.statements.length === 0) return { problem: l10n.t('the KeyPolicy of {0} is not a policy KMS Lens can read (absent, or built by a template function)', chosen.logicalId) };
    return { model: policy, origin: 'cloudFormation' };
  }
  if (logicalId) return { problem: l10n.t('#{0} names a resource, but the file is not a CloudFormation template', logicalId) };
  const policy = keyPolicyFromText(model.text);
  if (policy && policy.statements.length > 0) return { model: policy, origin: 'setting' };
  if (model.pending) return { problem: l10n.t('not analysed: the Terraform parser did not load') };
  // A key policy held in another kind of file: a Terraform module's aws_kms_key, a Crossplane or Ansible manifest.
  const held = policiesOf(model).filter((p) => p.kind === 'keyPolicy' && p.statements.length > 0);
  if (held.length === 1) return { model: held[0], origin: 'setting' };
  if (held.length > 1) return { problem: l10n.t('the file holds {0} key policies; give a file with one', held.length) };
  return { problem: l10n.t('the file holds no key policy') };
}

const KEY_ID = /(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/**
 * The key id a file's name carries, if any: get-key-policy output says nothing
 * of its key, but people save it as `<key-id>.json` or `policy-<key-id>.json`.
 */
export function keyIdInFileName(name: string): string | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  return KEY_ID.exec(base)?.[1].toLowerCase();
}
