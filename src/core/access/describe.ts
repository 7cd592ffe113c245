/**
 * An evaluation in plain words, for hovers, the CLI's text output and the
 * access views: what decided, and for a deny what came closest and failed.
 * Conditions are worded by the same phrase builder as the statement summaries.
 */
import * as l10n from '@vscode/l10n';
import { conditionPhrase } from '../policy/conditionPhrase';
import { joinAnd, PLAIN, type Style } from '../policy/describe';
import type { DecidingRef, DecisionNote, Evaluation, FailedPart, NearMiss, StatementRef } from './types';
import { capitalized } from '../text/capitalized';

/**
 * One whole message per kind of policy, not "statement N of {policy}": Italian
 * and Spanish fuse "of" with the policy's article ("della policy della chiave",
 * not "di la policy della chiave"), which a placeholder cannot do.
 */
export function describeStatement(ref: StatementRef, style: Style = PLAIN): string {
  const index = String(ref.index);
  const p = ref.policy;
  if (ref.sid) {
    const sid = style.code(ref.sid);
    switch (p.kind) {
      case 'key': return l10n.t('statement {0} ({1}) of the key policy', index, sid);
      case 'identity': return p.name ? l10n.t('statement {0} ({1}) of the IAM policy {2}', index, sid, p.name) : l10n.t('statement {0} ({1}) of the caller\'s IAM policy', index, sid);
      case 'scp': return p.name ? l10n.t('statement {0} ({1}) of the SCP {2}', index, sid, p.name) : l10n.t('statement {0} ({1}) of an SCP', index, sid);
    }
  }
  switch (p.kind) {
    case 'key': return l10n.t('statement {0} of the key policy', index);
    case 'identity': return p.name ? l10n.t('statement {0} of the IAM policy {1}', index, p.name) : l10n.t('statement {0} of the caller\'s IAM policy', index);
    case 'scp': return p.name ? l10n.t('statement {0} of the SCP {1}', index, p.name) : l10n.t('statement {0} of an SCP', index);
  }
}

export function describeRef(ref: DecidingRef, style: Style = PLAIN): string {
  switch (ref.type) {
    case 'statement': return describeStatement(ref, style);
    case 'grant': return l10n.t('grant {0}', style.code(ref.grantId.length > 16 ? `${ref.grantId.slice(0, 12)}…` : ref.grantId));
    case 'delegation': return l10n.t('the IAM policies of account {0}, which {1} lets decide', style.code(ref.account), describeStatement(ref.statement, style));
  }
}

/** What could not be told, as a clause, for a statement or grant whose outcome is unknown. */
export function describeUndecided(f: FailedPart, style: Style = PLAIN): string {
  switch (f.part) {
    case 'action': return l10n.t('its actions cannot be read');
    case 'resource': return l10n.t('whether its Resource names this key cannot be told');
    case 'principal': return l10n.t('whether its principal names the caller cannot be told (a placeholder, or a caller the logs do not show fully)');
    case 'grantee': return l10n.t('whether its grantee is the caller cannot be told');
    case 'operation': return l10n.t('its operations are not known');
    case 'constraint': return l10n.t('whether the request\'s encryption context meets its constraint cannot be told');
    default: return describeFailure(f, style);
  }
}

/** What did not match, as a clause: "the request does not meet its condition: ...". */
export function describeFailure(f: FailedPart, style: Style = PLAIN): string {
  switch (f.part) {
    case 'action': return l10n.t('its actions cannot be read');
    case 'resource': return l10n.t('its Resource does not name this key');
    case 'principal': return l10n.t('its principal does not name the caller');
    case 'effect': return l10n.t('its Effect is not Allow or Deny, so AWS would reject the policy');
    case 'grantee': return l10n.t('its grantee is not the caller');
    case 'operation': return l10n.t('it does not include this operation');
    case 'constraint': return l10n.t('the request\'s encryption context does not meet its constraint');
    case 'notInForce': return l10n.t('it was not in force at the time of the request');
    case 'grantToken': return l10n.t('it was created or ended within minutes of the request, and KMS takes up to five minutes to apply that');
    case 'condition': {
      const phrase = conditionPhrase({ operator: f.operator, key: f.key, values: f.values.map((value) => ({ value })) }, style);
      switch (f.why) {
        case 'absent': return l10n.t('the request has no {0}, and its condition requires: {1}', style.code(f.key), phrase);
        case 'unknown': return l10n.t('the request\'s {0} is not known, and its condition requires: {1}', style.code(f.key), phrase);
        case 'unreadable': return l10n.t('its condition on {0} cannot be read (an unknown operator, or a value that is a placeholder)', style.code(f.key));
        default: return l10n.t('the request does not meet its condition: {0}', phrase);
      }
    }
  }
}

export function describeNearMiss(m: NearMiss, style: Style = PLAIN): string {
  return capitalized(l10n.t('{0} would allow it, but {1}', describeRef(m.ref, style), describeFailure(m.failed, style)));
}

function describeNote(n: DecisionNote): string {
  switch (n) {
    case 'noAllow': return l10n.t('No statement of the key policy allows it, and no known grant does.');
    case 'notCrossAccountOperation': return l10n.t('The caller is in another account, and KMS does not allow this operation across accounts.');
    case 'identityPolicyNoAllow': return l10n.t('The caller is in another account: its IAM policies must allow it too, and none of those loaded does.');
    case 'scpNoAllow': return l10n.t('The service control policies of the caller\'s account do not allow it.');
    case 'rootUser': return l10n.t('The caller is the account\'s root user, which has every permission its account\'s IAM could give.');
  }
}

/** The decision and what made it, in one or a few sentences. */
export function describeEvaluation(e: Evaluation, style: Style = PLAIN): string {
  const by = joinAnd(e.decidedBy.map((r) => describeRef(r, style)));
  let head: string;
  switch (e.decision) {
    case 'allow':
      head = l10n.t('Allowed by {0}.', by);
      break;
    case 'explicitDeny':
      head = l10n.t('Denied explicitly by {0}.', by);
      break;
    case 'delegated': {
      const accounts = [...new Set(e.decidedBy.flatMap((r) => (r.type === 'delegation' ? [style.code(r.account)] : [])))];
      const statements = e.decidedBy.flatMap((r) => (r.type === 'delegation' ? [describeStatement(r.statement, style)] : []));
      head = l10n.t('Up to the IAM policies of account {0}, which are not loaded: {1} lets them decide.', joinAnd(accounts), joinAnd(statements));
      break;
    }
    case 'unknown':
      head = e.undecided.length > 0
        ? l10n.t('Cannot tell: {0}.', joinAnd(e.undecided.slice(0, 3).map((m) => l10n.t('for {0}, {1}', describeRef(m.ref, style), describeUndecided(m.failed, style)))))
        : l10n.t('Cannot tell.');
      break;
    case 'implicitDeny':
      head = l10n.t('Not allowed.');
      break;
  }
  const parts = [head, ...e.notes.map(describeNote)];
  if (e.decision === 'implicitDeny') parts.push(...e.nearMisses.slice(0, 3).map((m) => `${describeNearMiss(m, style)}.`));
  return parts.join(' ');
}
