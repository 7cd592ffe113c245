/**
 * `npm run bench policy`: key policy analysis.
 * - a typical key policy (the console's four-statement policy), in process after warm-up;
 * - a 32 KB key policy (many principals and statements), in process after warm-up;
 * - a 1 MB policy (far over the quota: the size a generated or pasted policy can reach), in process;
 * - 2,000 policy files in one `kms-lens check` run, each in its own Node process.
 * Each is reported as ms per policy and as a ratio to JSON.parse of the same text in
 * the same run (goals, issue 13: at most 0.3 ms per policy in the 2,000-policy run,
 * at most 1 s per MB for the 1 MB policy).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { rng } from './generateLog';
import { BENCH_DIR, CLI, measureNode, ROOT, timeCall } from './harness';
import { recordTarget } from './targets';

function account(r: () => number): string {
  return String(100000000000 + Math.floor(r() * 899999999999));
}

const TYPICAL = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'corpus', 'awsdocs', 'key-policy-overview-3.json'), 'utf8');

/**
 * A key policy just under `maxBytes` (32 KB, the key policy quota, by default): the root statement,
 * administrators, and many per-role usage statements with conditions.
 */
export function largePolicy(maxBytes = 32 * 1024 - 64): string {
  const r = rng(32);
  const acct = account(r);
  const statements: unknown[] = [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'kms:*', Resource: '*' },
    { Sid: 'Allow access for Key Administrators', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${acct}:role/KeyAdmin`] }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'], Resource: '*' },
  ];
  const policy = (list: unknown[]): string => JSON.stringify({ Version: '2012-10-17', Id: 'key-consolepolicy-3', Statement: list }, null, 2);
  // Each statement's own size, so the whole is stringified once rather than once per statement.
  let size = Buffer.byteLength(policy(statements));
  for (let i = 0; ; i++) {
    const statement = {
      Sid: `AllowUseByService${i}`,
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${account(r)}:role/service-${i}`, `arn:aws:iam::${acct}:role/app-${i}`] },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `s3.us-west-2.amazonaws.com`, [`kms:EncryptionContext:app-${i}`]: `value-${i}` } },
    };
    // Indented as in the policy (two levels), plus the comma and line break between statements.
    const added = Buffer.byteLength(JSON.stringify([[statement]], null, 2)) - 12 + 2;
    if (size + added > maxBytes) break;
    statements.push(statement);
    size += added;
  }
  return policy(statements);
}

/** 2,000 varied policies (key and IAM policies, some with mistakes), one file each. */
function writePolicies(dir: string, count: number): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const r = rng(2000);
  for (let i = 0; i < count; i++) {
    const acct = account(r);
    const key = `arn:aws:kms:us-west-2:${acct}:key/${'1234abcd-12ab-34cd-56ef-1234567890ab'}`;
    let policy: unknown;
    switch (i % 4) {
      case 0:
        policy = JSON.parse(TYPICAL.replace(/111122223333/g, acct).replace(/444455556666/g, account(r)));
        break;
      case 1:
        policy = { Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'kms:*', Resource: '*' }] };
        break;
      case 2:
        policy = { Version: '2012-10-17', Statement: [{ Sid: 'AppDecrypt', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], Resource: key, Condition: { StringEquals: { 'kms:ViaService': 'deadline.us-west-2.amazonaws.com' } } }] };
        break;
      default:
        // A policy with typical mistakes, so the run also builds findings and fixes.
        policy = { Version: '2012-10-17', Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'kms:*', Resource: '*' }, { Sid: 'Use', Effect: 'allow', Principal: { AWS: '*' }, Action: ['kms:Decrpyt', 'kms:Get*', 'kms:GetKeyPolicy'], Resource: key, Condition: { StringEquals: { 'kms:GrantOperations': 'Decrypt' } } }] };
    }
    fs.writeFileSync(path.join(dir, `policy-${String(i).padStart(4, '0')}.json`), JSON.stringify(policy, null, 2) + '\n');
  }
}

export function run(): void {
  const hints = { languageId: 'json', fileName: 'policy.json' };
  const large = largePolicy();
  const rows: string[] = [];
  for (const [label, text, iterations] of [['typical key policy', TYPICAL, 4000], ['32 KB key policy', large, 200]] as const) {
    if (analyze(text, hints).findings.some((f) => f.code === 'meta-internal-error')) throw new Error(`a rule failed on the ${label}`);
    const ms = timeCall(() => analyze(text, hints), iterations);
    const parse = timeCall(() => JSON.parse(text), iterations * 5);
    rows.push(`| ${label} (${Buffer.byteLength(text)} bytes) | ${ms.toFixed(3)} | ${parse.toFixed(4)} | ${(ms / parse).toFixed(0)} |`);
  }
  const huge = largePolicy(1024 * 1024);
  const hugeMs = timeCall(() => analyze(huge, hints), 3, 1);
  const hugeParse = timeCall(() => JSON.parse(huge), 20);
  rows.push(`| 1 MB policy (${Buffer.byteLength(huge)} bytes) | ${hugeMs.toFixed(1)} | ${hugeParse.toFixed(3)} | ${(hugeMs / hugeParse).toFixed(0)} |`);
  console.log('\nKey policy analysis in process, after warm-up (median ms per call)');
  console.log('| input | analyze ms | JSON.parse ms | x JSON.parse |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(r);
  recordTarget('one 1 MB policy: analysis time per MB', hugeMs / 1000 / (Buffer.byteLength(huge) / (1024 * 1024)), 1, ' s per MB');

  const count = 2000;
  const dir = path.join(BENCH_DIR, 'policies-2000');
  writePolicies(dir, count);
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  const listFile = path.join(BENCH_DIR, 'policies-2000.list.json');
  fs.writeFileSync(listFile, JSON.stringify(files));
  const parse = measureNode('node: read + JSON.parse 2,000 files (baseline)', ['-e', `for (const f of JSON.parse(require('fs').readFileSync(${JSON.stringify(listFile)}, 'utf8'))) JSON.parse(require('fs').readFileSync(f, 'utf8'))`]);
  const check = measureNode('kms-lens check --format json (2,000 files)', [CLI, 'check', '--format', 'json', dir]);
  console.log(`\n${count} policies in one CLI run (median of 3 runs, whole process)`);
  console.log('| command | total ms | ms per policy | x baseline | peak MB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const m of [parse, check]) {
    console.log(`| ${m.label} | ${m.ms.toFixed(0)} | ${(m.ms / count).toFixed(3)} | ${(m.ms / parse.ms).toFixed(2)} | ${m.maxRssMB.toFixed(0)} |`);
  }
  recordTarget('2,000 policies in one kms-lens check run: time per policy', check.ms / count, 0.3, ' ms per policy', 3);
}
