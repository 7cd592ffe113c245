import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { DocumentRule } from '../../rules/rule';

export const noOperations: DocumentRule = {
  id: 'grant-no-operations',
  scope: 'document',
  kinds: ['terraform'],
  defaultSeverity: 'warning',
  title: 'Grant with an empty list of operations',
  category: 'invalid',
  fixable: [],
  docs: {
    description: '`Operations` is a required parameter of CreateGrant: a grant exists to allow its grantee the operations it lists. An `aws_kms_grant` whose `operations` is an empty list allows nothing; the AWS documentation does not say whether KMS refuses such a grant or creates one that gives no permission, and either way the grantee cannot use the key through it. A list written as a reference (`var.operations`) is not checked.',
    example: 'resource "aws_kms_grant" "app" {\n  key_id            = aws_kms_key.data.key_id\n  grantee_principal = aws_iam_role.app.arn\n  operations        = []\n}',
    remedy: 'List the operations the grantee needs (`["Decrypt"]`), or remove the grant.',
    sources: [SOURCES.createGrant],
  },
  check(model, report) {
    for (const grant of model.terraformGrants ?? []) {
      const ops = grant.operations;
      if (!ops?.items || ops.items.length > 0) continue;
      report({ start: ops.start, end: ops.end, message: l10n.t('{0} lists no operations: CreateGrant requires them, and a grant without any gives its grantee nothing.', `aws_kms_grant.${grant.name}`) });
    }
  },
};
