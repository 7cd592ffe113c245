/**
 * Terraform (issue 17): policies written as heredoc JSON, jsonencode({...})
 * and data "aws_iam_policy_document" blocks get the policy findings on the
 * exact .tf characters; references and interpolations are unknown parts that
 * KMS Lens does not report; fixes write HCL; modules without a policy of
 * ours stay silent.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, buildModel, DEFAULT_SETTINGS, describeReading, fixAll, getKmsLensService, type Finding } from '../../src/core';
import { policiesOf } from '../../src/core/policy/locate';
import { locateWasm } from '../../src/cli/wasm';

const HINTS = { languageId: 'terraform', fileName: 'main.tf' };
const SAMPLE = path.resolve(__dirname, '..', '..', '..', 'samples', 'terraform', 'kms.tf');

const run = (text: string): Finding[] => analyze(text, HINTS).findings;

function placed(text: string, fs: readonly Finding[]): string[] {
  return fs.map((f) => {
    const before = text.slice(0, f.start);
    const line = before.split('\n').length;
    const column = f.start - before.lastIndexOf('\n');
    return `${f.code} ${line}:${column} ${JSON.stringify(text.slice(f.start, f.end))}`;
  });
}

function fixOf(text: string, code: string): string | undefined {
  const fix = run(text).find((x) => x.code === code)?.fixes?.[0];
  return fix ? applyEdits(text, fix.edits) : undefined;
}

describe('Terraform modules', () => {
  before(() => getKmsLensService().prepareFormats(locateWasm));

  it('a key policy Resource that is the key\'s id attribute never matches: warned, whatever the writing; the ARN attribute is not', () => {
    const heredoc = `resource "aws_kms_key" "queue" {}

resource "aws_kms_key_policy" "queue" {
  key_id = aws_kms_key.queue.key_id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Root", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root" }, "Action": "kms:*", "Resource": "*" },
    { "Sid": "Sqs", "Effect": "Allow", "Principal": { "Service": "sqs.amazonaws.com" }, "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "\${aws_kms_key.queue.id}",
      "Condition": { "ArnEquals": { "aws:SourceArn": "\${aws_sqs_queue.orders.arn}" } } }
  ]
}
EOF
}
`;
    const found = run(heredoc).filter((f) => f.code === 'policy-key-policy-resource');
    assert.deepEqual(found.map((f) => [f.severity, heredoc.slice(f.start, f.end)]), [['warning', '"${aws_kms_key.queue.id}"']]);
    assert.match(found[0].message, /aws_kms_key\.queue\.id is the key id, not "\*" or an ARN: it never matches this key's ARN/);
    const encoded = (resource: string): string => `resource "aws_kms_key_policy" "queue" {
  key_id = aws_kms_key.queue.key_id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root" }, Action = "kms:*", Resource = "*" },
      { Sid = "Sqs", Effect = "Allow", Principal = { Service = "sqs.amazonaws.com" }, Action = ["kms:Decrypt"], Resource = ${resource} }
    ]
  })
}
`;
    const keyId = encoded('aws_kms_key.queue.key_id');
    assert.deepEqual(run(keyId).filter((f) => f.code === 'policy-key-policy-resource').map((f) => keyId.slice(f.start, f.end)), ['aws_kms_key.queue.key_id']);
    for (const quiet of ['aws_kms_key.queue.arn', 'var.key_resource', 'local.key_arn']) {
      assert.deepEqual(run(encoded(quiet)).filter((f) => f.code === 'policy-key-policy-resource'), [], quiet);
    }
  });

  it('the key_policy of an awscc_kms_key (Cloud Control provider) is a key policy, read as aws_kms_key\'s policy is', () => {
    const text = `resource "awscc_kms_key" "shared" {
  description = "Shared key"
  key_policy = jsonencode({
    "Version" : "2012-10-17",
    "Statement" : [
      {
        "Sid" : "Enable IAM User Permissions",
        "Effect" : "Allow",
        "Principal" : { "AWS" : "*" },
        "Action" : "kms:*",
        "Resource" : "*"
      },
    ],
  })
}
`;
    const { model, findings } = analyze(text, HINTS);
    assert.deepEqual(policiesOf(model).map((p) => p.kind), ['keyPolicy']);
    assert.ok(placed(text, findings).includes('policy-public-principal 9:33 "\\"*\\""'), placed(text, findings).join('\n'));
  });

  it('a policy written as one quoted JSON string is read, with findings on the HCL characters and no fix written back', () => {
    const text = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Sid\\": \\"Root\\", \\"Effect\\": \\"Allow\\", \\"Principal\\": {\\"AWS\\": \\"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root\\"}, \\"Action\\": \\"kms:*\\", \\"Resource\\": \\"*\\"}, {\\"Sid\\": \\"Everyone\\", \\"Effect\\": \\"Allow\\", \\"Principal\\": {\\"AWS\\": \\"*\\"}, \\"Action\\": \\"kms:Decrypt\\", \\"Resource\\": \\"*\\"}]}"\n}\n';
    const { model, findings } = analyze(text, HINTS);
    assert.deepEqual(policiesOf(model).map((p) => p.kind), ['keyPolicy']);
    const pub = findings.find((f) => f.code === 'policy-public-principal');
    assert.ok(pub, placed(text, findings).join('\n'));
    assert.equal(text.slice(pub.start, pub.end), '\\"*\\"');
    assert.deepEqual(pub.fixes ?? [], []);
    // A string that is not a policy (a reference, a name) is not read.
    assert.deepEqual(policiesOf(analyze('resource "aws_kms_key" "k" {\n  policy = "${data.aws_iam_policy_document.key.json}"\n}\n', HINTS).model), []);
  });

  it('before the parser has loaded, a .tf text is pending, not read as nothing', () => {
    // The parser is loaded by now; the service says so.
    assert.equal(getKmsLensService().needsFormats(HINTS), false);
    assert.equal(buildModel('resource "aws_kms_key" "k" {}\n', HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).pending, undefined);
  });

  describe('the sample module', () => {
    const text = fs.readFileSync(SAMPLE, 'utf8');

    it('reads the three forms, each with the kind of the resource that holds or refers to it', () => {
      const model = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      assert.equal(model.kind, 'terraform');
      assert.deepEqual(policiesOf(model).map((p) => p.kind), ['keyPolicy', 'keyPolicy', 'identityPolicy', 'identityPolicy']);
    });

    it('reports each deliberate mistake on its .tf characters, and nothing about references', () => {
      assert.deepEqual(placed(text, run(text)), [
        'policy-effect-invalid 29:17 "\\"allow\\""',
        'policy-unknown-action 30:38 "Decrpyt"',
        'policy-unknown-condition-key 38:18 "\\"kms:CallerAcount\\""',
        'policy-condition-value-type 62:62 "\\"yes\\""',
        'policy-noncanonical-case 76:37 "\\"kms:GenerateDatakey\\""',
        'policy-via-service-invalid 94:49 "eu-west-9"',
      ]);
    });

    it('fix-all changes only the characters of the mistakes it may fix', () => {
      const fixed = fixAll(text, HINTS, DEFAULT_SETTINGS).text;
      const changed = fixed.split('\n').filter((line, i) => line !== text.split('\n')[i]);
      assert.deepEqual(changed, ['    effect    = "Allow"', '          "Action": ["kms:Decrypt", "kms:GenerateDataKey"],']);
    });

    for (const [form, action] of [['a data source block', '"kms:GenerateDataKey"'], ['jsonencode', '"kms:CreateGrant"'], ['a heredoc', '"kms:Decrypt", "kms:GenerateDatakey"']] as const) {
      it(`hovers an action in ${form}`, () => {
        const service = getKmsLensService();
        const model = service.parse(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
        const at = text.indexOf(action) + 6;
        const hover = service.hover(model, at);
        assert.ok(hover, `a hover on ${action}`);
        assert.match(hover.markdown, new RegExp(action.split('"')[1]));
      });
    }
  });

  describe('each form', () => {
    const key = (policy: string): string => `resource "aws_kms_key" "k" {\n  description = "k"\n  policy = ${policy}\n}\n`;

    it('a <<EOF heredoc: findings on the JSON characters, interpolations unknown', () => {
      const text = key('<<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${var.account}:root"}, "Action": "kms:*", "Resource": "*"},\n    {"Effect": "Allow", "Principal": {"AWS": "${var.app_role}"}, "Action": "kms:Decryp", "Resource": "*"}]\n}\nEOF');
      assert.deepEqual(placed(text, run(text)), ['policy-unknown-action 7:81 "Decryp"']);
    });

    it('a heredoc is JSON as written: a trailing comma is the error terraform plan and AWS report, and its fix removes it in the .tf', () => {
      // The AWS provider validates a policy as JSON before any call ("policy" contains an invalid JSON), as KMS does.
      const text = key('<<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Principal": {"AWS": [\n    "arn:aws:iam::${var.account}:root",\n  ]}, "Action": "kms:*", "Resource": "*"}]\n}\nEOF');
      const fs = run(text);
      assert.deepEqual(placed(text, fs), ['json-trailing-comma 7:39 ","']);
      assert.equal(fs[0].severity, 'error');
      const fixed = fixAll(text, HINTS, DEFAULT_SETTINGS).text;
      assert.equal(fixed, text.replace(':root",\n', ':root"\n'));
      assert.deepEqual(placed(fixed, run(fixed)), []);
    });

    it('near miss: HCL allows a trailing comma in jsonencode, and a heredoc with template directives is read as a template', () => {
      const encoded = key('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = ["arn:aws:iam::${var.account}:root",] }, Action = "kms:*", Resource = "*" },]\n  })');
      assert.deepEqual(placed(encoded, run(encoded)), []);
      const templated = key('<<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    %{ for a in var.accounts }{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${a}:root"}, "Action": "kms:*", "Resource": "*"},%{ endfor }\n  ]\n}\nEOF');
      assert.ok(!run(templated).some((f) => f.code.startsWith('json-')), JSON.stringify(placed(templated, run(templated))));
    });

    it('jsonencode: a misspelt action in a tuple is fixed inside its quotes', () => {
      const text = key('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = var.admin }, Action = ["kms:Encrypt", "kms:decrypt"], Resource = "*" }]\n  })');
      // Whoever var.admin is, no statement allows kms:PutKeyPolicy: the lockout is found too.
      assert.deepEqual(placed(text, run(text)), ['policy-lockout-risk 5:5 "Statement"', 'policy-noncanonical-case 5:96 "\\"kms:decrypt\\""']);
      assert.ok(fixOf(text, 'policy-noncanonical-case')?.includes('Action = ["kms:Encrypt", "kms:Decrypt"]'));
    });

    it('a reference or a function call as a value is one unknown part: no finding', () => {
      const text = key('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = [for a in var.accounts : "arn:aws:iam::${a}:root"] }, Action = "kms:*", Resource = format("%s", var.key) }]\n  })');
      assert.deepEqual(placed(text, run(text)), []);
    });

    it('a data document no resource refers to is read with an uncertain kind: only what is wrong in every kind keeps its severity', () => {
      // A misspelt kms: action is wrong whatever the policy's kind, so it stays an error.
      const text = 'data "aws_iam_policy_document" "loose" {\n  statement {\n    actions   = ["kms:Decrpyt"]\n    resources = ["*"]\n  }\n}\n';
      const fs = run(text);
      assert.deepEqual(placed(text, fs), ['policy-unknown-action 3:23 "Decrpyt"']);
      assert.equal(fs[0].severity, 'error');
      const [p] = policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
      assert.equal(p.decision.certain, false);
    });

    it('a data document no resource refers to whose statements name principals is not read as an IAM policy (a Sid with spaces is fine in a key policy)', () => {
      const text = 'data "aws_iam_policy_document" "shared_key" {\n  statement {\n    sid = "Allow use by the app role"\n    principals {\n      type        = "AWS"\n      identifiers = [var.app_role_arn]\n    }\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n  }\n  statement {\n    sid = "Let logs encrypt"\n    principals {\n      type        = "Service"\n      identifiers = ["logs.amazonaws.com"]\n    }\n    actions   = ["kms:GenerateDataKey*"]\n    resources = ["*"]\n  }\n}\n';
      const [p] = policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
      assert.equal(p.kind, 'keyPolicy');
      assert.equal(p.decision.certain, false);
      assert.deepEqual(run(text).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.code), []);
    });

    it('arguments set to null, an empty list or an empty sid are not written into the document, as the provider leaves them out', () => {
      const text = 'resource "aws_kms_key" "k" {\n  policy = data.aws_iam_policy_document.key.json\n}\n\ndata "aws_iam_policy_document" "key" {\n  policy_id     = null\n  source_json   = null\n  override_json = null\n  statement {\n    sid    = null\n    effect = "Allow"\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::${var.account_id}:root"]\n    }\n    actions       = ["kms:*"]\n    not_actions   = []\n    resources     = ["*"]\n    not_resources = []\n  }\n  statement {\n    sid       = ""\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = [var.reader]\n    }\n  }\n}\n';
      const [p] = policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
      assert.equal(p.fragment, undefined, 'null source_json and override_json merge nothing: the document is whole');
      assert.deepEqual(p.statements.map((s) => [...s.byName.keys()].sort()), [['Action', 'Effect', 'Principal', 'Resource'], ['Action', 'Effect', 'Principal', 'Resource']]);
      assert.deepEqual(placed(text, run(text)), []);
    });

    it('a document named with Terraform 0.11\'s index syntax (this.0.json) takes the kind of the resource that refers to it', () => {
      const text = 'resource "aws_kms_key" "k" {\n  policy = var.key_policy == null ? data.aws_iam_policy_document.this.0.json : var.key_policy\n}\n\ndata "aws_iam_policy_document" "this" {\n  count = var.key_policy == null ? 1 : 0\n  statement {\n    sid       = "Key admins"\n    actions   = ["kms:*"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = [var.admin_arn]\n    }\n  }\n}\n';
      const [p] = policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
      assert.equal(p.kind, 'keyPolicy');
      assert.equal(p.decision.certain, true);
    });

    it('a module\'s statements from its input: dynamic principals and conditions are unknown, and of a pair of arguments that may be null only one is written', () => {
      const text = 'resource "aws_kms_key" "k" {\n  policy = data.aws_iam_policy_document.k.json\n}\n\ndata "aws_iam_policy_document" "k" {\n  statement {\n    sid       = "Admins"\n    actions   = ["kms:*"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = var.admins\n    }\n  }\n  dynamic "statement" {\n    for_each = var.extra\n    content {\n      sid           = try(statement.value.sid, null)\n      actions       = try(statement.value.actions, null)\n      not_actions   = try(statement.value.not_actions, null)\n      resources     = try(statement.value.resources, null)\n      not_resources = try(statement.value.not_resources, null)\n      dynamic "principals" {\n        for_each = try(statement.value.principals, [])\n        content {\n          type        = principals.value.type\n          identifiers = principals.value.identifiers\n        }\n      }\n      dynamic "not_principals" {\n        for_each = try(statement.value.not_principals, [])\n        content {\n          type        = not_principals.value.type\n          identifiers = not_principals.value.identifiers\n        }\n      }\n      dynamic "condition" {\n        for_each = try(statement.value.conditions, [])\n        content {\n          test     = condition.value.test\n          variable = condition.value.variable\n          values   = condition.value.values\n        }\n      }\n    }\n  }\n}\n';
      assert.deepEqual(placed(text, run(text).filter((f) => f.severity === 'error' || f.severity === 'warning')), []);
    });

    it('a principal type, a test or a variable from a reference is unknown, not a misspelling', () => {
      const text = 'resource "aws_kms_key" "k" {\n  policy = data.aws_iam_policy_document.k.json\n}\n\ndata "aws_iam_policy_document" "k" {\n  statement {\n    actions   = ["kms:*"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::${var.account}:root"]\n    }\n  }\n  statement {\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n    principals {\n      type        = var.principal_type\n      identifiers = var.principal_ids\n    }\n    condition {\n      test     = var.test\n      variable = var.variable\n      values   = var.values\n    }\n  }\n}\n';
      assert.deepEqual(placed(text, run(text)), []);
    });

    it('conditions written by dynamic blocks may narrow the statement: "*" with them is not reported as public', () => {
      const text = 'resource "aws_kms_key" "k" {\n  policy = data.aws_iam_policy_document.k.json\n}\n\ndata "aws_iam_policy_document" "k" {\n  statement {\n    actions   = ["kms:*"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::${var.account}:root"]\n    }\n  }\n  statement {\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n    dynamic "condition" {\n      for_each = var.org_conditions\n      content {\n        test     = condition.value.test\n        variable = condition.value.variable\n        values   = condition.value.values\n      }\n    }\n  }\n}\n';
      assert.deepEqual(placed(text, run(text).filter((f) => f.severity === 'error' || f.severity === 'warning')), []);
      // Without them, the same statement is public.
      const bare = text.replace(/ {4}dynamic "condition" \{[\s\S]*?\n {4}\}\n/, '');
      assert.deepEqual(run(bare).filter((f) => f.severity === 'warning').map((f) => f.code), ['policy-public-principal']);
    });

    it('a Condition written as a reference (Condition = local.via_secrets_manager) may test any key: "*" with it is not reported as public', () => {
      const text = 'locals {\n  via_secrets_manager = {\n    StringEquals = {\n      "kms:CallerAccount" = var.account_id\n      "kms:ViaService"    = "secretsmanager.${var.region}.amazonaws.com"\n    }\n  }\n}\n\nresource "aws_kms_key" "k" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }, Action = "kms:*", Resource = "*" },\n      { Sid = "ViaSecretsManager", Effect = "Allow", Principal = { AWS = "*" }, Action = ["kms:Decrypt"], Resource = "*", Condition = local.via_secrets_manager },\n    ]\n  })\n}\n';
      assert.deepEqual(placed(text, run(text)), []);
    });

    it('blocks whose labels are bare identifiers (data aws_iam_policy_document key) are read as quoted ones', () => {
      const text = 'resource aws_kms_key main {\n  policy = data.aws_iam_policy_document.key.json\n}\n\ndata aws_iam_policy_document key {\n  statement {\n    actions   = ["kms:Decrpyt"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::${var.account}:root"]\n    }\n  }\n}\n';
      const [p] = policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
      assert.equal(p.kind, 'keyPolicy');
      assert.equal(p.decision.certain, true);
      assert.deepEqual(placed(text, run(text)).filter((f) => f.startsWith('policy-unknown-action')), ['policy-unknown-action 7:23 "Decrpyt"']);
    });

    it('principals of one type in two blocks are one list, and a condition block is a condition', () => {
      const text = 'resource "aws_kms_key_policy" "p" {\n  key_id = aws_kms_key.k.id\n  policy = data.aws_iam_policy_document.p.json\n}\n\ndata "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["kms:*"]\n    resources = ["*"]\n    principals {\n      type = "AWS"\n      identifiers = ["arn:aws:iam::210987654321:root"]\n    }\n    principals {\n      type = "AWS"\n      identifiers = ["arn:aws:iam::21098765432:role/Admin"]\n    }\n    condition {\n      test = "Bool"\n      variable = "aws:SecureTransport"\n      values = ["maybe"]\n    }\n  }\n}\n';
      const model = buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      const [p] = policiesOf(model);
      assert.equal(p.kind, 'keyPolicy');
      assert.deepEqual(p.statements[0].principals.map((x) => x.value), ['arn:aws:iam::210987654321:root', 'arn:aws:iam::21098765432:role/Admin']);
      assert.deepEqual(placed(text, run(text)).map((s) => s.split(' ').slice(0, 2).join(' ')), ['policy-principal-invalid 16:36', 'policy-condition-value-type 21:17']);
    });
  });

  describe('more places policies are written', () => {
    const kinds = (text: string): string[] => policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize })).map((p) => p.kind);

    it('an inline_policy block of an IAM role is an IAM policy, its findings on the .tf characters (a comment in a list is not a value)', () => {
      const text = 'resource "aws_iam_role" "app" {\n  name = "app"\n  inline_policy {\n    name = "kms"\n    policy = jsonencode({\n      Version = "2012-10-17"\n      Statement = [{\n        Effect = "Allow"\n        Action = [\n          "kms:Decrypt", # read\n          "kms:Decrpyt",\n        ]\n        Resource = aws_kms_key.k.arn\n      }]\n    })\n  }\n}\n';
      assert.deepEqual(kinds(text), ['identityPolicy']);
      assert.deepEqual(placed(text, run(text)), ['policy-unknown-action 11:16 "Decrpyt"']);
    });

    it('an inline_policy that refers to a policy document gives the document its kind', () => {
      const text = 'resource "aws_iam_role" "app" {\n  name = "app"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n  inline_policy {\n    name   = "kms"\n    policy = data.aws_iam_policy_document.kms.json\n  }\n}\n\ndata "aws_iam_policy_document" "kms" {\n  statement {\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n  }\n}\n';
      const [p] = policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
      assert.equal(p.kind, 'identityPolicy');
      assert.equal(p.decision.certain, true);
    });

    it('a policy written into a module call is read by its content, not for sure: its JSON and its actions are checked, what depends on its kind is information at most', () => {
      // As a public SOPS setup writes it: the key policy passed to a local KMS module, with only the role the module is for.
      const key = (action: string, end = ''): string => `module "kms_sops" {\n  source          = "../../modules/aws/kms"\n  key_description = "KMS Key for SOPS"\n  key_policy      = <<POLICY\n  {\n    "Version": "2012-10-17",\n    "Statement": [\n      {\n        "Sid": "SopsRole",\n        "Effect": "Allow",\n        "Principal": { "AWS": "\${module.iam_role.sops.role_arn}" },\n        "Action": ${action},\n        "Resource": "*"\n      }${end}\n    ]\n  }\nPOLICY\n}\n`;
      const [p] = policiesOf(buildModel(key('"kms:*"'), HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
      assert.equal(p.kind, 'keyPolicy');
      assert.equal(p.decision.certain, false);
      assert.deepEqual(run(key('"kms:*"')), []);
      // Without kms:PutKeyPolicy the module's own statements may still have it: a lockout is not an error here.
      assert.deepEqual(run(key('["kms:Decrpyt", "kms:Encrypt"]')).map((f) => `${f.code} ${f.severity}`).sort(), ['policy-lockout-risk information', 'policy-unknown-action error']);
      // The heredoc is sent as written: a trailing comma fails as it does in a resource.
      assert.deepEqual(run(key('"kms:*"', ',')).map((f) => f.code), ['json-trailing-comma']);
      // Other arguments, and policies that are not about KMS, are not read.
      const role = 'module "role" {\n  source = "./role"\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n  policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]\n}\n';
      assert.deepEqual(kinds(role), []);
      // A module's own input shape is not IAM's JSON, even when it names KMS actions.
      const own = 'module "lambda" {\n  source = "./lambda"\n  extra_policy = jsonencode({ statements = [{ actions = ["kms:Decrypt"], resources = ["*"] }] })\n}\n';
      assert.deepEqual(kinds(own), []);
    });

    it('a statement written as the whole policy is said once, as one statement without its wrapper, not as six unknown elements', () => {
      // As a public flow-logs module writes it: the CloudWatch Logs statement alone in the key's heredoc.
      const text = 'resource "aws_kms_key" "log_key" {\n  description = "KMS key for CloudWatch log group"\n  policy = <<POLICY\n  {\n  "Sid": "Allow CloudWatch Logs to use the key",\n  "Effect": "Allow",\n  "Principal": { "Service": "logs.${var.region}.amazonaws.com" },\n  "Action": ["kms:Encrypt", "kms:Decrypt"],\n  "Resource": "*"\n}\nPOLICY\n}\n';
      const above = run(text).filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(above.map((f) => f.code), ['policy-statement-missing']);
      assert.match(above[0].message, /one statement, not a policy/);
      // A policy without Statement and without statement elements keeps the plain message and its unknown elements.
      const odd = 'resource "aws_kms_key" "k" {\n  policy = jsonencode({ Version = "2012-10-17", Statments = [] })\n}\n';
      assert.deepEqual(run(odd).filter((f) => f.severity === 'error').map((f) => f.code).sort(), ['policy-statement-missing', 'policy-unknown-element']);
    });

    it('aws_organizations_policy content is an SCP by default, an RCP by its type, and not read for other policy types or a type from a variable', () => {
      const org = (type: string): string => `resource "aws_organizations_policy" "p" {\n  name = "p"\n${type}  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "kms:ScheduleKeyDeletion", Resource = "*" }] })\n}\n`;
      assert.deepEqual(kinds(org('')), ['serviceControlPolicy']);
      assert.deepEqual(kinds(org('  type = "SERVICE_CONTROL_POLICY"\n')), ['serviceControlPolicy']);
      assert.deepEqual(kinds(org('  type = "RESOURCE_CONTROL_POLICY"\n')), ['resourceControlPolicy']);
      assert.deepEqual(kinds(org('  type = "TAG_POLICY"\n')), []);
      assert.deepEqual(kinds(org('  type = var.policy_type\n')), []);
    });

    it('an RCP written as a policy document is read as an RCP', () => {
      const text = 'resource "aws_organizations_policy" "rcp" {\n  name    = "rcp"\n  type    = "RESOURCE_CONTROL_POLICY"\n  content = data.aws_iam_policy_document.rcp.json\n}\n\ndata "aws_iam_policy_document" "rcp" {\n  statement {\n    effect    = "Deny"\n    actions   = ["kms:*"]\n    resources = ["*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "StringNotEqualsIfExists"\n      variable = "aws:PrincipalOrgID"\n      values   = [var.org_id]\n    }\n  }\n}\n';
      assert.deepEqual(kinds(text), ['resourceControlPolicy']);
      assert.deepEqual(run(text), []);
    });

    it('a trust policy, queue, topic and bucket policies that mention KMS get their kinds', () => {
      const doc = 'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "events.amazonaws.com" }, Action = "sqs:SendMessage", Resource = "*", Condition = { StringEquals = { "kms:ViaService" = "sqs.us-east-1.amazonaws.com" } } }] })';
      assert.deepEqual(kinds(`resource "aws_sqs_queue_policy" "q" {\n  queue_url = aws_sqs_queue.q.id\n  policy = ${doc}\n}\n`), ['resourcePolicy']);
      assert.deepEqual(kinds(`resource "aws_sqs_queue" "q" {\n  name = "q"\n  policy = ${doc}\n}\n`), ['resourcePolicy']);
      assert.deepEqual(kinds(`resource "aws_sns_topic_policy" "t" {\n  arn = aws_sns_topic.t.arn\n  policy = ${doc}\n}\n`), ['resourcePolicy']);
      assert.deepEqual(kinds(`resource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = ${doc}\n}\n`), ['resourcePolicy']);
    });
  });

  describe('modules that are not ours are silent', () => {
    // Modules shaped like real repositories' (test/fixtures/terraform): fine, so no finding at all.
    for (const [file, kinds] of [['vpc.tf', []], ['s3-bucket.tf', ['keyPolicy', 'resourcePolicy']], ['iam-role.tf', ['identityPolicy', 'serviceControlPolicy']]] as const) {
      it(`${file}: fine, no finding; read as ${kinds.join(', ') || 'not ours'}`, () => {
        const text = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'terraform', file), 'utf8');
        assert.deepEqual(policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize })).map((p) => p.kind), kinds);
        assert.deepEqual(placed(text, run(text)), []);
      });
    }
    const quiet: Record<string, string> = {
      'a module with no policy': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n',
      'an S3 bucket policy that does not mention KMS': 'resource "aws_s3_bucket_policy" "b" {\n  bucket = "x"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::x/*" }] })\n}\n',
      'a policy read from a file': 'resource "aws_kms_key" "k" {\n  policy = file("${path.module}/policy.json")\n}\n',
      'broken HCL': 'resource "aws_kms_key" "k" {\n  policy = jsonencode({\n',
      'a KMS grant (not a policy)': 'resource "aws_kms_grant" "g" {\n  name              = "app"\n  key_id            = aws_kms_key.k.key_id\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Encrypt", "Decrypt", "GenerateDataKey"]\n  constraints {\n    encryption_context_equals = {\n      Department = "Finance"\n    }\n  }\n}\n',
      'a trust policy of an IAM role (heredoc)': 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = <<-EOF\n    {\n      "Version": "2012-10-17",\n      "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]\n    }\n  EOF\n}\n',
      'a tag policy of AWS Organizations that names kms': 'resource "aws_organizations_policy" "tags" {\n  name    = "tags"\n  type    = "TAG_POLICY"\n  content = jsonencode({ tags = { kms = { tag_key = { "@@assign" = "kms:owner" } } } })\n}\n',
      'a key policy document that merges in other documents (its statements are not all here)': 'resource "aws_kms_key" "k" {\n  policy = data.aws_iam_policy_document.k.json\n}\ndata "aws_iam_policy_document" "k" {\n  source_policy_documents = [data.aws_iam_policy_document.base.json]\n  statement {\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = [var.app]\n    }\n  }\n}\n',
    };
    for (const [name, text] of Object.entries(quiet)) {
      it(`${name}: no finding`, () => {
        assert.deepEqual(run(text), []);
      });
    }
  });

  describe('documents composed by Terraform (dynamic statements, merged documents)', () => {
    // The shape of the widely used KMS modules: optional statements in `dynamic "statement"` blocks, the key's
    // policy chosen with coalesce(), the document counted. Each written statement is checked; the whole is not.
    const module = (action: string): string => `resource "aws_kms_key" "this" {
  count  = var.create ? 1 : 0
  policy = coalesce(var.policy, data.aws_iam_policy_document.this[0].json)
}

data "aws_iam_policy_document" "this" {
  count                   = var.create ? 1 : 0
  source_policy_documents = var.source_policy_documents

  statement {
    sid       = "Default"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:\${local.partition}:iam::\${local.account_id}:root"]
    }
  }

  dynamic "statement" {
    for_each = length(var.key_users) > 0 ? [1] : []

    content {
      sid       = "KeyUsage"
      actions   = ["kms:Encrypt", "kms:Decrypt", "${action}", "kms:GenerateDataKey*"]
      resources = ["*"]
      principals {
        type        = "AWS"
        identifiers = var.key_users
      }
    }
  }
}
`;

    it('a mistake in a dynamic statement is found on its characters, and the document is read as the key\'s policy', () => {
      const text = module('kms:ReEncrypts*');
      assert.deepEqual(placed(text, run(text)), ['policy-unknown-action 25:55 "ReEncrypts*"']);
      const [policy] = policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
      assert.equal(policy.kind, 'keyPolicy');
      assert.equal(policy.fragment, 'statements');
    });

    it('the fine module raises nothing: no lockout or Version finding on a policy only partly written here', () => {
      assert.deepEqual(run(module('kms:ReEncrypt*')), []);
    });

    // A base document merged into the key's document by source_policy_documents: part of the key policy, not an
    // identity policy of its own (where kms:* on "*" would be "decrypt with every key").
    const merged = (action: string): string => `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Root"
    actions   = ["${action}"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

data "aws_iam_policy_document" "key" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  statement {
    sid       = "Use"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [var.app_role_arn]
    }
  }
}

resource "aws_kms_key" "k" {
  policy = data.aws_iam_policy_document.key.json
}
`;

    it('a document merged by source_policy_documents into a key policy is read as statements of that key policy', () => {
      const text = merged('kms:*');
      const policies = policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
      assert.deepEqual(policies.map((p) => [p.kind, p.fragment, p.decision.certain]), [['keyPolicy', 'statements', true], ['keyPolicy', 'statements', true]]);
      assert.deepEqual(placed(text, run(text)), []);
    });

    it('a mistake in the merged document is still found on its characters', () => {
      const text = merged('kms:Decrpyt');
      assert.deepEqual(placed(text, run(text)), ['policy-unknown-action 4:23 "Decrpyt"']);
    });
  });

  it('places findings on the right characters when a statement\'s arguments are in another order (effect after actions, values before variable)', () => {
    const text = `data "aws_iam_policy_document" "k" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      identifiers = ["arn:aws:iam::210987654321:root"]
      type        = "AWS"
    }
    sid = "Root"
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    effect    = "allow"
    condition {
      values   = ["s3.eu-west-9.amazonaws.com"]
      variable = "kms:ViaService"
      test     = "StringEquals"
    }
    principals {
      identifiers = ["arn:aws:iam::210987654321:role/App"]
      type        = "AWS"
    }
  }
}
resource "aws_kms_key" "k" {
  policy = data.aws_iam_policy_document.k.json
}
`;
    assert.deepEqual(placed(text, run(text).filter((f) => f.severity === 'error' || f.severity === 'warning')), [
      'policy-effect-invalid 14:17 "\\"allow\\""',
      'policy-via-service-invalid 16:23 "eu-west-9"',
    ]);
  });

  describe('principals { type = "*" }', () => {
    // The provider writes a lone `type = "*"`, `identifiers = ["*"]` block as "Principal": "*" (its documented way to
    // get that principal): not a principal type "*".
    const doc = (condition: string): string => `data "aws_iam_policy_document" "k" {
  statement {
    sid       = "Root"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
  }
  statement {
    sid       = "Org"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
${condition}  }
}

resource "aws_kms_key" "k" {
  policy = data.aws_iam_policy_document.k.json
}
`;

    it('is read as "Principal": "*": no invalid-type finding, and an organization condition keeps it quiet', () => {
      const text = doc('    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = [var.org_id]\n    }\n');
      const [p] = policiesOf(buildModel(text, HINTS, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }));
      assert.deepEqual(p.statements[1].principals.map((x) => x.value), ['*']);
      assert.deepEqual(placed(text, run(text)), []);
    });

    it('without a condition it is everyone, reported on the identifier', () => {
      const text = doc('');
      assert.deepEqual(placed(text, run(text)), ['policy-public-principal 17:22 "\\"*\\""']);
    });

    it('with another principals block beside it the provider writes {"*": [...]}, which stays an invalid type', () => {
      const text = doc('').replace('      identifiers = ["*"]\n    }\n', '      identifiers = ["*"]\n    }\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::210987654321:role/App"]\n    }\n');
      assert.ok(run(text).some((f) => f.code === 'policy-principal-invalid'));
    });
  });

  describe('heredocs with template directives', () => {
    const key = (body: string): string => `resource "aws_kms_key" "k" {
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "Root",
          "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::\${var.account_id}:root" },
          "Action": "kms:*",
          "Resource": "*"
        }%{ for arn in var.user_arns },
        {
          "Effect": "Allow",
          "Principal": { "AWS": ${body} },
          "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
          "Resource": "*"
        }%{ endfor }
      ]
    }
  EOT
}
`;

    it('a %{ for } loop around statements is read as the loop body once, not as JSON errors', () => {
      const text = key('"${arn}"');
      assert.deepEqual(placed(text, run(text)), []);
    });

    it('an unquoted ${...} value is an unknown value', () => {
      const text = key('${jsonencode(arn)}');
      assert.deepEqual(placed(text, run(text)), []);
    });

    it('a mistake in the loop body is found on the heredoc characters', () => {
      const text = key('"${arn}"').replace('"kms:Decrypt", "kms:GenerateDataKey"', '"kms:Decrypt", "kms:GenerateDatakeys"');
      assert.deepEqual(placed(text, run(text)), ['policy-unknown-action 16:42 "GenerateDatakeys"']);
    });
  });

  describe('a policy that jsonencode encodes a second time', () => {
    const DOCUMENT = `data "aws_iam_policy_document" "key" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::918273645501:root"]
    }
  }
}
`;
    const keyWith = (policy: string): string => `${DOCUMENT}\nresource "aws_kms_key" "data" {\n  policy = ${policy}\n}\n`;
    const doubled = (text: string): string[] => placed(text, run(text)).filter((f) => f.startsWith('terraform-policy-double-encoded'));

    it('jsonencode of a document\'s .json, a file, a templatefile or a quoted JSON string is an error on the call', () => {
      for (const inner of ['data.aws_iam_policy_document.key.json', 'data.aws_iam_policy_document.key[0].json', 'file("${path.module}/key-policy.json")', 'templatefile("key.json.tpl", { account = var.account })', '"{\\"Version\\": \\"2012-10-17\\"}"']) {
        const text = keyWith(`jsonencode(${inner})`);
        assert.deepEqual(doubled(text), [`terraform-policy-double-encoded 13:12 ${JSON.stringify(`jsonencode(${inner})`)}`], inner);
        const f = run(text).find((x) => x.code === 'terraform-policy-double-encoded');
        assert.equal(f?.severity, 'error');
        assert.match(f?.message ?? '', /already JSON text: jsonencode makes one JSON string of it, so the policy of aws_kms_key\.data is a string/);
      }
    });

    it('a key policy double-encoded from a file is found in a module that holds nothing else of ours', () => {
      const text = 'resource "aws_kms_key" "data" {\n  policy = jsonencode(file("key-policy.json"))\n}\n';
      assert.deepEqual(doubled(text), ['terraform-policy-double-encoded 2:12 "jsonencode(file(\\"key-policy.json\\"))"']);
      // Read for that rule alone: the reading names the module, without an empty list after "with".
      assert.equal(describeReading(analyze(text, HINTS).model), 'a Terraform module');
    });

    it('jsonencode of an HCL object, of a variable or a local, and a document passed as it is are not reported', () => {
      for (const policy of ['data.aws_iam_policy_document.key.json', 'jsonencode(var.key_policy)', 'jsonencode(local.key_policy)', 'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::918273645501:root" }, Action = "kms:*", Resource = "*" }] })']) {
        assert.deepEqual(doubled(keyWith(policy)), [], policy);
      }
    });

    it('a double-encoded bucket policy in a module with nothing about KMS stays silent', () => {
      const text = 'resource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode(file("bucket-policy.json"))\n}\n';
      assert.deepEqual(run(text), []);
    });
  });
});
