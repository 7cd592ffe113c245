import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { DocumentRule } from '../../rules/rule';

/** An alias name or alias ARN written as a literal. */
const ALIAS_LITERAL = /^(?:alias\/|arn:aws[\w-]*:kms:[^:]*:[^:]*:alias\/)/;
/**
 * A reference whose value is an alias by the provider's definition: the `arn`, `id` or `name` of an
 * `aws_kms_alias` resource or data source (its `target_key_id` and `target_key_arn` are the key's).
 */
const ALIAS_REFERENCE = /^(?:data\.)?aws_kms_alias\.[\w-]+(?:\[[^\]]*\])?\.(?:arn|id|name)$/;

export const keyIdAlias: DocumentRule = {
  id: 'grant-key-id-alias',
  scope: 'document',
  kinds: ['terraform'],
  defaultSeverity: 'warning',
  title: 'Grant whose key is given by an alias',
  category: 'invalid',
  fixable: [],
  docs: {
    description: 'CreateGrant names its key by key ID or key ARN (KMS API Reference, CreateGrant `KeyId`), where most KMS operations also take an alias name or alias ARN. An `aws_kms_grant` whose `key_id` is an alias (`"alias/app-data"`, an alias ARN, or the `arn`, `id` or `name` of an `aws_kms_alias`) names the key in a way CreateGrant does not document, so the grant may not be created. Other references (`aws_kms_key.app.key_id`, `var.key_id`) are not judged.',
    example: 'resource "aws_kms_grant" "app" {\n  key_id            = aws_kms_alias.app.arn\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Decrypt"]\n}',
    remedy: 'Name the key: `aws_kms_key.NAME.key_id` or `.arn`, or the alias\'s `target_key_id` or `target_key_arn`.',
    sources: [SOURCES.createGrant],
  },
  check(model, report) {
    for (const grant of model.terraformGrants ?? []) {
      const key = grant.keyId;
      if (!key) continue;
      const alias = key.value !== undefined ? ALIAS_LITERAL.test(key.value) : ALIAS_REFERENCE.test(model.text.slice(key.start, key.end).replace(/\s+/g, ''));
      if (!alias) continue;
      report({ start: key.start, end: key.end, message: l10n.t('This key_id is an alias: CreateGrant takes the key ID or key ARN of the KMS key. Use the key\'s key_id or arn (or the alias\'s target_key_id or target_key_arn).') });
    }
  },
};
