import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { DocumentRule } from '../../rules/rule';
import { excludesContextConstraint } from '../operations';

export const constraintWithoutContext: DocumentRule = {
  id: 'grant-constraint-without-context',
  scope: 'document',
  kinds: ['terraform'],
  defaultSeverity: 'warning',
  title: 'Encryption context constraint on operations that take no encryption context',
  category: 'invalid',
  fixable: [],
  docs: {
    description: 'Encryption context grant constraints (`encryption_context_equals`, `encryption_context_subset`) work only on operations whose request has an encryption context: the cryptographic operations of symmetric encryption keys. The KMS API Reference says they cannot be used for the cryptographic operations of asymmetric and HMAC keys (`Sign`, `Verify`, `GetPublicKey`, `GenerateMac`, `VerifyMac`, `DeriveSharedSecret`), which take no encryption context; the GrantConstraints page says they are not applied to them. Either way the constraint does not limit what the grantee does with those operations: CreateGrant fails, or the grantee signs (or computes MACs) without any context. `DescribeKey`, `RetireGrant` and `CreateGrant` may come with a constraint. Operations and constraints written as references are not checked.',
    example: 'resource "aws_kms_grant" "signer" {\n  operations = ["Sign", "Verify"]\n  constraints {\n    encryption_context_equals = { app = "release" }\n  }\n}',
    remedy: 'Remove the constraint and limit who may sign in another way (the grantee, `kms:SigningAlgorithm` or `kms:MessageType` in a policy); or, if the key is a symmetric encryption key, list its encryption operations instead.',
    sources: [SOURCES.createGrant, SOURCES.grantConstraints],
  },
  check(model, report) {
    for (const grant of model.terraformGrants ?? []) {
      const constraint = grant.constraints.flatMap((c) => [...c.members.values()]).find((m) => m.entries && m.entries.length > 0);
      if (!constraint) continue;
      const without = (grant.operations?.items ?? []).filter((i) => i.value !== undefined && excludesContextConstraint(i.value));
      if (without.length === 0) continue;
      const names = without.map((i) => i.value!).join(', ');
      for (const item of without) {
        report({
          start: item.start,
          end: item.end,
          message: l10n.t('{0} takes no encryption context (an operation of asymmetric or HMAC keys): the encryption context constraint of this grant cannot be used with it. CreateGrant rejects such a grant, or the constraint does not limit {1}.', item.value!, names),
        });
      }
    }
  },
};
