/**
 * Completions inside policies written in CloudFormation YAML and Terraform
 * (issue 17): what the editor offers where the cursor is, on which exact
 * characters, and that accepting an item leaves YAML that parses and HCL
 * that tree-sitter reads without an error, in the style the user wrote.
 * Nowhere else in such files: not outside a policy, not in templates and
 * modules without one.
 */
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { getKmsLensService, DEFAULT_SETTINGS, type CompletionItem } from '../../src/core';
import { terraformParser } from '../../src/core/terraform/parser';
import { locateWasm } from '../../src/cli/wasm';

const service = getKmsLensService();
const YAML = { languageId: 'yaml', fileName: 'stack.yaml' };
const TF = { languageId: 'terraform', fileName: 'main.tf' };

/** Text with `|` marking the cursor. */
function at(marked: string, hints: typeof YAML): { text: string; offset: number; items: CompletionItem[] } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no cursor mark');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const model = service.parse(text, hints, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  return { text, offset, items: service.complete(model, offset) };
}

/** A snippet as VS Code inserts it when the user accepts the defaults. */
function expand(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\\([\\$}])/g, '$1');
}

function accept(text: string, items: CompletionItem[], label: string): { item: CompletionItem; result: string } {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item "${label}" among ${items.slice(0, 10).map((i) => i.label).join(', ')}...`);
  return { item, result: text.slice(0, item.start) + (item.snippet ? expand(item.insertText) : item.insertText) + text.slice(item.end) };
}

function yamlParses(text: string): void {
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors.map((e) => e.message), []);
}

function hclParses(text: string): void {
  const tree = terraformParser()!.parse(text)!;
  try {
    assert.equal(tree.rootNode.hasError, false, text);
  } finally {
    tree.delete();
  }
}

const template = (statement: string): string => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
${statement}`;

const BLOCK = `          - Sid: Use
            Effect: Allow
            Principal:
              AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:role/App"
            Action:
              - kms:Decrypt
              - ACTION
            Resource: "*"
            Condition:
              OPERATOR:
                KEY: s3.us-west-2.amazonaws.com
`;

describe('completions in YAML and Terraform policies', () => {
  before(() => service.prepareFormats(locateWasm));

  describe('CloudFormation YAML', () => {
    it('an action in a block list: the plain scalar being typed is replaced by a plain scalar', () => {
      const { text, items, offset } = at(template(BLOCK.replace('ACTION', 'kms:Gen|').replace('OPERATOR', 'StringEquals').replace('KEY', 'kms:ViaService')), YAML);
      const { item, result } = accept(text, items, 'kms:GenerateDataKey');
      assert.deepEqual([item.start, item.end, item.insertText], [offset - 'kms:Gen'.length, offset, 'kms:GenerateDataKey']);
      assert.match(result, /\n {14}- kms:GenerateDataKey\n/);
      yamlParses(result);
      // The action inserted is one KMS knows, in its canonical case.
      const codes = service.findings(service.parse(result, YAML, { maxFileSize: DEFAULT_SETTINGS.maxFileSize })).map((f) => f.code);
      assert.ok(!codes.includes('policy-unknown-action') && !codes.includes('policy-noncanonical-case'), codes.join());
      assert.ok(service.findings(service.parse(text, YAML, { maxFileSize: DEFAULT_SETTINGS.maxFileSize })).some((f) => f.code === 'policy-unknown-action'));
    });

    it('a quoted action keeps its quotes, double or single', () => {
      for (const q of ['"', "'"]) {
        const { text, items, offset } = at(template(BLOCK.replace('ACTION', `${q}kms:Gen|${q}`).replace('OPERATOR', 'StringEquals').replace('KEY', 'kms:ViaService')), YAML);
        const { item, result } = accept(text, items, 'kms:GenerateDataKey');
        assert.deepEqual([item.start, item.end, item.insertText, item.filterText], [offset - 'kms:Gen'.length - 1, offset + 1, `${q}kms:GenerateDataKey${q}`, `${q}kms:GenerateDataKey`]);
        yamlParses(result);
      }
    });

    it('an action in a flow list', () => {
      const { text, items, offset } = at(template('          - { Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: [kms:Decrypt, kms:Re|], Resource: "*" }\n'), YAML);
      const { item, result } = accept(text, items, 'kms:ReEncryptFrom');
      assert.deepEqual([item.start, item.end], [offset - 'kms:Re'.length, offset]);
      assert.match(result, /Action: \[kms:Decrypt, kms:ReEncryptFrom\]/);
      yamlParses(result);
    });

    it('a condition operator and a condition key as mapping keys', () => {
      const op = at(template(BLOCK.replace('ACTION', 'kms:Encrypt').replace('OPERATOR', 'StringEq|').replace('KEY', 'kms:ViaService')), YAML);
      const a = accept(op.text, op.items, 'StringEquals');
      assert.deepEqual([a.item.start, a.item.end, a.item.insertText], [op.offset - 'StringEq'.length, op.offset, 'StringEquals']);
      yamlParses(a.result);
      const key = at(template(BLOCK.replace('ACTION', 'kms:Encrypt').replace('OPERATOR', 'StringEquals').replace('KEY', 'kms:Via|')), YAML);
      const b = accept(key.text, key.items, 'kms:ViaService');
      assert.deepEqual([b.item.start, b.item.end, b.item.insertText], [key.offset - 'kms:Via'.length, key.offset, 'kms:ViaService']);
      yamlParses(b.result);
    });

    it('a principal type', () => {
      const { text, items, offset } = at(template(BLOCK.replace('AWS: !Sub', 'Serv|: !Sub').replace('ACTION', 'kms:Encrypt').replace('OPERATOR', 'StringEquals').replace('KEY', 'kms:ViaService')), YAML);
      const { item, result } = accept(text, items, 'Service');
      assert.deepEqual([item.start, item.end, item.insertText], [offset - 'Serv'.length, offset, 'Service']);
      yamlParses(result);
    });

    it('nothing outside a policy, nor in a template without one', () => {
      assert.deepEqual(at(template(BLOCK.replace('ACTION', 'kms:Encrypt').replace('OPERATOR', 'StringEquals').replace('KEY', 'kms:ViaService')).replace('Type: AWS::KMS::Key', 'Type: AWS::KMS::K|ey'), YAML).items, []);
      const bucket = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: kms:Gen|\n';
      assert.deepEqual(at(bucket, YAML).items, []);
      const workflow = 'on: push\njobs:\n  build:\n    steps:\n      - run: echo kms:Gen|\n';
      assert.deepEqual(at(workflow, YAML).items, []);
    });
  });

  describe('Terraform', () => {
    const document = (body: string): string => `resource "aws_kms_key" "k" {\n  description = "kms:Enc"\n  policy      = data.aws_iam_policy_document.k.json\n}\n\ndata "aws_iam_policy_document" "k" {\n  statement {\n${body}  }\n}\n`;
    const STATEMENT = '    actions   = ["kms:Decrypt", ACTION]\n    resources = ["*"]\n    principals {\n      type        = TYPE\n      identifiers = [ID]\n    }\n    condition {\n      test     = TEST\n      variable = VARIABLE\n      values   = ["s3.us-west-2.amazonaws.com"]\n    }\n';
    const fill = (over: Record<string, string>): string => {
      const values: Record<string, string> = { ACTION: '"kms:Encrypt"', TYPE: '"AWS"', ID: '"arn:aws:iam::111122223333:root"', TEST: '"StringEquals"', VARIABLE: '"kms:ViaService"', ...over };
      return document(STATEMENT.replace(/ACTION|TYPE|ID|TEST|VARIABLE/g, (k) => values[k]));
    };

    for (const [place, over, typed, label] of [
      ['an action in `actions`', { ACTION: '"kms:Gen|"' }, 'kms:Gen', 'kms:GenerateDataKey'],
      ['a condition operator in `test`', { TEST: '"StringEq|"' }, 'StringEq', 'StringEquals'],
      ['a condition key in `variable`', { VARIABLE: '"kms:Via|"' }, 'kms:Via', 'kms:ViaService'],
      ['a principal type in `type`', { TYPE: '"Serv|"' }, 'Serv', 'Service'],
    ] as const) {
      it(`${place} of an aws_iam_policy_document: the HCL string is replaced by an HCL string`, () => {
        const { text, items, offset } = at(fill(over), TF);
        const { item, result } = accept(text, items, label);
        assert.deepEqual([item.start, item.end, item.insertText, item.filterText], [offset - typed.length - 1, offset + 1, `"${label}"`, `"${label}`]);
        hclParses(result);
      });
    }

    it('a principal form in `identifiers` is a snippet with the account as a tab stop', () => {
      const { text, items, offset } = at(fill({ ID: '"arn|"' }), TF);
      const root = items.find((i) => i.label.endsWith(':root'));
      assert.ok(root);
      assert.deepEqual([root.start, root.end, root.snippet], [offset - 4, offset + 1, true]);
      assert.match(root.insertText, /^"arn:aws:iam::\$\{1:\d{12}\}:root"$/);
      hclParses(accept(text, items, root.label).result);
    });

    it('jsonencode: an action in a tuple and a condition operator as an object key', () => {
      const policy = (action: string, operator: string): string => `resource "aws_kms_key" "k" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = var.admin }\n      Action    = ["kms:Decrypt", ${action}]\n      Resource  = "*"\n      Condition = { ${operator} = { "kms:ViaService" = "s3.us-west-2.amazonaws.com" } }\n    }]\n  })\n}\n`;
      const a = at(policy('"kms:Gen|"', '"StringEquals"'), TF);
      const x = accept(a.text, a.items, 'kms:GenerateDataKey');
      assert.deepEqual([x.item.start, x.item.end, x.item.insertText], [a.offset - 8, a.offset + 1, '"kms:GenerateDataKey"']);
      hclParses(x.result);
      const b = at(policy('"kms:Encrypt"', '"StringEq|"'), TF);
      const y = accept(b.text, b.items, 'StringEquals');
      assert.deepEqual([y.item.start, y.item.end, y.item.insertText], [b.offset - 9, b.offset + 1, '"StringEquals"']);
      hclParses(y.result);
    });

    it('a heredoc: the JSON string is replaced as in a JSON policy', () => {
      const { text, items, offset } = at('resource "aws_kms_key" "k" {\n  policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:Re|", "Resource": "*"}]\n}\nEOF\n}\n', TF);
      const { item, result } = accept(text, items, 'kms:ReEncryptFrom');
      assert.deepEqual([item.start, item.end, item.insertText], [offset - 7, offset + 1, '"kms:ReEncryptFrom"']);
      hclParses(result);
      const codes = service.findings(service.parse(result, TF, { maxFileSize: DEFAULT_SETTINGS.maxFileSize })).map((f) => f.code);
      assert.ok(!codes.includes('policy-unknown-action'), codes.join());
      assert.ok(service.findings(service.parse(text, TF, { maxFileSize: DEFAULT_SETTINGS.maxFileSize })).some((f) => f.code === 'policy-unknown-action'));
    });

    it('nothing outside a policy, nor in a module without one', () => {
      assert.deepEqual(at(fill({}).replace('description = "kms:Enc"', 'description = "kms:Enc|"'), TF).items, []);
      assert.deepEqual(at('resource "aws_s3_bucket" "b" {\n  bucket = "kms:Gen|"\n}\n', TF).items, []);
    });
  });
});
