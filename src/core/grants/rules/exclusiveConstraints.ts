import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { DocumentRule } from '../../rules/rule';
import { EXCLUSIVE_CONSTRAINTS } from '../operations';
import { terraformArgument } from '../../terraform/grants';

export const exclusiveConstraints: DocumentRule = {
  id: 'grant-exclusive-constraints',
  scope: 'document',
  kinds: ['terraform'],
  defaultSeverity: 'error',
  title: 'Grant with both encryption context constraints',
  category: 'rejected',
  fixable: [],
  docs: {
    description: 'A grant takes one encryption context constraint: `encryption_context_equals` (the request\'s context must be exactly these pairs) or `encryption_context_subset` (it must contain them), not both. An `aws_kms_grant` that sets both, in one `constraints` block or in two, is a CreateGrant request with both `EncryptionContextEquals` and `EncryptionContextSubset`, which KMS rejects ("More than one constraint supplied"): the grant is never created. Constraints written as references (`var.context`) or in `dynamic "constraints"` blocks are not checked.',
    example: 'constraints {\n  encryption_context_equals = { tenant = "acme" }\n}\nconstraints {\n  encryption_context_subset = { app = "billing" }\n}',
    remedy: 'Keep one: `encryption_context_equals` for an exact context, `encryption_context_subset` to require some pairs and allow others.',
    sources: [SOURCES.createGrant, SOURCES.grantConstraints],
  },
  check(model, report) {
    const [a, b] = EXCLUSIVE_CONSTRAINTS.map(terraformArgument);
    for (const grant of model.terraformGrants ?? []) {
      // Only maps written with at least one pair: an empty or unknown map may be no constraint at all.
      const written = (name: string) => grant.constraints.map((c) => c.members.get(name)).find((m) => m?.entries && m.entries.length > 0);
      const first = written(a);
      const second = written(b);
      if (!first || !second) continue;
      const later = first.start > second.start ? first : second;
      report({ start: later.name.start, end: later.name.end, message: l10n.t('{0} and {1} exclude each other: KMS rejects a grant with both ("More than one constraint supplied").', a, b) });
    }
  },
};
