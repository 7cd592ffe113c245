/**
 * What a document was read as, in words: the CLI prints it for every file
 * (`trust.json: read as an IAM role trust policy, 0 findings`), and the hover
 * on a policy's first brace says it with the reasons.
 */
import * as l10n from '@vscode/l10n';
import { isServerlessService } from './policy/cloudFormation';
import { commandLabel } from './document/cliOutput';
import { yamlHeldPolicies } from './document/heldPolicies';
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
    let label = decision ? decisionLabel(decision) : kindLabel(model.kind);
    if (model.policy?.shape === 'statement') label = l10n.t('one statement of {0}', label);
    if (model.policy?.shape === 'statements') label = l10n.t('statements of {0}', label);
    // A template that is not JSON until rendered (document/template.ts): read without rendering it.
    if (model.template) label = l10n.t('{0} (template, read without rendering it)', label);
    // A policy kept as YAML (yaml/policyDocument.ts).
    if (model.format === 'yaml') label = l10n.t('{0} (YAML)', label);
    // A policy printed by the AWS CLI: which command, and where the policy is in its output.
    const path = model.policy?.path ?? [];
    if (path.length > 0 && !model.policy?.inString && model.cli) return l10n.t('{0} in the {1} member of {2}', label, path.join('.'), commandLabel(model.cli));
    if (path.length > 0) return model.cli ? l10n.t('{0} in the {1} string of {2}', label, path.join('.'), commandLabel(model.cli)) : l10n.t('{0} in its {1} string', label, path.join('.'));
    return label;
  }
  switch (model.kind) {
    case 'cloudTrail': {
      const events = model.records.length === 1 ? l10n.t('a CloudTrail event') : l10n.t('CloudTrail events ({0})', model.records.length);
      // What a CloudWatch Logs subscription filter delivers (a Lambda test event of a log processor): no CLI command printed it.
      if (model.container === 'logSubscription') return l10n.t('a CloudWatch Logs subscription payload: {0}', events);
      return model.cli ? l10n.t('{0}: {1}', commandLabel(model.cli), events) : events;
    }
    case 'listGrants':
    case 'kmsOutput': {
      const label = model.kind === 'listGrants' ? l10n.t('aws kms list-grants output') : model.cli ? commandLabel(model.cli) : l10n.t('AWS CLI output about KMS keys');
      // Printed with --output yaml (yaml/keyOutput.ts): read as the JSON form is.
      return model.format === 'yaml' ? l10n.t('{0} (YAML)', label) : label;
    }
    case 'cloudFormation': {
      const kinds = policiesOf(model).map((p) => decisionLabel(p.decision));
      if (isServerlessService(model.translation && 'value' in model.translation ? model.translation.value : model.value)) return l10n.t('a Serverless Framework service with {0}', kinds.join(', '));
      return kinds.length === 0 ? l10n.t('a CloudFormation template') : l10n.t('a CloudFormation template with {0}', kinds.join(', '));
    }
    case 'iamOutput': {
      const n = policiesOf(model).length;
      return n === 1 ? l10n.t('aws iam get-account-authorization-details output, with 1 policy about KMS') : l10n.t('aws iam get-account-authorization-details output, with {0} policies about KMS', n);
    }
    case 'configuration': {
      const kinds = [...new Set(policiesOf(model).map((p) => decisionLabel(p.decision)))].join(', ');
      const t = model.translation;
      const held = t && 'value' in t ? yamlHeldPolicies(t.value) : undefined;
      const format = t && 'value' in t ? held?.format : 'awsConfig';
      if (format === 'kubernetes') return l10n.t('Kubernetes manifests with {0}', kinds);
      if (format === 'ansible') return l10n.t('Ansible tasks with {0}', kinds);
      if (format === 'cliYaml' && held?.command) return l10n.t('{0} (YAML) with {1}', commandLabel({ command: held.command }), kinds);
      return l10n.t('AWS Config configuration items with {0}', kinds);
    }
    case 'terraform': {
      const kinds = policiesOf(model).map((p) => decisionLabel(p.decision));
      const grants = model.terraformGrants?.length ?? 0;
      if (grants > 0) kinds.push(grants === 1 ? l10n.t('a KMS grant') : l10n.t('{0} KMS grants', grants));
      // Keys read only for the rotation they turn on (lifecycle-rotation-unsupported).
      const keys = model.terraformUnrotatableKeys?.length ?? 0;
      if (keys > 0) kinds.push(keys === 1 ? l10n.t('a KMS key') : l10n.t('{0} KMS keys', keys));
      // A module read only for a rule about how it passes a policy (terraform-policy-double-encoded): no list to name.
      return kinds.length === 0 ? l10n.t('a Terraform module') : l10n.t('a Terraform module with {0}', kinds.join(', '));
    }
    default: return l10n.t('neither a policy nor CloudTrail data (not analysed)');
  }
}
