/**
 * Hover on a policy's first brace (or the opening quote of a policy saved as
 * one string): the kind KMS Lens read it as, why, how sure it is, and what
 * that kind means for the checks. On a CloudFormation template's first brace:
 * the policies it embeds and their kinds.
 */
import * as l10n from '@vscode/l10n';
import { commandLabel } from '../../document/cliOutput';
import type { DocumentModel } from '../../document/model';
import type { HoverResult } from '../../types';
import { decisionLabel } from '../../readAs';
import { kindLabel } from '../kinds';
import { policiesOf } from '../locate';
import type { PolicyModel } from '../model';
import { capitalized } from '../../text/capitalized';

function kindMarkdown(policy: PolicyModel, model: DocumentModel): string {
  const d = policy.decision;
  const what = policy.fragment === 'statement' ? l10n.t('One statement of {0}', kindLabel(d.kind, d.service)) : policy.fragment === 'statements' ? l10n.t('Statements of {0}', kindLabel(d.kind, d.service)) : capitalized(kindLabel(d.kind, d.service));
  const lines = [`**${l10n.t('KMS Lens reads this as: {0}', what)}**`, '', d.reason];
  const path = model.policy?.path ?? [];
  if (path.length > 0) {
    const where = !model.policy?.inString && model.cli
      ? l10n.t('The policy is the {0} member of {1}: the other members are not checked.', path.join('.'), commandLabel(model.cli))
      : model.cli ? l10n.t('The policy is the {0} string of {1}: its findings, hovers and fixes are on the characters inside that string.', path.join('.'), commandLabel(model.cli)) : l10n.t('The policy is the {0} string of this JSON: its findings, hovers and fixes are on the characters inside that string.', path.join('.'));
    lines.push('', where);
  }
  if (!d.certain) {
    lines.push('', `- ${l10n.t('Not sure: it could also be {0}. Findings that depend on which it is are shown as information at most.', d.alternatives.map((k) => kindLabel(k)).join(l10n.t(' or ')))}`);
  }
  if (d.kind !== 'keyPolicy') {
    lines.push('', `- ${d.kind === 'identityPolicy'
      ? l10n.t('Only its statements about KMS are checked (kms: actions and condition keys, KMS key and alias ARNs).')
      : l10n.t('Only what is about KMS is checked: kms: actions and condition keys, KMS key and alias ARNs in Resource or in condition values.')}`);
  }
  if (policy.fragment) lines.push(`- ${l10n.t('Checked as part of a policy: rules about the whole policy (Version, lockout) wait for the rest of it.')}`);
  if (d.source !== 'template' && d.source !== 'event' && d.source !== 'cli') {
    lines.push(`- ${d.source === 'setting' ? l10n.t('Set for this file in {0}.', '`kmsLens.policyKinds`') : l10n.t('To read it as another kind, map this file to that kind in {0} (or `--kind GLOB=KIND` on the command line).', '`kmsLens.policyKinds`')}`);
  }
  return lines.join('\n');
}

function templateMarkdown(model: DocumentModel): string | undefined {
  const policies = policiesOf(model);
  if (policies.length === 0) return undefined;
  return [
    `**${l10n.t('KMS Lens reads this as: a CloudFormation template')}**`,
    '',
    l10n.t('Each policy it embeds is read by the resource type that holds it:'),
    '',
    ...policies.map((p) => `- ${capitalized(decisionLabel(p.decision))}: ${p.decision.reason}`),
  ].join('\n');
}

export function kindHover(model: DocumentModel, offset: number): HoverResult | undefined {
  if (model.kind === 'cloudFormation' && model.root && offset === model.root.offset) {
    const markdown = templateMarkdown(model);
    if (markdown) return { markdown, start: offset, end: offset + 1 };
  }
  for (const policy of policiesOf(model)) {
    if (policy.decision.source === 'event') continue;
    const anchors = [policy.toDocument(policy.root.offset)];
    // A policy saved as one string (or printed as one by the AWS CLI): the document's first character too.
    if (policy.origin === 'string' && model.policy?.inString && model.root) anchors.push(model.root.offset);
    const at = anchors.find((a) => offset === a);
    if (at !== undefined) return { markdown: kindMarkdown(policy, model), start: at, end: at + 1 };
  }
  return undefined;
}
