/**
 * Words for the parts of a policy: who a principal is, what an ARN names,
 * what a list of actions amounts to. Hovers and statement summaries both use
 * these, so a principal is called the same thing everywhere.
 *
 * Every function takes a `Style`: summaries shown as CodeLens are plain text,
 * hovers are Markdown (identifiers in code spans).
 */
import { expandKmsActions, isKeyResourceAction, kmsAction, KMS_ACTIONS, type KmsAction } from '../data/iam';
import { IAM_ONLY_ACTIONS } from '../data/kmsFacts';
import { repairShiftedArn, keyIdKind, isPlaceholderAccount, ACCOUNT_ID, type Arn, type ArnPart } from '../kms/identifiers';
import { serviceName } from '../data/serviceNames';
import * as l10n from '@vscode/l10n';
import type { PrincipalValue, StringValue } from './model';
import type { UnknownPart } from './placeholders';
import { arnText, valueArn, valueOfText, type PolicyValue } from './value';

export interface Style {
  /** An identifier or value as written (a code span in Markdown). */
  code(s: string): string;
  markdown: boolean;
}

export const PLAIN: Style = { code: (s) => s, markdown: false };

export const MARKDOWN: Style = {
  code: (s) => {
    const ticks = s.includes('`') ? '``' : '`';
    const pad = ticks.length > 1 ? ' ' : '';
    return `${ticks}${pad}${s}${pad}${ticks}`;
  },
  markdown: true,
};

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return l10n.t('{0} and {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

/** `a`, `a or b`, `a, b or c`. */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return l10n.t('{0} or {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

/** `a`, `neither a nor b`, `none of a, b and c` (after a verb such as "is"). */
export function joinNor(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return l10n.t('neither {0} nor {1}', items[0], items[1]);
  return l10n.t('none of {0}', joinAnd(items));
}

/** At most `max` items, then "N more". */
export function limited(items: readonly string[], max: number): string[] {
  if (items.length <= max) return [...items];
  return [...items.slice(0, max - 1), l10n.t('{0} more', items.length - (max - 1))];
}

// ---------------------------------------------------------------- principals

export type PrincipalKind = 'anyone' | 'account' | 'role' | 'assumedRole' | 'user' | 'federatedUser' | 'group' | 'service' | 'federated' | 'canonicalUser' | 'other';

export interface PrincipalDescription {
  kind: PrincipalKind;
  /** Short name for a sentence: "role BatchJobs", "account 111122223333". */
  label: string;
  /** As written: 12 digits, an example, or a placeholder (`${account_id}`). */
  account?: string;
  /** The role, user or service name. */
  name?: string;
  /** The account is a documentation placeholder. */
  placeholder: boolean;
  /** The account is (or holds) an unknown part: a template variable, a placeholder, CloudFormation's account. */
  accountUnknown?: UnknownPart;
}

function lastSegment(path: string): string {
  const parts = path.split('/').filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? path;
}

/** What an unknown part is, in words: "a template variable", "the stack's account (CloudFormation)". */
export function unknownPhrase(u: UnknownPart): string {
  switch (u.kind) {
    case 'template': return l10n.t('a template variable, filled in when the file is rendered');
    case 'placeholder': return l10n.t('a placeholder to replace');
    case 'policyVariable': return l10n.t('an IAM policy variable, replaced with a value of each request');
    default:
      switch (u.means) {
        case 'account': return l10n.t('the stack\'s account, set by CloudFormation');
        case 'region': return l10n.t('the stack\'s Region, set by CloudFormation');
        case 'partition': return l10n.t('the stack\'s partition, set by CloudFormation');
        default: return l10n.t('set by CloudFormation when the stack is deployed');
      }
  }
}

export function describePrincipal(p: Pick<PrincipalValue, 'type' | 'value'> & { parts?: PolicyValue }, style: Style = PLAIN): PrincipalDescription {
  const v = p.parts ?? valueOfText(p.value);
  const value = v.written;
  const shape = v.shape;
  const type = p.type;
  if (shape === '*' && (type === '*' || type === 'AWS')) return { kind: 'anyone', label: l10n.t('anyone'), placeholder: false };
  if (type === 'Service') {
    const label = value.split('.')[0] ?? value;
    return { kind: 'service', label: l10n.t('the {0} service ({1})', serviceName(label), style.code(value)), name: serviceName(label), placeholder: false };
  }
  if (type === 'Federated') return { kind: 'federated', label: l10n.t('users federated through {0}', style.code(value)), name: value, placeholder: false };
  if (type === 'CanonicalUser') return { kind: 'canonicalUser', label: l10n.t('canonical user {0}', style.code(value)), placeholder: false };
  if (ACCOUNT_ID.test(shape)) return { kind: 'account', label: l10n.t('account {0}', style.code(value)), account: value, placeholder: isPlaceholderAccount(value) };
  const read = readArn(v);
  if (read) {
    const { arn } = read;
    const account = read.text(arn.account);
    const accountUnknown = v.known ? undefined : read.unknownIn(arn.account);
    const placeholder = !accountUnknown && isPlaceholderAccount(account);
    const base = { account, placeholder, accountUnknown };
    const resource = arn.resource.value;
    if (arn.service.value === 'iam' && resource === 'root') return { kind: 'account', label: l10n.t('account {0}', style.code(account)), ...base };
    const resourceText = read.text(arn.resource);
    const id = arn.resourceType === '' ? resourceText : resourceText.slice(arn.resourceType.length + 1);
    const name = lastSegment(id);
    switch (arn.resourceType) {
      case 'role':
        return { kind: 'role', label: l10n.t('role {0}', style.code(name)), name, ...base };
      case 'user':
        return { kind: 'user', label: l10n.t('user {0}', style.code(name)), name, ...base };
      case 'group':
        return { kind: 'group', label: l10n.t('group {0}', style.code(name)), name, ...base };
      case 'assumed-role': {
        const [role, session] = id.split('/');
        return { kind: 'assumedRole', label: l10n.t('session {0} of role {1}', style.code(session ?? ''), style.code(role ?? '')), name: role, ...base };
      }
      case 'federated-user':
        return { kind: 'federatedUser', label: l10n.t('federated user {0}', style.code(name)), name, ...base };
    }
  }
  return { kind: 'other', label: style.code(value), placeholder: v.known && isPlaceholderAccount(value) };
}

/** "user Alice, role Admin and account 444455556666", with accounts added when the principals span several accounts. */
export function principalsPhrase(principals: readonly PrincipalValue[], style: Style = PLAIN): string {
  const described = principals.map((p) => describePrincipal(p, style));
  if (described.some((d) => d.kind === 'anyone')) return l10n.t('anyone');
  const accounts = new Set(described.map((d) => d.account).filter((a): a is string => a !== undefined));
  const labels = described.map((d) =>
    accounts.size > 1 && d.account && d.kind !== 'account' ? l10n.t('{0} of account {1}', d.label, style.code(d.account)) : d.label,
  );
  return joinAnd(limited([...new Set(labels)], 5));
}

// ---------------------------------------------------------------- ARNs and key ids

export interface ArnDescription {
  /** The parts, over the value's shape: a part holding a placeholder holds `UNKNOWN` (value.ts). */
  arn: Arn;
  /** The ARN as AWS would read it (as written), when it was written with the `arn:aws::kms:` shift. */
  repaired?: string;
  /** A part as written (placeholders as written). */
  text(part: ArnPart): string;
  /** The first unknown part inside a part of the ARN. */
  unknownIn(part: ArnPart): UnknownPart | undefined;
}

/** Parses an ARN, reading `arn:aws::kms:...` as the ARN that was meant (and saying so), and placeholders as unknown parts. */
export function readArn(value: string | PolicyValue): ArnDescription | undefined {
  const v = typeof value === 'string' ? valueOfText(value) : value;
  const a = valueArn(v);
  if (!a) return undefined;
  const repaired = a.shifted ? v.writeShape(repairShiftedArn(v.shape) ?? v.shape) : undefined;
  const startOf = (part: ArnPart): number => (a.shifted && part.start > a.arn.partition.start ? part.start + 1 : part.start);
  return {
    arn: a.arn,
    repaired,
    text: (part) => arnText(a, part),
    unknownIn: (part) => v.unknownsIn(startOf(part), startOf(part) + part.value.length)[0],
  };
}

function regionPhrase(region: string): string {
  if (region === '*' || region === '') return l10n.t('any Region');
  return region;
}

/** "key 1234abcd-... (us-west-2, account 111122223333)", "any key of account 111122223333 in any Region", "this key". */
export function resourcePhrase(value: string | PolicyValue, style: Style = PLAIN): string {
  const written = typeof value === 'string' ? value : value.written;
  if (written === '*') return l10n.t('any resource');
  const read = readArn(value);
  if (!read) return style.code(written);
  const { arn } = read;
  // Placeholders read as written: "key ${key_id} (${region}, account ${account_id})".
  const account = read.text(arn.account);
  const region = read.text(arn.region);
  if (arn.service.value !== 'kms') return style.code(read.repaired ?? written);
  const where = account === '*' || account === '' ? l10n.t('any account') : l10n.t('account {0}', style.code(account));
  const id = read.text(arn.resource).slice(arn.resourceType.length + 1);
  if (arn.resourceType === 'key') {
    if (id === '*') return region === '*' || region === '' ? l10n.t('any key of {0} in any Region', where) : l10n.t('any key of {0} in {1}', where, style.code(region));
    return l10n.t('key {0} ({1}, {2})', style.code(id), region === '*' ? regionPhrase(region) : style.code(region), where);
  }
  if (arn.resourceType === 'alias') {
    if (id === '*') return l10n.t('any alias of {0} in {1}', where, region === '*' || region === '' ? regionPhrase(region) : style.code(region));
    return l10n.t('alias {0} ({1}, {2})', style.code(id), region === '*' ? regionPhrase(region) : style.code(region), where);
  }
  return style.code(read.repaired ?? written);
}

export function describeKeyId(id: string): string {
  switch (keyIdKind(id)) {
    case 'key': return l10n.t('a single-Region key id');
    case 'multiRegion': return l10n.t('a multi-Region key id (`mrk-`): the same id in every Region the key is replicated to');
    case 'placeholder': return l10n.t('a documentation placeholder, not a real key id');
    default: return l10n.t('not a KMS key id: a key id is a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab, or mrk- and 32 hex digits');
  }
}

// ---------------------------------------------------------------- actions

const CRYPTO = new Set([
  'Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext', 'Sign', 'Verify', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret', 'GenerateRandom',
]);
const GRANTS = new Set(['CreateGrant', 'ListGrants', 'RevokeGrant', 'RetireGrant', 'ListRetirableGrants']);
/** What a reviewer looks for first in a long list: who can change the policy, destroy or hand out the key. */
const SENSITIVE = ['PutKeyPolicy', 'ScheduleKeyDeletion', 'CreateGrant', 'DisableKey', 'DeleteImportedKeyMaterial', 'UpdatePrimaryRegion'];

export type ActionCategory = 'crypto' | 'grants' | 'read' | 'admin';

export function actionCategory(a: KmsAction): ActionCategory {
  if (CRYPTO.has(a.name)) return 'crypto';
  if (GRANTS.has(a.name)) return 'grants';
  if (a.accessLevel === 'Read' || a.accessLevel === 'List') return 'read';
  return 'admin';
}

export function isCryptoAction(name: string): boolean {
  return CRYPTO.has(name);
}

export interface ActionSet {
  /** Distinct KMS actions the entries match, in data order. */
  actions: KmsAction[];
  /** `kms:*` or `*` is among the entries. */
  all: boolean;
  /** Entries of other services (`iam:CreateServiceLinkedRole`), as written. */
  foreign: string[];
  /** `kms:` entries that match no action, as written. */
  unknown: string[];
  /** Entries with placeholders or CloudFormation functions: what they match is not known yet. */
  templated: string[];
}

/** What a list of Action/NotAction entries matches. IAM matches action names without regard to case. */
export function expandActions(entries: readonly StringValue[] | readonly string[]): ActionSet {
  const matched = new Set<KmsAction>();
  const foreign: string[] = [];
  const unknown: string[] = [];
  const templated: string[] = [];
  let all = false;
  for (const e of entries) {
    const value = typeof e === 'string' ? e : e.value;
    if (typeof e !== 'string' && !e.parts.known) {
      templated.push(value);
      continue;
    }
    if (value === '*') {
      all = true;
      KMS_ACTIONS.forEach((a) => matched.add(a));
      continue;
    }
    const m = /^([^:]*):(.*)$/.exec(value);
    if (!m || m[1].toLowerCase() !== 'kms') {
      foreign.push(value);
      continue;
    }
    if (m[2] === '*') all = true;
    const found = expandKmsActions(m[2]);
    if (found.length === 0) unknown.push(value);
    found.forEach((a) => matched.add(a));
  }
  return { actions: KMS_ACTIONS.filter((a) => matched.has(a)), all, foreign, unknown, templated };
}

/** "Decrypt", "ReEncrypt* (ReEncryptFrom and ReEncryptTo)", "Generate* (6 actions)". */
function entryPhrase(entry: StringValue, style: Style): string {
  const value = entry.value;
  // `kms:${action}`: named as written, without a verdict on what it will be.
  if (!entry.parts.known) return style.code(value);
  const m = /^kms:(.*)$/i.exec(value);
  if (!m) return style.code(value);
  const name = m[1];
  if (!/[*?]/.test(name)) {
    const a = kmsAction(name);
    return a ? style.code(a.name) : l10n.t('{0} (not a KMS action)', style.code(name));
  }
  const expanded = expandKmsActions(name);
  if (expanded.length === 0) return l10n.t('{0} (matches no action)', style.code(name));
  if (expanded.length <= 3) return `${style.code(name)} (${joinAnd(expanded.map((a) => style.code(a.name)))})`;
  return l10n.t('{0} ({1} actions)', style.code(name), expanded.length);
}

export interface ActionsPhrase {
  /** Follows "to": "Decrypt and GenerateDataKey", "administer", "perform every KMS action (kms:*)". */
  text: string;
  /** The phrase already names the resource ("administer this key"), so no resource phrase follows. */
  namesResource: boolean;
  /** Preposition before the resource: "with" for cryptographic use, "on" otherwise. */
  preposition: 'with' | 'on';
}

/**
 * Words for the actions of a statement. Short lists are named; long ones are
 * described by what they let a principal do, naming the sensitive actions, as a
 * reviewer would ("administer this key: 29 actions, including PutKeyPolicy").
 */
export function actionsPhrase(entries: readonly StringValue[], resource: string, style: Style = PLAIN): ActionsPhrase {
  const set = expandActions(entries);
  const preposition = set.actions.some((a) => CRYPTO.has(a.name)) ? 'with' : 'on';
  if (set.all) {
    const star = entries.find((e) => e.value === '*' || /^kms:\*$/i.test(e.value))?.value ?? 'kms:*';
    const rest = set.foreign.filter((f) => f !== '*');
    const text = l10n.t('perform every KMS action ({0})', style.code(star));
    return { text: rest.length ? l10n.t('{0}, and {1}', text, joinAnd(rest.map(style.code))) : text, namesResource: false, preposition: 'on' };
  }
  if (entries.length <= 6 && set.actions.length <= 10) {
    // English uses the API names as the verb ("can Decrypt and Encrypt"); Italian and Spanish need one ("può chiamare Decrypt").
    const names = joinAnd(entries.map((e) => entryPhrase(e, style)));
    return { text: l10n.t({ message: '{0}', args: [names], comment: ['Actions named as what a principal can or cannot do: "can {0}", "may not {0}".'] }), namesResource: false, preposition };
  }
  const categories = new Set(set.actions.map(actionCategory));
  const crypto = categories.has('crypto');
  const admin = categories.has('admin') || categories.has('grants');
  let verb: string;
  if (crypto && admin) verb = l10n.t('use and administer {0}', resource);
  else if (crypto) verb = l10n.t('use {0} for cryptography', resource);
  else if (admin) verb = l10n.t('administer {0}', resource);
  else verb = l10n.t('read the metadata of {0}', resource);
  const sensitive = SENSITIVE.filter((s) => set.actions.some((a) => a.name === s)).slice(0, 3);
  const count = set.actions.length + set.foreign.length + set.templated.length;
  let detail = sensitive.length > 0
    ? l10n.t('{0} actions, including {1}', count, joinAnd(sensitive.map(style.code)))
    : l10n.t('{0} actions', count);
  if (admin && !crypto) detail = l10n.t('{0}; none of them encrypts or decrypts', detail);
  return { text: l10n.t('{0} ({1})', verb, detail), namesResource: true, preposition };
}

/** IAM-only actions (no effect in a key policy) among the entries, canonical names. */
export function iamOnlyActions(entries: readonly StringValue[]): string[] {
  const only = new Set<string>(IAM_ONLY_ACTIONS);
  return entries
    .map((e) => /^kms:(.*)$/i.exec(e.value)?.[1])
    .filter((n): n is string => n !== undefined && !/[*?]/.test(n))
    .map((n) => kmsAction(n)?.name)
    .filter((n): n is string => n !== undefined && only.has(n));
}

export { isKeyResourceAction };
