/**
 * What to offer in each place of a policy: actions and wildcards, condition
 * operators, condition keys that apply to the statement's actions, their known
 * values, element names, principal forms. Plain data; complete.ts decides where
 * the cursor is and how the text is inserted.
 */
import { actionsForConditionKey, allConditionKeys, conditionKeyInfo, expandKmsActions, isMultiValued, KMS_ACTIONS, localDescription, type ConditionKeyInfo, type KmsAction } from '../data/iam';
import { CONDITION_OPERATORS, familiesForKeyType } from '../data/conditionOperators';
import { CONDITION_KEY_ENUMS, GRANT_OPERATIONS, KMS_ENUMS, VIA_SERVICE_NAMES } from '../data/kmsFacts';
import { COMMON_SERVICE_PRINCIPALS, serviceName } from '../data/serviceNames';
import { globalKeyNote } from '../data/globalKeyNotes';
import * as l10n from '@vscode/l10n';
import { expandActions, readArn } from './describe';
import { UNKNOWN } from '../kms/identifiers';
import type { PolicyModel, Statement } from './model';
import type { UnknownPart } from './placeholders';
import type { PolicyValue } from './value';

export type CompletionKind = 'action' | 'wildcard' | 'operator' | 'key' | 'value' | 'property' | 'principal';

/** One suggestion before placement: `value` is the JSON value or key it stands for (unquoted). */
export interface Suggestion {
  label: string;
  kind: CompletionKind;
  /** The string to insert as a JSON string (quoted by the caller), as snippet text when `snippet`. */
  value: string;
  /** For property suggestions: the snippet after the colon (`"Allow"`, `["$1"]`, ...). */
  after?: string;
  snippet?: boolean;
  detail?: string;
  documentation?: string;
  sortText?: string;
}

/** Escapes snippet syntax in literal text. */
export function snippetLiteral(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** `kms:EncryptionContext:${EncryptionContextKey}` -> `kms:EncryptionContext:${1:EncryptionContextKey}` (a tab stop to fill in). */
function keyTemplateSnippet(template: string): string {
  const m = /^(.*?)(\$\{([^}]+)\}|tag-key)$/.exec(template);
  if (!m || (!m[3] && !template.endsWith('/tag-key'))) return snippetLiteral(template);
  return `${snippetLiteral(m[1])}\${1:${m[3] ?? 'tag-key'}}`;
}

function isTemplate(key: string): boolean {
  return /\$\{[^}]+\}$|\/tag-key$/.test(key);
}

// ---------------------------------------------------------------- document facts

export interface DocumentFacts {
  /**
   * Accounts named in the document, most frequent first: 12-digit ones, then
   * the placeholders the document writes in their place (`${account_id}`,
   * `<ACCOUNT_ID>`), so that completions follow a template's own style.
   */
  accounts: string[];
  /** Regions named in ARNs of the document (then Region placeholders), most frequent first. */
  regions: string[];
  partition: string;
}

/** A text placeholder that fills a whole field, as written: usable in a plain string (not CloudFormation's, which needs Fn::Sub). */
function fieldPlaceholder(field: string, unknown: UnknownPart | undefined): string | undefined {
  return field === UNKNOWN && unknown && (unknown.kind === 'template' || unknown.kind === 'placeholder') ? unknown.written : undefined;
}

export function documentFacts(policy: PolicyModel): DocumentFacts {
  const accounts = new Map<string, number>();
  const regions = new Map<string, number>();
  const partitions = new Map<string, number>();
  const placeholderAccounts = new Map<string, number>();
  const placeholderRegions = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string | undefined): void => {
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  };
  const see = (v: PolicyValue): void => {
    if (/^\d{12}$/.test(v.shape)) bump(accounts, v.shape);
    const read = readArn(v);
    if (!read) return;
    const { arn } = read;
    if (/^\d{12}$/.test(arn.account.value)) bump(accounts, arn.account.value);
    else bump(placeholderAccounts, fieldPlaceholder(arn.account.value, read.unknownIn(arn.account)));
    if (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(arn.region.value)) bump(regions, arn.region.value);
    else bump(placeholderRegions, fieldPlaceholder(arn.region.value, read.unknownIn(arn.region)));
    if (/^aws(-[a-z-]+)?$/.test(arn.partition.value)) bump(partitions, arn.partition.value);
  };
  for (const s of policy.statements) {
    for (const p of [...s.principals, ...s.notPrincipals]) {
      see(p.parts);
      // logs.${region}.amazonaws.com: the Region label of a Regional service principal.
      const labels = p.type === 'Service' ? p.parts.shape.split('.') : [];
      if (labels.length === 4 && labels[1] === UNKNOWN) bump(placeholderRegions, fieldPlaceholder(UNKNOWN, p.parts.unknownsIn(labels[0].length + 1, labels[0].length + 2)[0]));
    }
    for (const r of [...s.resources, ...s.notResources]) see(r.parts);
    for (const c of s.conditions) for (const v of c.values) if (v.parts) see(v.parts);
  }
  const byCount = (m: Map<string, number>): string[] => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  return {
    accounts: [...byCount(accounts), ...byCount(placeholderAccounts)],
    regions: [...byCount(regions), ...byCount(placeholderRegions)],
    partition: byCount(partitions)[0] ?? 'aws',
  };
}

