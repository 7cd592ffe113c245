/**
 * Who can do what with a key, under which conditions, in plain words: a key
 * policy read by principal rather than by statement (issue 16, "Access
 * summary"). For each principal the policy names: what it may do, with the
 * conditions and the statement that says so, and what it may not do.
 *
 * Facts (KMS Developer Guide, "Default key policy" and "Key policies in AWS
 * KMS"): the account principal (`arn:aws:iam::ACCOUNT:root` or the bare
 * account id) gives nothing by itself; it lets the account's IAM policies
 * give what the statement lists. An explicit Deny overrides every Allow, in
 * the key policy, IAM policies and grants. Grants (which the logs show, not
 * the policy) add to what the policy allows.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
import * as l10n from '@vscode/l10n';
import { conditionPhrase } from '../policy/conditionPhrase';
import { actionsPhrase, describePrincipal, joinAnd, PLAIN, type PrincipalKind, type Style } from '../policy/describe';
import type { PolicyModel, Statement } from '../policy/model';
import { capitalized } from '../text/capitalized';

export interface AccessLine {
  effect: 'Allow' | 'Deny';
  /** What the principal may (or may not) do: "Decrypt and Encrypt", "perform every KMS action (kms:*)". */
  actions: string;
  /** Each condition, in words; all must hold. */
  conditions: string[];
  /** The statement: 0-based index, and Sid when it has one. */
  index: number;
  sid?: string;
}

export interface AccessEntry {
  /** "role OrdersService", "any principal of account 111122223333 whose IAM policies allow it", "anyone". */
  who: string;
  kind: PrincipalKind | 'notPrincipal';
  /** True for an account principal: the account's IAM policies decide who in it gets the access. */
  delegation: boolean;
  lines: AccessLine[];
}

export interface AccessSummary {
  entries: AccessEntry[];
  /** Statements that name no valid principal or effect, left out of the summary. */
  unread: number;
}

function effectOf(s: Statement): 'Allow' | 'Deny' | undefined {
  const v = s.effect?.value;
  return v === 'Allow' || v === 'Deny' ? v : undefined;
}

function actionsOf(s: Statement, style: Style): string | undefined {
  if (s.actions.length > 0) {
    const a = actionsPhrase(s.actions, l10n.t('this key'), style);
    return a.text;
  }
  if (s.notActions.length > 0) return l10n.t('any action except {0}', joinAnd(s.notActions.map((a) => style.code(a.value))));
  return undefined;
}

/** The principals of a statement, each as who it stands for (one entry for NotPrincipal). */
function principalsOf(s: Statement, style: Style): Array<{ who: string; kind: AccessEntry['kind']; delegation: boolean }> {
  if (s.principals.length === 0 && s.notPrincipals.length > 0) {
    const names = s.notPrincipals.map((p) => describePrincipal(p, style).label);
    return [{ who: l10n.t('everyone except {0}', joinAnd(names)), kind: 'notPrincipal', delegation: false }];
  }
  return s.principals.map((p) => {
    const d = describePrincipal(p, style);
    if (d.kind === 'account') {
      return { who: l10n.t('any principal of account {0} whose IAM policies allow it', style.code(d.account ?? p.value)), kind: d.kind, delegation: true };
    }
    return { who: d.label, kind: d.kind, delegation: false };
  });
}

/** The key policy's access, by principal, in the order the policy first names them. */
export function accessSummary(policy: PolicyModel, style: Style = PLAIN): AccessSummary {
  const byWho = new Map<string, AccessEntry>();
  let unread = 0;
  for (const s of policy.statements) {
    const effect = effectOf(s);
    const actions = actionsOf(s, style);
    const principals = principalsOf(s, style);
    if (!effect || !actions || principals.length === 0 || (s.resources.length === 0 && s.notResources.length === 0)) {
      unread++;
      continue;
    }
    const line: AccessLine = { effect, actions, conditions: s.conditions.map((c) => conditionPhrase(c, style)), index: s.index };
    if (s.sid?.value) line.sid = s.sid.value;
    for (const p of principals) {
      let entry = byWho.get(p.who);
      if (!entry) byWho.set(p.who, (entry = { who: p.who, kind: p.kind, delegation: p.delegation, lines: [] }));
      if (!entry.lines.some((l) => l.index === line.index)) entry.lines.push(line);
    }
  }
  return { entries: [...byWho.values()], unread };
}

/** "statement 1, AllowOrders" (0-based, as `simulate` numbers statements). */
function statementName(line: AccessLine, style: Style): string {
  return line.sid ? l10n.t('statement {0}, {1}', String(line.index), style.code(line.sid)) : l10n.t('statement {0}', String(line.index));
}

/** One line in words: "may Decrypt with this key, only when ... (statement 1 (AllowOrders))". */
export function describeAccessLine(line: AccessLine, style: Style = PLAIN): string {
  const conditions = joinAnd(line.conditions);
  const text = line.effect === 'Allow'
    ? (line.conditions.length > 0 ? l10n.t('may {0}, only when {1}', line.actions, conditions) : l10n.t('may {0}', line.actions))
    : (line.conditions.length > 0 ? l10n.t('may not {0} when {1}', line.actions, conditions) : l10n.t('may not {0}', line.actions));
  return `${text} (${statementName(line, style)})`;
}

/** The summary as lines: a heading per principal, its lines indented; for the CLI's text and the hover. */
export function describeAccessSummary(summary: AccessSummary, style: Style = PLAIN): string[] {
  const out: string[] = [];
  for (const e of summary.entries) {
    out.push(`${capitalized(e.who)}:`);
    for (const l of e.lines) out.push(`  ${describeAccessLine(l, style)}`);
  }
  if (summary.entries.length === 0) out.push(l10n.t('The policy names no principal that KMS Lens can read: no one gets access from it.'));
  if (summary.unread > 0) out.push(summary.unread === 1 ? l10n.t('1 statement has no valid Effect, Action, Resource or Principal and is left out.') : l10n.t('{0} statements have no valid Effect, Action, Resource or Principal and are left out.', summary.unread));
  if (summary.entries.some((e) => e.lines.some((l) => l.effect === 'Deny'))) out.push(l10n.t('A denial overrides any permission, from this policy, IAM policies or grants.'));
  out.push(l10n.t('Grants on the key can add access that the policy does not show.'));
  return out;
}
