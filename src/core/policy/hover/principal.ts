/**
 * Hover on a principal: what kind it is, its account, and what it means in a
 * key policy (the account root delegates to IAM; `*` is everyone).
 */
import { isKnownServiceLabel, serviceName } from '../../data/serviceNames';
import { couldBeServicePrincipal, hasUnknown, isKnownRegion } from '../../kms/identifiers';
import * as l10n from '@vscode/l10n';
import { describePrincipal, joinAnd, MARKDOWN, unknownPhrase, type PrincipalDescription } from '../describe';
import type { PolicyModel, PrincipalValue, Statement } from '../model';
import { normalized } from '../normalize';
import { sourceConditionKeys } from '../sourceConditions';
import { identifierHover } from './arn';

const code = MARKDOWN.code;

function accountLine(d: PrincipalDescription): string[] {
  const { account } = d;
  if (!account) return [];
  if (d.accountUnknown) return [`- ${l10n.t('Account {0} ({1}).', code(account), unknownPhrase(d.accountUnknown))}`];
  return [`- ${d.placeholder ? l10n.t('Account {0} (a documentation placeholder).', code(account)) : l10n.t('Account {0}.', code(account))}`];
}

/** `logs.us-west-2.amazonaws.com`, `logs.${region}.amazonaws.com`: the Regional form of a service principal. */
function regionalLine(p: PrincipalValue): string[] {
  const shape = p.parts.shape;
  const labels = shape.split('.');
  if (labels.length !== 4 || `${labels[2]}.${labels[3]}` !== 'amazonaws.com') return [];
  const start = labels[0].length + 1;
  const unknown = p.parts.unknownsIn(start, start + labels[1].length)[0];
  if (!unknown && !isKnownRegion(labels[1])) return [];
  const region = p.parts.show(start, start + labels[1].length);
  return [`- ${unknown
    ? l10n.t('The Regional form of the service principal: the Region is {0} ({1}).', code(region), unknownPhrase(unknown))
    : l10n.t('The Regional form of the service principal, for {0}.', code(region))}`];
}

export function principalHover(p: PrincipalValue, policy: PolicyModel, statement: Statement, element: 'Principal' | 'NotPrincipal'): string {
  const d = describePrincipal(p, MARKDOWN);
  const keyPolicy = policy.kind === 'keyPolicy';
  const lines: string[] = [];
  switch (d.kind) {
    case 'anyone':
      lines.push(`**${l10n.t('Any principal')}** (${code(p.type === '*' ? '"*"' : '{"AWS": "*"}')})`, '');
      lines.push(l10n.t('Everyone: every AWS account, and anonymous callers where the service allows them. {0} and {1} mean the same.', code('"Principal": "*"'), code('{"AWS": "*"}')));
      if (statement.effect?.value === 'Allow') {
        lines.push('', statement.conditions.length > 0
          ? l10n.t('Only the conditions of this statement narrow it; check they limit it to your accounts or organization ({0}, {1}).', code('kms:CallerAccount'), code('aws:PrincipalOrgID'))
          : l10n.t('Nothing in this statement narrows it: anyone can use the actions it allows.'));
      }
      break;
    case 'account':
      lines.push(`**${l10n.t('Account principal')}**`, '');
      lines.push(...accountLine(d));
      if (keyPolicy) {
        lines.push(`- ${l10n.t('In a key policy the account principal does not mean only the root user: it gives the account the access, and IAM policies in that account then decide which of its users and roles get it.')}`);
        lines.push(`- ${l10n.t('Without such a statement for its own account, a key\'s IAM policies have no effect on it.')}`);
      } else {
        lines.push(`- ${l10n.t('The whole account: its IAM policies decide which users and roles get the access.')}`);
      }
      break;
    case 'role':
      lines.push(`**${l10n.t('IAM role')}** ${code(d.name ?? '')}`, '', ...accountLine(d));
      lines.push(`- ${l10n.t('Every session of this role (whoever assumed it) gets the access.')}`);
      if (keyPolicy) lines.push(`- ${l10n.t('KMS rejects the policy if the role does not exist when the policy is saved.')}`);
      break;
    case 'assumedRole':
      lines.push(`**${l10n.t('Assumed-role session')}**`, '', ...accountLine(d));
      lines.push(`- ${l10n.t('Only the session named {0} of role {1}; to cover every session, name the role ARN instead.', code(p.value.split('/')[2] ?? ''), code(d.name ?? ''))}`);
      break;
    case 'user':
      lines.push(`**${l10n.t('IAM user')}** ${code(d.name ?? '')}`, '', ...accountLine(d));
      break;
    case 'federatedUser':
      lines.push(`**${l10n.t('Federated user session')}** ${code(d.name ?? '')}`, '', ...accountLine(d));
      break;
    case 'group':
      lines.push(`**${l10n.t('IAM group')}** ${code(d.name ?? '')}`, '', ...accountLine(d));
      lines.push(`- ${l10n.t('A group cannot be a principal: AWS rejects the policy. Name its users or a role.')}`);
      break;
    case 'service': {
      const label = p.parts.shape.split('.')[0] ?? '';
      lines.push(`**${l10n.t('Service principal')}** ${code(p.value)}`, '');
      lines.push(`- ${!hasUnknown(label) && isKnownServiceLabel(label) ? l10n.t('The {0} service itself, acting on its own (not on a user\'s behalf).', serviceName(label)) : l10n.t('An AWS service acting on its own.')}`);
      lines.push(...regionalLine(p));
      if (!couldBeServicePrincipal(p.parts.shape)) lines.push(`- ${l10n.t('Not of the form {0}.', code('service.amazonaws.com'))}`);
      if (keyPolicy && statement.effect?.value === 'Allow') {
        // Say what already ties the service to your resources (the rule policy-service-without-source reads the same keys), else how to.
        const n = normalized(policy).find((x) => x.statement === statement);
        const tying = n ? sourceConditionKeys(n) : [];
        lines.push(`- ${tying.length > 0
          ? l10n.t('This statement already ties it to your resources with {0}.', joinAnd(tying.map(code)))
          : l10n.t('Narrow it with {0} or {1}, so that the service acts for your resources only.', code('aws:SourceArn'), code('aws:SourceAccount'))}`);
      }
      break;
    }
    case 'federated':
      lines.push(`**${l10n.t('Federated principal')}** ${code(p.value)}`, '', l10n.t('Users who signed in through this identity provider.'));
      break;
    case 'canonicalUser':
      lines.push(`**${l10n.t('Canonical user')}**`, '', l10n.t('An S3 canonical user id.'));
      break;
    default: {
      const whole = p.parts.whollyUnknown;
      if (whole) {
        // A Ref, a template variable: what fills it in, not a verdict on its form.
        lines.push(`**${l10n.t('Principal')}** ${code(p.value)}`, '', l10n.t('An account id or a principal ARN, not known yet: {0}.', unknownPhrase(whole)));
        break;
      }
      const id = identifierHover(p.parts);
      lines.push(`**${l10n.t('Principal')}** ${code(p.value)}`, '', id ?? (p.parts.known
        ? l10n.t('Not a form KMS Lens recognises: an account id, an IAM ARN, a service name or {0}.', code('*'))
        : l10n.t('KMS Lens checks the text around its placeholders; it cannot check what they will become.')));
    }
  }
  if (element === 'NotPrincipal') lines.push('', l10n.t('In {0}: the statement applies to everyone except this principal.', code('NotPrincipal')));
  return lines.join('\n');
}
