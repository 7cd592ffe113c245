/**
 * `npm run bench formats`: policies where they are written (issue 17). A
 * CloudFormation template of about 5,000 lines holding 200 policies (key
 * policies with short-form tags, IAM managed policies), analysed as YAML and
 * as the same template in JSON, and the same policies in a Terraform file,
 * in the same run (goal: < 4x the JSON template).
 */
import { analyze, getKmsLensService } from '../../src/core';
import { locateWasm } from '../../src/cli/wasm';
import { timeCall } from './harness';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const POLICIES = 200;

interface Statement {
  Sid: string;
  Effect: string;
  Principal?: { AWS: string[] | { 'Fn::Sub': string } };
  Action: string[];
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

function statements(i: number): Statement[] {
  return [
    { Sid: 'EnableRoot', Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: ['kms:*'], Resource: '*' },
    { Sid: `Use${i}`, Effect: i % 10 === 0 ? 'allow' : 'Allow', Principal: { AWS: [`arn:aws:iam::210987654321:role/app-${i}`, `arn:aws:iam::210987654321:role/worker-${i}`] }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com', [`kms:EncryptionContext:app`]: `app-${i}` } } },
  ];
}

function yamlValue(v: unknown, indent: string): string {
  // Plain scalars where YAML allows them (not `*`, an alias), double quotes otherwise and for one Effect in two.
  if (typeof v === 'string') return /^[\w:/.-][\w:/.*-]*$/.test(v) && v !== 'Allow' ? v : JSON.stringify(v);
  if (Array.isArray(v)) return '\n' + v.map((x) => `${indent}- ${yamlValue(x, indent + '  ').trimStart()}`).join('\n');
  const o = v as Record<string, unknown>;
  if ('Fn::Sub' in o) return `!Sub ${JSON.stringify(o['Fn::Sub'])}`;
  return '\n' + Object.entries(o).map(([k, x]) => `${indent}${k}: ${yamlValue(x, indent + '  ')}`.replace(/: \n/, ':\n')).join('\n');
}

/** The same template as YAML (short-form `!Sub`) and as JSON (`Fn::Sub`). */
export function templates(): { yaml: string; json: string } {
  const resources: Record<string, unknown> = {};
  const yaml: string[] = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
  for (let i = 0; i < POLICIES; i++) {
    const key = i % 2 === 0;
    const policy = key
      ? { Version: '2012-10-17', Statement: statements(i) }
      : { Version: '2012-10-17', Statement: [{ Sid: `Read${i}`, Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: `arn:aws:kms:us-west-2:210987654321:key/1234abcd-12ab-34cd-56ef-${String(i).padStart(12, '0')}` }] };
    const name = key ? `Key${i}` : `Policy${i}`;
    const type = key ? 'AWS::KMS::Key' : 'AWS::IAM::ManagedPolicy';
    const slot = key ? 'KeyPolicy' : 'PolicyDocument';
    resources[name] = { Type: type, DeletionPolicy: 'Retain', Properties: { Description: `Resource ${i}`, Tags: [{ Key: 'team', Value: `team-${i % 7}` }], [slot]: policy } };
    yaml.push(`  ${name}:`, `    Type: ${type}`, '    DeletionPolicy: Retain', '    Properties:', `      Description: Resource ${i}`, '      Tags:', '        - Key: team', `          Value: team-${i % 7}`, `      ${slot}:${yamlValue(policy, '        ')}`);
  }
  return { yaml: yaml.join('\n') + '\n', json: JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2) + '\n' };
}

function hclValue(v: unknown, indent: string): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => hclValue(x, indent)).join(', ')}]`;
  const o = v as Record<string, unknown>;
  if ('Fn::Sub' in o) return JSON.stringify(String(o['Fn::Sub']).replace('${AWS::Partition}', 'aws').replace('${AWS::AccountId}', '${data.aws_caller_identity.current.account_id}'));
  const inner = indent + '  ';
  return `{\n${Object.entries(o).map(([k, x]) => `${inner}${/^[A-Za-z]+$/.test(k) ? k : JSON.stringify(k)} = ${hclValue(x, inner)}`).join('\n')}\n${indent}}`;
}

/** The same 200 policies in a Terraform file: key policies as jsonencode({...}), IAM policies as data aws_iam_policy_document blocks. */
export function terraform(): string {
  const out: string[] = ['data "aws_caller_identity" "current" {}', ''];
  for (let i = 0; i < POLICIES; i++) {
    if (i % 2 === 0) {
      out.push(`resource "aws_kms_key" "key${i}" {`, `  description = "Resource ${i}"`, '  deletion_window_in_days = 30', `  policy = jsonencode(${hclValue({ Version: '2012-10-17', Statement: statements(i) }, '  ')})`, '}', '');
    } else {
      out.push(`resource "aws_iam_policy" "policy${i}" {`, `  name = "policy-${i}"`, `  policy = data.aws_iam_policy_document.policy${i}.json`, '}', '');
      out.push(`data "aws_iam_policy_document" "policy${i}" {`, '  statement {', `    sid = "Read${i}"`, '    effect = "Allow"', '    actions = [', '      "kms:Decrypt",', '      "kms:DescribeKey",', '    ]');
      out.push(`    resources = ["arn:aws:kms:us-west-2:210987654321:key/1234abcd-12ab-34cd-56ef-${String(i).padStart(12, '0')}"]`, '  }', '}', '');
    }
  }
  return out.join('\n');
}

export async function run(): Promise<void> {
  await getKmsLensService().prepareFormats(locateWasm);
  const { yaml, json } = templates();
  const yamlHints = { languageId: 'yaml', fileName: 'stack.yaml' };
  const jsonHints = { languageId: 'json', fileName: 'stack.json' };
  const a = analyze(yaml, yamlHints);
  const b = analyze(json, jsonHints);
  if (a.model.kind !== 'cloudFormation' || a.findings.length !== b.findings.length || a.findings.some((f) => f.code === 'meta-internal-error')) {
    throw new Error(`the YAML template is not read as its JSON twin (${a.findings.length} findings, JSON ${b.findings.length})`);
  }
  // Interleaved rounds, so that a busy machine slows both alike.
  const yamlRounds: number[] = [];
  const jsonRounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    yamlRounds.push(timeCall(() => analyze(yaml, yamlHints), 4, 1));
    jsonRounds.push(timeCall(() => analyze(json, jsonHints), 4, 1));
  }
  const yamlMs = median(yamlRounds);
  const jsonMs = median(jsonRounds);
  const iterations = 20;
  const parseMs = timeCall(() => JSON.parse(json), iterations * 10, 20);
  console.log(`\nPolicies where they are written: ${POLICIES} policies, ${a.findings.length} findings (median ms per analysis, same run)`);
  console.log('| input | lines | ms | x same template as JSON | x JSON.parse |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| CloudFormation JSON | ${json.split('\n').length} | ${jsonMs.toFixed(1)} | 1.00 | ${(jsonMs / parseMs).toFixed(0)} |`);
  console.log(`| CloudFormation YAML | ${yaml.split('\n').length} | ${yamlMs.toFixed(1)} | ${(yamlMs / jsonMs).toFixed(2)} | ${(yamlMs / parseMs).toFixed(0)} |`);
  const tf = terraform();
  const tfHints = { languageId: 'terraform', fileName: 'main.tf' };
  const t = analyze(tf, tfHints);
  if (t.model.kind !== 'terraform' || t.findings.some((f) => f.code === 'meta-internal-error')) throw new Error('the Terraform file is not read');
  const tfRounds: number[] = [];
  const jsonAgain: number[] = [];
  for (let round = 0; round < 5; round++) {
    tfRounds.push(timeCall(() => analyze(tf, tfHints), 4, 1));
    jsonAgain.push(timeCall(() => analyze(json, jsonHints), 4, 1));
  }
  const tfMs = median(tfRounds);
  const json2 = median(jsonAgain);
  console.log(`| Terraform (${t.findings.length} findings) | ${tf.split('\n').length} | ${tfMs.toFixed(1)} | ${(tfMs / json2).toFixed(2)} | ${(tfMs / parseMs).toFixed(0)} |`);
}
