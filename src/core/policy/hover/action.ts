/**
 * Hover on an Action/NotAction entry (or a grant operation value): what the
 * action does, its access level, whether it acts on a key, the condition keys
 * it takes and whether a grant can allow it. A wildcard lists exactly the
 * actions it matches.
 */
import { conditionKeysOfAction, expandKmsActions, isKeyResourceAction, kmsAction, KMS_ACTIONS, localDescription, type KmsAction } from '../../data/iam';
import { GRANT_OPERATIONS, IAM_ONLY_ACTIONS, NOT_EFFECTIVE_IN_KEY_POLICY_ALLOW } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { nearest } from '../../text/suggest';
import { joinAnd, MARKDOWN } from '../describe';
import type { PolicyModel, Statement } from '../model';

const code = MARKDOWN.code;

/** Condition keys as a compact list: the 59 RecipientAttestation variants shown as one family. */
export function conditionKeyList(keys: readonly string[]): string {
  const attestation = keys.filter((k) => k.startsWith('kms:RecipientAttestation:'));
  const rest = keys.filter((k) => !k.startsWith('kms:RecipientAttestation:')).sort((a, b) => a.localeCompare(b));
  const shown = rest.map(code);
  if (attestation.length > 0) shown.push(l10n.t('{0} ({1} keys: ImageSha384, PCR0-31, NitroTPMPCR0-23)', code('kms:RecipientAttestation:*'), attestation.length));
  return shown.length > 0 ? shown.join(', ') : l10n.t('none besides the global `aws:` keys');
}

function isGrantOperation(name: string): boolean {
  return (GRANT_OPERATIONS as readonly string[]).includes(name);
}

/** The full description of one action, as Markdown lines. */
export function actionDetails(a: KmsAction, policy?: PolicyModel, statement?: Statement): string[] {
  const keyResource = isKeyResourceAction(a);
  const badges = [a.accessLevel, keyResource ? l10n.t('acts on a key') : l10n.t('not on a key (Resource `*`)')];
  if (isGrantOperation(a.name)) badges.push(l10n.t('grant operation'));
  const lines = [`**${code(`kms:${a.name}`)}** · ${badges.join(' · ')}`, '', `${localDescription(a.description)}.`, ''];
  lines.push(`- ${l10n.t('Condition keys: {0}', conditionKeyList(conditionKeysOfAction(a)))}`);
  if (isGrantOperation(a.name)) lines.push(`- ${l10n.t('A grant can allow it: {0} is one of the {1} grant operations.', code(a.name), GRANT_OPERATIONS.length)}`);
  if (a.dependentActions.length > 0) lines.push(`- ${l10n.t('Also needs: {0}', joinAnd(a.dependentActions.map(code)))}`);
  if (policy?.kind === 'keyPolicy') {
    if ((IAM_ONLY_ACTIONS as readonly string[]).includes(a.name)) lines.push(`- ${l10n.t('No effect in a key policy: allow it in an IAM policy.')}`);
    if ((NOT_EFFECTIVE_IN_KEY_POLICY_ALLOW as readonly string[]).includes(a.name) && statement?.effect?.value === 'Allow') {
      lines.push(`- ${l10n.t('Allowing it in a key policy has no effect: retiring is authorised by the grant itself (its retiring principal or grantee). Use it in a Deny, or in an IAM policy.')}`);
    }
  }
  return lines;
}

function wildcardDetails(written: string, pattern: string, matched: KmsAction[]): string[] {
  const head = `**${code(written)}**`;
  if (matched.length === 0) {
    return [head, '', l10n.t('Matches no KMS action, so it allows or denies nothing.')];
  }
  const lines = [head, '', matched.length === KMS_ACTIONS.length ? l10n.t('Matches every KMS action ({0}):', matched.length) : l10n.t('Matches {0} KMS actions:', matched.length), ''];
  if (matched.length <= 10) {
    for (const a of matched) lines.push(`- ${code(a.name)} · ${a.accessLevel}${isKeyResourceAction(a) ? '' : ` · ${l10n.t('not on a key')}`}`);
  } else {
    const levels = new Map<string, string[]>();
    for (const a of matched) levels.set(a.accessLevel, [...(levels.get(a.accessLevel) ?? []), a.name]);
    for (const [level, names] of levels) lines.push(`- **${level}** (${names.length}): ${names.map(code).join(', ')}`);
  }
  lines.push('', l10n.t('KMS actions AWS adds later whose names match {0} are matched too.', code(written)));
  return lines;
}

/** Markdown for a written action such as `kms:Decrypt`, `kms:Generate*` or `*`. Undefined for other services. */
export function actionHover(written: string, policy?: PolicyModel, statement?: Statement): string | undefined {
  if (written === '*') {
    return [...wildcardDetails(written, '*', [...KMS_ACTIONS]), '', l10n.t('`*` matches every action of every service; for this key that is every KMS action.')].join('\n');
  }
  const m = /^([^:]*):(.*)$/.exec(written);
  if (!m || m[1].toLowerCase() !== 'kms') return undefined;
  const name = m[2];
  if (/[*?]/.test(name)) return wildcardDetails(written, name, expandKmsActions(name)).join('\n');
  const a = kmsAction(name);
  if (!a) {
    const near = nearest(name, KMS_ACTIONS.map((x) => x.name));
    const lines = [`**${code(written)}**`, '', l10n.t('Not a KMS action: it allows or denies nothing.')];
    if (near.length > 0) lines.push('', l10n.t('Did you mean {0}?', near.map((n) => code(`kms:${n}`)).join(', ')));
    return lines.join('\n');
  }
  const lines = actionDetails(a, policy, statement);
  if (m[1] !== 'kms' || name !== a.name) lines.push(`- ${l10n.t('Written {0}: AWS matches action names without regard to case; the usual spelling is {1}.', code(written), code(`kms:${a.name}`))}`);
  return lines.join('\n');
}
