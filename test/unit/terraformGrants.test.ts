/**
 * Terraform `aws_kms_grant` resources: what the reader takes from them (known
 * literals, unknown references) and the grant- rules, each with texts where it
 * fires on the exact .tf characters (marked ⟦ ⟧) and near misses where it must
 * stay quiet: references, interpolations, dynamic blocks, fine grants.
 */
import * as assert from 'node:assert/strict';
import { applyEdits, buildModel, DEFAULT_SETTINGS, getKmsLensService } from '../../src/core';
import { grantRules } from '../../src/core/grants/rules';
import { excludesContextConstraint, grantOperationSuggestions, takesEncryptionContext } from '../../src/core/grants/operations';
import { GRANT_OPERATIONS } from '../../src/core/data/kmsFacts';
import { locateWasm } from '../../src/cli/wasm';
import { expectAt, expectNone, ofCode } from './policyHelpers';

const HINTS = { languageId: 'terraform', fileName: 'grants.tf' };

/** A grant resource with the given body lines. */
const grant = (body: string, name = 'app'): string =>
  `resource "aws_kms_grant" "${name}" {\n  name              = "${name}"\n  key_id            = aws_kms_key.data.key_id\n  grantee_principal = aws_iam_role.app.arn\n${body}\n}\n`;
const equals = '  constraints {\n    encryption_context_equals = { tenant = "acme" }\n  }';

const CASES: Record<string, { fires: string[]; nearMisses: string[] }> = {
  'grant-operation-invalid': {
    fires: [
      grant('  operations = [⟦"kms:Decrypt"⟧, "Encrypt"]'),
      grant('  operations = ["Decrypt", ⟦"Decrpyt"⟧, ⟦"ReEncrypt"⟧]'),
      grant('  operations = toset([⟦"decrypt"⟧])'),
      grant(`  operations = [⟦"ListGrants"⟧]\n${equals}`),
    ],
    nearMisses: [
      grant(`  operations = [${GRANT_OPERATIONS.map((o) => `"${o}"`).join(', ')}]`),
      grant('  operations = var.operations'),
      grant('  operations = ["Decrypt", var.extra, "${local.op}", each.value]'),
      grant('  operations = concat(["Decrypt"], var.more)'),
      // Not a grant: an IAM policy's actions are another rule's.
      'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["kms:Decrypt"], Resource = "*" }] })\n}\n',
    ],
  },
  'grant-no-operations': {
    fires: [grant('  operations = ⟦[]⟧'), grant('  operations = ⟦toset([])⟧')],
    nearMisses: [grant('  operations = ["Decrypt"]'), grant('  operations = var.operations'), grant('  operations = [var.op]'), grant('')],
  },
  'grant-exclusive-constraints': {
    fires: [
      grant('  operations = ["Decrypt"]\n  constraints {\n    encryption_context_equals = { tenant = "acme" }\n  }\n  constraints {\n    ⟦encryption_context_subset⟧ = { "app" = "billing" }\n  }'),
      grant('  operations = ["Decrypt"]\n  constraints {\n    encryption_context_subset = { app = "billing" }\n    ⟦encryption_context_equals⟧ = { tenant = each.key }\n  }'),
    ],
    nearMisses: [
      grant(`  operations = ["Decrypt"]\n${equals}`),
      grant('  operations = ["Decrypt"]\n  constraints {\n    encryption_context_subset = { app = "billing" }\n  }'),
      // An unknown or empty map may be no constraint at all.
      grant('  operations = ["Decrypt"]\n  constraints {\n    encryption_context_equals = var.context\n    encryption_context_subset = { app = "billing" }\n  }'),
      grant('  operations = ["Decrypt"]\n  constraints {\n    encryption_context_equals = {}\n    encryption_context_subset = { app = "billing" }\n  }'),
      grant(`  operations = ["Decrypt"]\n${equals}\n  dynamic "constraints" {\n    for_each = var.subsets\n    content {\n      encryption_context_subset = constraints.value\n    }\n  }`),
    ],
  },
  'grant-constraint-without-context': {
    fires: [
      grant(`  operations = [⟦"Sign"⟧, ⟦"Verify"⟧]\n${equals}`),
      grant(`  operations = [⟦"GenerateMac"⟧, "DescribeKey"]\n${equals}`),
      grant(`  operations = toset([⟦"GetPublicKey"⟧, ⟦"DeriveSharedSecret"⟧])\n  constraints {\n    encryption_context_subset = { app = var.app }\n  }`),
    ],
    nearMisses: [
      grant('  operations = ["Sign", "Verify", "GetPublicKey"]'),
      grant(`  operations = ["Encrypt", "Decrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "DescribeKey", "RetireGrant", "CreateGrant"]\n${equals}`),
      grant('  operations = ["Sign"]\n  constraints {\n    encryption_context_equals = var.context\n  }'),
      grant(`  operations = var.operations\n${equals}`),
      grant('  operations = ["Sign"]\n  dynamic "constraints" {\n    for_each = var.contexts\n    content {\n      encryption_context_equals = constraints.value\n    }\n  }'),
    ],
  },
  'grant-key-id-alias': {
    fires: [
      'resource "aws_kms_grant" "a" {\n  key_id            = ⟦aws_kms_alias.app.arn⟧\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Decrypt"]\n}\n',
      'resource "aws_kms_grant" "a" {\n  key_id            = ⟦"alias/app-data"⟧\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Decrypt"]\n}\n',
      'resource "aws_kms_grant" "a" {\n  key_id            = ⟦data.aws_kms_alias.shared[0].name⟧\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Decrypt"]\n}\n',
      'resource "aws_kms_grant" "a" {\n  key_id            = ⟦"arn:aws:kms:us-west-2:111122223333:alias/app-data"⟧\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Decrypt"]\n}\n',
    ],
    nearMisses: [
      grant('  operations = ["Decrypt"]'),
      'resource "aws_kms_grant" "a" {\n  key_id            = aws_kms_alias.app.target_key_id\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Decrypt"]\n}\n',
      'resource "aws_kms_grant" "a" {\n  key_id            = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Decrypt"]\n}\n',
      'resource "aws_kms_grant" "a" {\n  key_id            = var.key_id\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Decrypt"]\n}\n',
      'resource "aws_kms_grant" "a" {\n  key_id            = "${var.alias}"\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Decrypt"]\n}\n',
    ],
  },
};

