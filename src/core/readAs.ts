/**
 * What a document was read as, in words: the CLI prints it for every file
 * (`trust.json: read as an IAM role trust policy, 0 findings`), and the hover
 * on a policy's first brace says it with the reasons.
 */
import * as l10n from '@vscode/l10n';
import type { DocumentModel } from './document/model';
import { kindLabel, type KindDecision } from './policy/kinds';
import { policiesOf } from './policy/locate';
import { isPolicyDocument } from './types';

/** "a KMS key policy", with "(not sure)" when the content leaves the kind open. */
export function decisionLabel(decision: KindDecision): string {
  const label = kindLabel(decision.kind, decision.service);
  return decision.certain ? label : l10n.t('{0} (not sure: what depends on the kind is shown as information at most)', label);
}

/** What the document was read as: a kind of policy, CloudTrail events, a template with its policies, or nothing of ours. */
export function describeReading(model: DocumentModel): string {
  if (model.skipped === 'tooLarge') return l10n.t('not analysed (over the size limit)');
  if (model.skipped === 'binary') return l10n.t('not analysed (binary)');
  if (isPolicyDocument(model.kind)) {
    const decision = model.policy?.decision;
    const label = decision ? decisionLabel(decision) : kindLabel(model.kind);
    if (model.policy?.shape === 'statement') return l10n.t('one statement of {0}', label);
    if (model.policy?.shape === 'statements') return l10n.t('statements of {0}', label);
    return label;
  }
  switch (model.kind) {
    case 'cloudTrail': return model.records.length === 1 ? l10n.t('a CloudTrail event') : l10n.t('CloudTrail events ({0})', model.records.length);
    case 'listGrants': return l10n.t('aws kms list-grants output');
    case 'cloudFormation': {
      const kinds = policiesOf(model).map((p) => decisionLabel(p.decision));
      return kinds.length === 0 ? l10n.t('a CloudFormation template') : l10n.t('a CloudFormation template with {0}', kinds.join(', '));
    }
    default: return l10n.t('neither a policy nor CloudTrail data (not analysed)');
  }
}
