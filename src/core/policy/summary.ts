/**
 * A statement in plain language, as a careful reviewer would read it out:
 * "Allows role BatchJobs to Decrypt and GenerateDataKey with this key, only
 * when called through Deadline Cloud in us-west-2." Shown in the statement
 * hover and as a CodeLens above each statement.
 *
 * The summary says what the statement does as written; the rules say what is
 * wrong with it. A few notes are added where the meaning is easy to miss (the
 * account root delegates to IAM; a statement with no Resource never applies).
 */
import type { DocumentModel } from '../document/model';
import * as l10n from '@vscode/l10n';
import { conditionPhrase } from './conditionPhrase';
import {
  actionsPhrase, describePrincipal, expandActions, iamOnlyActions, isKeyResourceAction, joinAnd, joinOr, limited, PLAIN, principalsPhrase, readArn,
  resourcePhrase, type Style,
} from './describe';
import { hasUnknown, keyIdKind } from '../kms/identifiers';
import { isAboutKms } from './kmsScope';
import { policiesOf } from './locate';
import type { PolicyModel, Statement, StringValue } from './model';
import { capitalized } from '../text/capitalized';

function entryList(entries: readonly StringValue[], style: Style): string {
  return joinAnd(limited(entries.map((e) => style.code(e.value.replace(/^kms:/i, ''))), 6));
}

function effectOf(statement: Statement): { effect?: 'Allow' | 'Deny'; note?: string } {
  const raw = statement.effect?.value;
  if (raw === 'Allow' || raw === 'Deny') return { effect: raw };
  if (raw !== undefined && /^(allow|deny)$/i.test(raw)) {
    const effect = raw.toLowerCase() === 'allow' ? 'Allow' : 'Deny';
    return { effect, note: l10n.t('Effect must be written "{0}", not "{1}": AWS rejects this policy.', effect, raw) };
  }
  return {};
}

function whoPhrase(policy: PolicyModel, statement: Statement, style: Style, notes: string[]): string {
  if (statement.principals.length > 0) return principalsPhrase(statement.principals, style);
  if (statement.notPrincipals.length > 0) return l10n.t('everyone except {0}', principalsPhrase(statement.notPrincipals, style));
  if (policy.kind === 'keyPolicy') {
    notes.push(l10n.t('It names no principal; KMS rejects a key policy statement without one.'));
    return l10n.t('no one');
  }
  return l10n.t('the users and roles that have this policy');
}

/** The noun for what the statement applies to: "this key", "key 1234... (us-west-2, account ...)", "any KMS key". */
function resourceNoun(policy: PolicyModel, statement: Statement, style: Style, notes: string[]): string {
  const { resources, notResources } = statement;
  const arns = [...resources, ...notResources].map((r) => readArn(r.parts));
  if (arns.some((a) => a?.repaired)) {
    notes.push(l10n.t('Its ARN starts {0}, with an extra colon, so as written it matches no KMS key; this summary reads the intended {1} ARN.', style.code('arn:aws::kms:'), style.code('arn:aws:kms:')));
  }
  const badIds = arns.filter((a) => a?.arn.service.value === 'kms' && a.arn.resourceType === 'key' && !/[*?]/.test(a.arn.resourceId) && !hasUnknown(a.arn.resourceId) && keyIdKind(a.arn.resourceId) === 'invalid');
  if (badIds.length > 0) {
    notes.push(l10n.t('{0} is not a KMS key id, so the ARN matches no key.', joinAnd(badIds.map((a) => style.code(a?.arn.resourceId ?? '')))));
  }
  if (notResources.length > 0) return l10n.t('any resource except {0}', joinOr(limited(notResources.map((r) => resourcePhrase(r.parts, style)), 4)));
  if (resources.length === 0) {
    notes.push(l10n.t('It has no Resource element, so it never applies.'));
    return policy.kind === 'keyPolicy' ? l10n.t('this key') : l10n.t('no resource');
  }
  if (policy.kind === 'keyPolicy' && resources.every((r) => r.value === '*')) return l10n.t('this key');
  const keyActionsOnly = expandActions(statement.actions).actions.every(isKeyResourceAction) && statement.actions.length > 0;
  return joinOr(limited(resources.map((r) => (r.value === '*' && keyActionsOnly ? l10n.t('any KMS key') : resourcePhrase(r.parts, style))), 4));
}

function actionPart(policy: PolicyModel, statement: Statement, resource: string, style: Style, notes: string[]): string {
  if (statement.actions.length > 0) {
    if (policy.kind === 'keyPolicy') {
      const iamOnly = iamOnlyActions(statement.actions);
      if (iamOnly.length === 1) notes.push(l10n.t('{0} has no effect in a key policy: it is not an action on a key.', style.code(iamOnly[0])));
      if (iamOnly.length > 1) notes.push(l10n.t('{0} have no effect in a key policy: they are not actions on a key.', joinAnd(iamOnly.map(style.code))));
    }
    const a = actionsPhrase(statement.actions, resource, style);
    if (a.namesResource) return a.text;
    return a.preposition === 'with' ? l10n.t('{0} with {1}', a.text, resource) : l10n.t('{0} on {1}', a.text, resource);
  }
  if (statement.notActions.length > 0) return l10n.t('perform any action except {0} on {1}', entryList(statement.notActions, style), resource);
  notes.push(l10n.t('It names no action, so it never applies.'));
  return l10n.t('do nothing on {0}', resource);
}