describe('Terraform KMS grants', () => {
  before(() => getKmsLensService().prepareFormats(locateWasm));

  it('a module with only grants is read as Terraform; one with neither policy nor grant is not ours', () => {
    const model = buildModel(grant('  operations = ["Decrypt"]'), HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.equal(model.kind, 'terraform');
    assert.equal(model.terraformGrants?.length, 1);
    assert.equal(buildModel('resource "aws_kms_key" "k" {\n  description = "x"\n}\n', HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind, 'other');
  });

  it('reads literals with their characters and leaves references and interpolations unknown', () => {
    const text = grant('  retiring_principal = "arn:aws:iam::111122223333:role/admin"\n  operations = ["Decrypt", var.op, "x-${local.y}"]\n  grant_creation_tokens = ["t1"]');
    const g = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).terraformGrants![0];
    assert.equal(g.name, 'app');
    assert.equal(g.keyId?.value, undefined);
    assert.equal(g.granteePrincipal?.value, undefined);
    assert.equal(g.retiringPrincipal?.value, 'arn:aws:iam::111122223333:role/admin');
    assert.deepEqual(g.operations?.items?.map((i) => i.value), ['Decrypt', undefined, undefined]);
    assert.equal(text.slice(g.operations!.items![0].start, g.operations!.items![0].end), '"Decrypt"');
    assert.deepEqual(g.grantCreationTokens?.items?.map((i) => i.value), ['t1']);
  });

  it('takes its facts from the CreateGrant data: every grant operation takes an encryption context, or is one a constraint cannot be used with, or is neutral', () => {
    assert.deepEqual(GRANT_OPERATIONS.filter((o) => excludesContextConstraint(o)), ['Sign', 'Verify', 'GetPublicKey', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret']);
    assert.ok(takesEncryptionContext('ReEncryptFrom') && takesEncryptionContext('GenerateDataKeyPair'));
    assert.deepEqual(grantOperationSuggestions('kms:Decrypt'), ['Decrypt']);
    assert.deepEqual(grantOperationSuggestions('kms:GenerateDatakey'), ['GenerateDataKey']);
  });

  for (const rule of grantRules) {
    describe(rule.id, () => {
      const c = CASES[rule.id];
      it('has a firing case and a near miss', () => assert.ok(c && c.fires.length > 0 && c.nearMisses.length > 0, `no cases for ${rule.id}`));
      if (!c) return;
      it('fires exactly on the offending characters', () => {
        for (const src of c.fires) for (const f of expectAt(src, rule.id, HINTS).found) assert.equal(f.severity, rule.defaultSeverity);
      });
      it('stays quiet on the near misses', () => {
        for (const text of c.nearMisses) expectNone(text, rule.id, HINTS);
      });
    });
  }

  it('grant-operation-invalid offers the bare name, written as HCL', () => {
    const text = grant('  operations = ["kms:Decrypt", "Encrypt"]');
    const [f] = ofCode(text, 'grant-operation-invalid', HINTS);
    assert.match(f.message, /Did you mean "Decrypt"\?/);
    const fix = f.fixes?.find((x) => x.title === 'Change to "Decrypt"');
    assert.ok(fix);
    assert.equal(fix.safety, 'review');
    assert.equal(applyEdits(text, fix.edits), grant('  operations = ["Decrypt", "Encrypt"]'));
  });

  it('nothing above information on a module of fine grants', () => {
    const text = [grant(`  operations = ["Decrypt", "GenerateDataKey", "DescribeKey", "RetireGrant"]\n${equals}`, 'a'), grant('  operations = ["Sign", "Verify", "GetPublicKey"]', 'b'), grant('  operations = var.ops', 'c')].join('\n');
    const loud = getKmsLensService().analyze(text, HINTS).findings.filter((f) => f.severity !== 'information' && f.severity !== 'hint');
    assert.deepEqual(loud, []);
  });
});
