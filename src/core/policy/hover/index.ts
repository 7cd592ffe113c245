/**
 * Hovers for policies: find what is under the cursor, then describe it.
 * Registered in src/core/hover/index.ts.
 */
import type { DocumentModel } from '../../document/model';
import { isPolicyDocument, type HoverResult } from '../../types';
import * as l10n from '@vscode/l10n';
import { isAboutKms } from '../kmsScope';
import { targetAt, type PolicyTarget } from '../target';
import { actionHover } from './action';
import { identifierHover } from './arn';
import { conditionKeyHover } from './conditionKey';
import { operatorHover } from './operator';
import { principalHover } from './principal';
import { statementHover } from './statement';
import { conditionValueHover } from './value';

function resourceHover(target: Extract<PolicyTarget, { kind: 'resource' }>): string | undefined {
  if (target.value.value === '*') {
    if (target.policy.kind === 'keyPolicy') return [`**${'`*`'}**`, '', l10n.t('In a key policy, {0} means this key: the key the policy is attached to, and no other.', '`"Resource": "*"`')].join('\n');
    return target.policy.kind === 'identityPolicy' || target.policy.kind === 'serviceControlPolicy'
      ? [`**${'`*`'}**`, '', l10n.t('Every resource: for KMS actions, every key in every account whose key policy lets this account use it.')].join('\n')
      : undefined;
  }
  return identifierHover(target.value.parts);
}

function markdownFor(target: PolicyTarget): string | undefined {
  switch (target.kind) {
    case 'statement': return statementHover(target.policy, target.statement);
    case 'action': return actionHover(target.value.value, target.policy, target.statement);
    case 'resource': return resourceHover(target);
    case 'principal': return principalHover(target.principal, target.policy, target.statement, target.element);
    case 'operator': return operatorHover(target.operator);
    case 'conditionKey': return conditionKeyHover(target.entry, target.policy, target.statement);
    case 'conditionValue': return conditionValueHover(target.entry, target.value, target.policy, target.statement, target.parts);
  }
}

export function policyHover(model: DocumentModel, offset: number): HoverResult | undefined {
  if (!isPolicyDocument(model.kind) && model.kind !== 'cloudFormation' && model.kind !== 'terraform' && model.kind !== 'iamOutput' && model.kind !== 'configuration' && model.kind !== 'cloudTrail') return undefined;
  const target = targetAt(model, offset);
  if (!target) return undefined;
  // In other kinds of policy, only the statements about KMS are ours to explain.
  if (target.policy.kind !== 'keyPolicy' && !isAboutKms(target.policy, target.statement)) return undefined;
  const markdown = markdownFor(target);
  return markdown ? { markdown, start: target.start, end: target.end } : undefined;
}