/** The Region of the key ARNs in this statement's Resource (what a ViaService value must match), else the document's. */
function statementRegion(statement: Statement | undefined, facts: DocumentFacts): string | undefined {
  for (const r of statement?.resources ?? []) {
    const region = readArn(r.parts)?.arn.region.value;
    if (region && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return region;
  }
  return facts.regions[0];
}

// ---------------------------------------------------------------- actions

/**
 * Wildcards worth offering: every CamelCase prefix that matches two or more actions (Generate*, GenerateDataKey*, ReEncrypt*...).
 * Computed on the first completion, not when the module loads: every CLI run loaded it (about 20 ms).
 */
let wildcards: ReadonlyArray<{ pattern: string; names: string[] }> | undefined;
function kmsWildcards(): ReadonlyArray<{ pattern: string; names: string[] }> {
  if (wildcards) return wildcards;
  const prefixes = new Set<string>();
  for (const a of KMS_ACTIONS) {
    let prefix = '';
    for (const w of a.name.match(/[A-Z][a-z]*/g) ?? []) prefixes.add((prefix += w));
  }
  wildcards = [...prefixes]
    .map((p) => ({ pattern: `${p}*`, names: expandKmsActions(`${p}*`).map((a) => a.name) }))
    .filter((w) => w.names.length >= 2)
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
  return wildcards;
}

/** Condition key template -> the KMS actions it applies to, computed once (completions ask for every key). */
let keyActions: Map<string, ReadonlySet<KmsAction>> | undefined;
function actionsOfKey(key: string): ReadonlySet<KmsAction> {
  keyActions ??= new Map(allConditionKeys().map((k) => [k.key, new Set(actionsForConditionKey(k.key))]));
  return keyActions.get(key) ?? new Set(actionsForConditionKey(key));
}

/** `applies to 2 of 3 actions here`; with one action, no "1 of 1 actions" (which Italian and Spanish cannot agree either). */
function appliesHere(n: number, of: number): string {
  return of === 1 ? l10n.t('applies to the action here') : l10n.t('applies to {0} of {1} actions here', n, of);
}

export function actionSuggestions(present: ReadonlySet<string>): Suggestion[] {
  const out: Suggestion[] = [];
  for (const a of KMS_ACTIONS) {
    if (present.has(`kms:${a.name}`.toLowerCase())) continue;
    out.push({ label: `kms:${a.name}`, kind: 'action', value: `kms:${a.name}`, detail: a.accessLevel, documentation: `${localDescription(a.description)}.`, sortText: `1${a.name}` });
  }
  out.push({ label: 'kms:*', kind: 'wildcard', value: 'kms:*', detail: l10n.t('every KMS action ({0})', KMS_ACTIONS.length), documentation: l10n.t('Every KMS action, including those AWS adds later.'), sortText: '2*' });
  for (const w of kmsWildcards()) {
    if (present.has(`kms:${w.pattern}`.toLowerCase())) continue;
    out.push({ label: `kms:${w.pattern}`, kind: 'wildcard', value: `kms:${w.pattern}`, detail: l10n.t('{0} actions', w.names.length), documentation: l10n.t('Expands to: {0}', w.names.join(', ')), sortText: `2${w.pattern}` });
  }
  return out;
}

// ---------------------------------------------------------------- conditions

/** Operators, plain ones first; set-operator forms for multi-valued keys; IfExists forms last. */
export function operatorSuggestions(): Suggestion[] {
  const out: Suggestion[] = [];
  CONDITION_OPERATORS.forEach((o, i) => {
    const order = String(i).padStart(2, '0');
    out.push({ label: o.name, kind: 'operator', value: o.name, after: '{$0}', snippet: true, detail: o.family, documentation: o.description, sortText: `1${order}` });
    if (o.family === 'Null') return;
    for (const set of ['ForAnyValue', 'ForAllValues'] as const) {
      if (o.family !== 'String' && o.family !== 'Arn') continue;
      out.push({
        label: `${set}:${o.name}`, kind: 'operator', value: `${set}:${o.name}`, after: '{$0}', snippet: true, detail: l10n.t('for multi-valued keys'),
        documentation: set === 'ForAllValues'
          ? l10n.t('True when every value in the request matches ({0}); also true when the request has none.', o.name)
          : l10n.t('True when at least one value in the request matches ({0}).', o.name),
        sortText: `2${set}${order}`,
      });
    }
    out.push({ label: `${o.name}IfExists`, kind: 'operator', value: `${o.name}IfExists`, after: '{$0}', snippet: true, detail: l10n.t('true when the key is absent'), documentation: o.description, sortText: `3${order}` });
  });
  return out;
}

const COMMON_GLOBAL_KEYS = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:principalorgid', 'aws:principalarn', 'aws:principalaccount', 'aws:sourcevpce', 'aws:sourcevpc', 'aws:sourceip', 'aws:securetransport', 'aws:calledvia', 'aws:viaawsservice']);

function valueSkeleton(info: ConditionKeyInfo): string {
  if (isMultiValued(info)) return '["$1"]';
  return '"$1"';
}

/** Condition keys for a statement: those that apply to all its actions first, then to some, then the global keys. */
export function conditionKeySuggestions(statement: Statement | undefined, operator: string | undefined): Suggestion[] {
  const set = statement && statement.actions.length > 0 ? expandActions(statement.actions) : undefined;
  const statementActions = set?.actions ?? [];
  const present = new Set((statement?.conditions ?? []).filter((c) => c.operator === operator).map((c) => c.key.toLowerCase()));
  const out: Suggestion[] = [];
  for (const info of allConditionKeys()) {
    if (present.has(info.key.toLowerCase())) continue;
    const applies = actionsOfKey(info.key);
    const global = info.service === 'aws' && applies.size === 0;
    let rank: string;
    if (global) {
      rank = COMMON_GLOBAL_KEYS.has(info.key.toLowerCase()) ? '3' : '5';
    } else if (statementActions.length === 0) {
      rank = '2';
    } else {
      const n = statementActions.filter((a) => applies.has(a)).length;
      if (n === 0) continue; // "condition keys that apply to the statement's actions"
      rank = n === statementActions.length ? '1' : '2';
    }
    if (info.key.startsWith('kms:RecipientAttestation:')) rank = '4';
    if (/is deprecated/i.test(info.description)) continue;
    const detail = [info.type, isMultiValued(info) ? l10n.t('multi-valued') : '', applies.size > 0 && statementActions.length > 0 ? appliesHere(statementActions.filter((a) => applies.has(a)).length, statementActions.length) : '']
      .filter(Boolean).join(' · ');
    out.push({
      label: info.key,
      kind: 'key',
      value: keyTemplateSnippet(info.key),
      snippet: true,
      after: isTemplate(info.key) ? valueSkeleton(info).replace('$1', '$2') : valueSkeleton(info),
      detail,
      documentation: localDescription(info.description) || globalKeyNote(info.key),
      sortText: `${rank}${info.key.toLowerCase()}`,
    });
  }
  return out;
}

/** Known values of a condition key: enum values, grant operations, ViaService names in the key's Region, booleans, accounts. */
export function conditionValueSuggestions(key: string, statement: Statement | undefined, facts: DocumentFacts): Suggestion[] {
  const info = conditionKeyInfo(key);
  const canonical = info?.key ?? key;
  const out: Suggestion[] = [];
  const enumName = CONDITION_KEY_ENUMS[canonical];
  if (canonical === 'kms:GrantOperations') {
    GRANT_OPERATIONS.forEach((op, i) => out.push({ label: op, kind: 'value', value: op, detail: l10n.t('grant operation'), sortText: String(i).padStart(2, '0') }));
  } else if (enumName) {
    (KMS_ENUMS[enumName] as readonly string[]).forEach((v, i) => out.push({ label: v, kind: 'value', value: v, detail: canonical, sortText: String(i).padStart(2, '0') }));
  } else if (canonical === 'kms:ViaService') {
    const region = statementRegion(statement, facts);
    for (const s of VIA_SERVICE_NAMES) {
      const value = region ? `${s}.${region}.amazonaws.com` : `${snippetLiteral(s)}.\${1:region}.amazonaws.com`;
      out.push({
        label: region ? value : `${s}.<region>.amazonaws.com`, kind: 'value', value, snippet: !region, detail: serviceName(s),
        documentation: region ? l10n.t('Requests {0} makes on the caller\'s behalf in {1} (the Region of the key in this statement).', serviceName(s), region) : undefined,
        sortText: s,
      });
    }
  } else if (info && familiesForKeyType(info.type).includes('Bool')) {
    out.push({ label: 'true', kind: 'value', value: 'true', sortText: '0' }, { label: 'false', kind: 'value', value: 'false', sortText: '1' });
  } else if (/^(kms:calleraccount|aws:sourceaccount|aws:principalaccount|aws:resourceaccount)$/i.test(canonical)) {
    facts.accounts.forEach((a, i) => out.push({ label: a, kind: 'value', value: a, detail: l10n.t('an account in this document'), sortText: String(i).padStart(2, '0') }));
  } else if (/^kms:(requestalias|resourcealiases)$/i.test(canonical)) {
    out.push({ label: 'alias/', kind: 'value', value: 'alias/$1', snippet: true, detail: l10n.t('alias name') });
  }
  return out;
}

// ---------------------------------------------------------------- elements and principals

/** The document's account in snippet text (a placeholder such as `${account_id}` escaped), or a tab stop. */
function accountSnippet(facts: DocumentFacts): string {
  return facts.accounts[0] !== undefined ? snippetLiteral(facts.accounts[0]) : '${1:111122223333}';
}

export function statementElementSuggestions(policy: PolicyModel, statement: Statement | undefined, facts: DocumentFacts): Suggestion[] {
  const has = (name: string): boolean => statement?.byName.has(name) === true;
  const acct = accountSnippet(facts);
  const region = facts.regions[0] !== undefined ? snippetLiteral(facts.regions[0]) : '${2:us-east-1}';
  const keyPolicy = policy.kind === 'keyPolicy';
  const resource = keyPolicy ? '"*"' : `"arn:${facts.partition}:kms:${region}:${acct}:key/\${3:key-id}"`;
  const items: Array<[string, string, string, boolean]> = [
    ['Sid', '"$1"', l10n.t('statement id'), true],
    ['Effect', '"${1|Allow,Deny|}"', l10n.t('Allow or Deny'), true],
    ['Principal', `{"AWS": "arn:${facts.partition}:iam::${acct}:root"}`, l10n.t('who the statement applies to (key policies)'), keyPolicy && !has('NotPrincipal')],
    ['Action', '["$0"]', l10n.t('the actions'), !has('NotAction')],
    ['NotAction', '["$0"]', l10n.t('every action except these'), !has('Action')],
    ['Resource', resource, keyPolicy ? l10n.t('"*" in a key policy: this key') : l10n.t('key ARNs'), !has('NotResource')],
    ['NotResource', '["$0"]', l10n.t('every resource except these'), !has('Resource') && !keyPolicy],
    ['Condition', '{"${1:StringEquals}": {$0}}', l10n.t('when the statement applies'), true],
    ['NotPrincipal', '{"AWS": "$0"}', l10n.t('everyone except these (avoid with Allow)'), keyPolicy && !has('Principal')],
  ];
  return items
    .filter(([name, , , offered]) => offered && !has(name))
    .map(([name, after, detail], i) => ({ label: name, kind: 'property', value: name, after, snippet: true, detail, sortText: String(i) }));
}

export function topLevelSuggestions(policy: PolicyModel): Suggestion[] {
  const items: Array<[string, string, string]> = [
    ['Version', '"2012-10-17"', l10n.t('policy language version')],
    ['Id', '"$1"', l10n.t('policy id')],
    ['Statement', '[{$0}]', l10n.t('the statements')],
  ];
  return items.filter(([name]) => !policy.byName.has(name)).map(([name, after, detail], i) => ({ label: name, kind: 'property', value: name, after, snippet: true, detail, sortText: String(i) }));
}

export function principalTypeSuggestions(facts: DocumentFacts): Suggestion[] {
  const acct = accountSnippet(facts);
  return [
    { label: 'AWS', kind: 'property', value: 'AWS', after: `"arn:${facts.partition}:iam::${acct}:root"`, snippet: true, detail: l10n.t('accounts, roles, users'), sortText: '0' },
    { label: 'Service', kind: 'property', value: 'Service', after: '"$1"', snippet: true, detail: l10n.t('an AWS service'), sortText: '1' },
    { label: 'Federated', kind: 'property', value: 'Federated', after: '"$1"', snippet: true, detail: l10n.t('an identity provider'), sortText: '2' },
  ];
}

/** AWS principals with the document's account: the root (delegation to IAM), a role, a user, the bare account, `*`. */
export function awsPrincipalSuggestions(facts: DocumentFacts): Suggestion[] {
  const accounts = facts.accounts.length > 0 ? facts.accounts : [undefined];
  const out: Suggestion[] = [];
  accounts.slice(0, 3).forEach((acct, i) => {
    const a = acct !== undefined ? snippetLiteral(acct) : '${1:111122223333}';
    const shown = acct ?? '111122223333';
    const p = facts.partition;
    out.push(
      { label: `arn:${p}:iam::${shown}:root`, kind: 'principal', value: `arn:${p}:iam::${a}:root`, snippet: true, detail: l10n.t('the account: IAM policies decide who'), sortText: `${i}0` },
      { label: `arn:${p}:iam::${shown}:role/…`, kind: 'principal', value: `arn:${p}:iam::${a}:role/\${${acct ? 1 : 2}:RoleName}`, snippet: true, detail: l10n.t('an IAM role'), sortText: `${i}1` },
      { label: `arn:${p}:iam::${shown}:user/…`, kind: 'principal', value: `arn:${p}:iam::${a}:user/\${${acct ? 1 : 2}:UserName}`, snippet: true, detail: l10n.t('an IAM user'), sortText: `${i}2` },
    );
  });
  out.push({ label: '*', kind: 'principal', value: '*', detail: l10n.t('anyone: narrow it with a condition'), sortText: '9' });
  return out;
}

export function servicePrincipalSuggestions(facts: DocumentFacts): Suggestion[] {
  const region = facts.regions[0];
  return COMMON_SERVICE_PRINCIPALS.map((s, i) => {
    const regional = s.includes('{region}');
    const value = regional ? (region ? s.replace('{region}', region) : snippetLiteral(s).replace('{region\\}', '${1:region}')) : s;
    return { label: regional && !region ? s.replace('{region}', '<region>') : value, kind: 'principal' as const, value, snippet: regional && !region, detail: serviceName(s.split('.')[0]), sortText: String(i).padStart(2, '0') };
  });
}

/** Values for the Principal element itself. */
export function principalValueSuggestions(facts: DocumentFacts): Suggestion[] {
  const acct = accountSnippet(facts);
  return [
    { label: '{"AWS": …}', kind: 'principal', value: `{"AWS": "arn:${facts.partition}:iam::${acct}:root"}`, snippet: true, detail: l10n.t('an account, role or user'), sortText: '0' },
    { label: '{"Service": …}', kind: 'principal', value: '{"Service": "$1"}', snippet: true, detail: l10n.t('an AWS service'), sortText: '1' },
    { label: '"*"', kind: 'principal', value: '"*"', detail: l10n.t('anyone: narrow it with a condition'), sortText: '2' },
  ];
}

export function resourceSuggestions(policy: PolicyModel, facts: DocumentFacts): Suggestion[] {
  const acct = accountSnippet(facts);
  const shownAcct = facts.accounts[0] ?? '111122223333';
  const region = facts.regions[0];
  const r = region !== undefined ? snippetLiteral(region) : '${2:us-east-1}';
  const p = facts.partition;
  const out: Suggestion[] = [{ label: '*', kind: 'value', value: '*', detail: policy.kind === 'keyPolicy' ? l10n.t('this key') : l10n.t('every resource'), sortText: '0' }];
  if (policy.kind === 'identityPolicy') {
    out.push(
      { label: `arn:${p}:kms:${region ?? '<region>'}:${shownAcct}:key/…`, kind: 'value', value: `arn:${p}:kms:${r}:${acct}:key/\${3:key-id}`, snippet: true, detail: l10n.t('a key ARN'), sortText: '1' },
      { label: `arn:${p}:kms:${region ?? '<region>'}:${shownAcct}:alias/…`, kind: 'value', value: `arn:${p}:kms:${r}:${acct}:alias/\${3:alias-name}`, snippet: true, detail: l10n.t('an alias ARN (for alias operations)'), sortText: '2' },
    );
  }
  return out;
}
