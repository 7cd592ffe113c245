/** Hover on a statement's Sid or opening brace: the statement in plain language. */
import { t } from '../../l10n';
import { MARKDOWN } from '../describe';
import type { PolicyModel, Statement } from '../model';
import { statementTitle, summarizeStatement } from '../summary';

export function statementHover(policy: PolicyModel, statement: Statement): string {
  const kind = policy.kind === 'keyPolicy' ? t('key policy') : t('IAM policy');
  return [`**${statementTitle(statement)}** · ${kind}`, '', summarizeStatement(policy, statement, MARKDOWN)].join('\n');
}
