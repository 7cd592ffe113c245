/**
 * Editing a policy near KMS's 32 KB limit: what each keystroke-level feature
 * costs in the extension host (in-process, median ms per call), against
 * `JSON.parse` of the same text in the same run.
 */
import { buildModel, DEFAULT_SETTINGS, fixAll } from '../../src/core';
import { hoverAt } from '../../src/core/hover';
import { completionsAt } from '../../src/core/policy/complete';
import { statementLenses } from '../../src/core/policy/summary';
import { timeCall } from './harness';

/** A key policy of about 32 KB: the console's statements, repeated with different roles. */
function bigPolicy(): string {
  const statements: object[] = [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }];
  for (let i = 0; JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2).length < 31_000; i++) {
    statements.push({
      Sid: `Use${i}`, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::111122223333:role/App${i}`, 'arn:aws:iam::444455556666:root'] },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `ec2.us-west-2.amazonaws.com`, 'kms:CallerAccount': '111122223333' } },
    });
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

export function run(): void {
  const text = bigPolicy();
  const hints = { languageId: 'json', fileName: 'policy.json' };
  const options = { maxFileSize: DEFAULT_SETTINGS.maxFileSize };
  const model = buildModel(text, hints, options);
  const lastCondition = text.lastIndexOf('"kms:CallerAccount"');
  const inAction = text.lastIndexOf('"kms:Decrypt"') + 3;
  const broken = text.replace(/"kms:DescribeKey"\n/g, (m, offset: number) => (offset % 3 === 0 ? m : `"kms:DescribeKey",\n`));

  const rows: Array<[string, number]> = [
    ['JSON.parse (baseline)', timeCall(() => JSON.parse(text), 200)],
    ['buildModel (tolerant tree + syntax)', timeCall(() => buildModel(text, hints, options), 100)],
    ['completions: condition keys (last statement)', timeCall(() => completionsAt(model, lastCondition), 200)],
    ['completions: actions (last statement)', timeCall(() => completionsAt(model, inAction), 200)],
    ['hover: action (last statement)', timeCall(() => hoverAt(model, inAction), 200)],
    ['hover: condition key (last statement)', timeCall(() => hoverAt(model, lastCondition + 2), 200)],
    ['CodeLens summaries (every statement)', timeCall(() => statementLenses(model), 50)],
    ['fix-all (trailing commas in most statements)', timeCall(() => fixAll(broken, hints, DEFAULT_SETTINGS), 10, 2)],
  ];
  // Sub-millisecond figures: printed with three decimals, not through the harness's whole-ms table.
  console.log(`\nEditing a ${(text.length / 1024).toFixed(1)} KB key policy (${statementLenses(model).length} statements), in-process`);
  console.log('| operation | median ms | x JSON.parse |');
  console.log('|---|---:|---:|');
  for (const [label, ms] of rows) console.log(`| ${label} | ${ms.toFixed(3)} | ${(ms / rows[0][1]).toFixed(1)} |`);
}
