import * as l10n from '@vscode/l10n';
import { ANALYSED_KINDS } from '../../syntax/syntaxRule';
import type { DocumentRule } from '../rule';

/**
 * Said once per template, so that a quiet template is not taken for a checked
 * policy: what was read, and what could not be (document/template.ts).
 */
export const template: DocumentRule = {
  id: 'meta-template',
  scope: 'document',
  kinds: ANALYSED_KINDS,
  defaultSeverity: 'information',
  category: 'analysis',
  fixable: [],
  title: 'Template that is not JSON until rendered',
  docs: {
    description: 'The file is a Terraform `templatefile` or Jinja template whose text is not JSON until it is rendered: `%{ if }` and `%{ for }` directives, `{% for %}` blocks, or values written without quotes (`"AWS": ${jsonencode(admins)}`). KMS Lens does not render it. It leaves the directives out, so the statements inside a block are checked once, and reads each unquoted expression as an unknown value; its JSON errors on template syntax are not reported. What the template writes there is not checked: render it (`terraform console`, `ansible -m template`) and check the result to see everything.',
    example: '"Principal": { "AWS": ${jsonencode(admin_arns)} }',
    remedy: 'Nothing to fix. To check what the template writes, render it and run KMS Lens on the result.',
  },
  check(model, report) {
    const t = model.template;
    if (!t || t.constructs.length === 0) return;
    const first = t.constructs[0];
    const engine = t.engine === 'jinja' ? l10n.t('a Jinja template')
      : t.engine === 'go' ? l10n.t('a Go template')
        : t.engine === 'erb' ? l10n.t('an ERB template')
          : l10n.t('a Terraform template');
    report({
      start: first.start,
      end: first.end,
      message: l10n.t('This file is {0}, not JSON until it is rendered. KMS Lens leaves its directives out and reads its unquoted expressions as unknown values: what they write is not checked.', engine),
    });
  },
};