/** The summary of one statement (one or more sentences). */
export function summarizeStatement(policy: PolicyModel, statement: Statement, style: Style = PLAIN): string {
  const { sentence, notes } = describeStatement(policy, statement, style);
  return [sentence, ...notes].join(' ');
}

/** The summary's first sentence only (who may or may not do what, and when), without the notes: the title of a quick fix quotes it. */
export function statementSentence(policy: PolicyModel, statement: Statement, style: Style = PLAIN): string {
  return describeStatement(policy, statement, style).sentence;
}

function describeStatement(policy: PolicyModel, statement: Statement, style: Style): { sentence: string; notes: string[] } {
  const notes: string[] = [];
  const { effect, note: effectNote } = effectOf(statement);
  const who = whoPhrase(policy, statement, style, notes);
  const resource = resourceNoun(policy, statement, style, notes);
  const what = actionPart(policy, statement, resource, style, notes);
  const conditions = statement.conditions.map((c) => conditionPhrase(c, style));

  let sentence: string;
  // Italian and Spanish put the principal first ("Il servizio X: può ..."): "a" before an article would have to
  // contract ("al servizio"), which a template cannot do. The sentence then starts with the principal's phrase.
  if (effect === 'Deny') sentence = capitalized(l10n.t('Denies {0} permission to {1}', who, what));
  else if (effect === 'Allow') sentence = capitalized(l10n.t('Allows {0} to {1}', who, what));
  else sentence = l10n.t('Has no valid Effect, so AWS rejects the policy; it names {0} and would let them {1}', who, what);
  if (conditions.length > 0) {
    sentence = effect === 'Deny' ? l10n.t('{0}, when {1}', sentence, joinAnd(conditions)) : l10n.t('{0}, only when {1}', sentence, joinAnd(conditions));
  }
  sentence += '.';

  if (effectNote) notes.unshift(effectNote);
  if (statement.conditional) notes.push(l10n.t('It is one alternative of a CloudFormation Fn::If: it is in the policy only when that condition holds.'));
  if (effect === 'Allow') {
    const described = statement.principals.map((p) => describePrincipal(p, style));
    const accounts = [...new Set(described.filter((d) => d.kind === 'account' && d.account).map((d) => d.account as string))];
    if (accounts.length > 0 && policy.kind === 'keyPolicy') {
      notes.push(accounts.length === 1
        ? l10n.t('The account principal delegates to IAM: users and roles of account {0} get this access when their IAM policies allow it.', style.code(accounts[0]))
        : l10n.t('The account principals delegate to IAM: users and roles of accounts {0} get this access when their IAM policies allow it.', joinAnd(accounts.map(style.code))));
    }
    if (described.some((d) => d.kind === 'anyone') && statement.conditions.length === 0) {
      notes.push(l10n.t('No condition narrows it: anyone, in any AWS account, can do this.'));
    }
  }
  return { sentence, notes };
}

/** "Statement 2 (Sid "Allow use of the key")". */
export function statementTitle(statement: Statement): string {
  return statement.sid ? l10n.t('Statement {0} ({1})', statement.index + 1, statement.sid.value) : l10n.t('Statement {0}', statement.index + 1);
}

export interface StatementLens {
  /** Document offset of the statement's opening brace. */
  start: number;
  end: number;
  /** One short line: what the statement does, and how many notes follow. */
  title: string;
  /** The whole summary, notes included (the CodeLens's tooltip; the statement hover says the same). */
  tooltip: string;
}

/**
 * A CodeLens is one line that never wraps, and VS Code cuts it at the edge
 * of the editor (a long one is even moved left, to the margin, before being
 * cut). So its title is the summary's first sentence, at most this long and
 * cut at a word, with the notes counted; the tooltip and the hover have the
 * whole text. 120 characters fit beside the default sidebar in a 1400-pixel
 * window, at the indentation of a statement.
 */
export const LENS_MAX = 120;

function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, '')}…`;
}

/** `Allows ... on this key. (1 note)`: the sentence, shortened to leave room for the count. */
function lensTitle(sentence: string, notes: readonly string[]): string {
  if (notes.length === 0) return shortened(sentence, LENS_MAX);
  const count = notes.length === 1 ? l10n.t('(1 note)') : l10n.t('({0} notes)', notes.length);
  return `${shortened(sentence, LENS_MAX - count.length - 1)} ${count}`;
}

/** One summary per statement of every policy in the document, for CodeLens. Never throws. */
export function statementLenses(model: DocumentModel): StatementLens[] {
  const out: StatementLens[] = [];
  for (const policy of policiesOf(model)) {
    for (const s of policy.statements) {
      // In other kinds of policy, only the statements about KMS are ours to describe.
      if (policy.kind !== 'keyPolicy' && !isAboutKms(policy, s)) continue;
      try {
        const { sentence, notes } = describeStatement(policy, s, PLAIN);
        out.push({ start: policy.toDocument(s.node.offset), end: policy.toDocument(s.node.offset + s.node.length), title: lensTitle(sentence, notes), tooltip: [sentence, ...notes].join(' ') });
      } catch {
        // A summary is a courtesy: a statement it cannot describe gets none.
      }
    }
  }
  return out;
}

