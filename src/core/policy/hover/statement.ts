/** Hover on a statement's Sid or opening brace: the statement in plain language. */
import * as l10n from '@vscode/l10n';
import { MARKDOWN } from '../describe';
import { kindLabel } from '../kinds';
import type { PolicyModel, Statement } from '../model';
import { statementTitle, summarizeStatement } from '../summary';

/** The Sid is the user's text: keep Markdown from reading it as emphasis or a link. */
function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

export function statementHover(policy: PolicyModel, statement: Statement): string {
  const kind = policy.kind === 'keyPolicy' ? l10n.t('key policy') : policy.kind === 'identityPolicy' ? l10n.t('IAM policy') : kindLabel(policy.kind, policy.decision.service).replace(/^an? /, '');
  return [`**${escapeMarkdown(statementTitle(statement))}** · ${kind}`, '', summarizeStatement(policy, statement, MARKDOWN)].join('\n');
}
