import * as l10n from '@vscode/l10n';
import { GRANT_OPERATIONS } from '../../data/kmsFacts';
import { SOURCES } from '../../data/sources';
import type { DocumentRule } from '../../rules/rule';
import { grantOperationSuggestions, isGrantOperation } from '../operations';

export const operationInvalid: DocumentRule = {
  id: 'grant-operation-invalid',
  scope: 'document',
  kinds: ['terraform'],
  defaultSeverity: 'error',
  title: 'Grant operation that is not one',
  category: 'rejected',
  fixable: ['review'],
  docs: {
    description: 'The `operations` of an `aws_kms_grant` resource must be grant operations as the KMS API names them: `Decrypt`, `Encrypt`, `GenerateDataKey`, `ReEncryptFrom`, `DescribeKey`, `CreateGrant`, ... (17 of them), without the `kms:` prefix of policy actions and in that case. A name outside that list (`kms:Decrypt`, `Decrpyt`, `ReEncrypt`, `ListGrants`) is rejected, so the grant is never created and the grantee gets nothing. Operations written as references or interpolations (`var.operations`, `"${local.op}"`) are not checked.',
    example: 'resource "aws_kms_grant" "app" {\n  key_id            = aws_kms_key.data.key_id\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["kms:Decrypt"]\n}',
    remedy: 'Write the bare operation name (`Decrypt`); the quick fix offers the nearest grant operations.',
    sources: [SOURCES.createGrant],
  },
  check(model, report) {
    for (const grant of model.terraformGrants ?? []) {
      for (const item of grant.operations?.items ?? []) {
        if (item.value === undefined || isGrantOperation(item.value)) continue;
        const near = grantOperationSuggestions(item.value);
        const hint = near.length > 0 ? l10n.t(' Did you mean {0}?', near.map((n) => `"${n}"`).join(', ')) : '';
        report({
          start: item.start,
          end: item.end,
          message: l10n.t('"{0}" is not a grant operation: CreateGrant rejects it. A grant allows only {1}.', item.value, GRANT_OPERATIONS.join(', ')) + hint,
          fixes: near.map((n) => ({ title: l10n.t('Change to "{0}"', n), edits: [{ start: item.start, end: item.end, newText: JSON.stringify(n) }], safety: 'review' })),
        });
      }
    }
  },
};
