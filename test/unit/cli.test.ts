import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// The CLI is tested as users run it: the bundled dist/cli.js in a child process (runCli).
import { CLI, FIXTURES, runCli as run } from './helpers';

const SEEDS = path.join(FIXTURES, 'corpus', 'seeds');

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-cli-'));
}

describe('kms-lens check', () => {
  it('exits 1 and prints compiler-style lines when a file has an error', () => {
    const file = path.join(SEEDS, 'deadline-policy-read-write.json');
    const r = run(['check', file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:159 error json-trailing-comma `, 'm'));
  });

  it('exits 0 on a clean file', () => {
    const r = run(['check', path.join(FIXTURES, 'workspace', 'policies', 'default-key-policy.json')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it('prints JSON findings with 0-based ranges and the file as given', () => {
    const r = run(['check', '--format', 'json', 'seeds'], path.join(FIXTURES, 'corpus'));
    const out = JSON.parse(r.stdout);
    const trailing = out.find((f: { code: string }) => f.code === 'json-trailing-comma');
    assert.deepEqual(trailing, {
      file: path.join('seeds', 'deadline-policy-read-write.json'),
      severity: 'error',
      code: 'json-trailing-comma',
      message: trailing.message,
      range: { start: { line: 0, character: 158 }, end: { line: 0, character: 159 } },
    });
  });

  it('writes SARIF 2.1.0 with the rule described', () => {
    const r = run(['check', '--format', 'sarif', path.join(SEEDS, 'deadline-policy-read-write.json')]);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'json-trailing-comma');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 1, startColumn: 159, endLine: 1, endColumn: 160 });
    assert.ok(sarif.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'json-trailing-comma'));
  });

  it('applies a severity override and turns a rule off', () => {
    const file = path.join(SEEDS, 'deadline-policy-read-write.json');
    // The seed's other error (its arn:aws::kms: ARN) is turned off so that the exit status shows the override alone.
    const warn = run(['check', '--format', 'json', '--rule', 'json-trailing-comma=warning', '--rule', 'policy-arn-malformed=off', file]);
    assert.equal(warn.code, 0);
    assert.ok(JSON.parse(warn.stdout).some((f: { code: string; severity: string }) => f.code === 'json-trailing-comma' && f.severity === 'warning'));
    const off = run(['check', '--format', 'json', '--rule', 'json-trailing-comma=off', file]);
    assert.ok(!JSON.parse(off.stdout).some((f: { code: string }) => f.code === 'json-trailing-comma'));
  });

  it('--fix writes the repaired file, and leaves an unchanged file untouched', () => {
    const dir = tmpDir();
    const broken = path.join(dir, 'broken.json');
    const clean = path.join(dir, 'clean.json');
    fs.copyFileSync(path.join(SEEDS, 'deadline-policy-read-write.json'), broken);
    fs.copyFileSync(path.join(FIXTURES, 'workspace', 'policies', 'default-key-policy.json'), clean);
    const before = fs.statSync(clean).mtimeMs;
    const r = run(['check', '--fix', '--format', 'json', dir]);
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(broken, 'utf8')));
    assert.ok(!JSON.parse(r.stdout).some((f: { code: string }) => f.code === 'json-trailing-comma'));
    assert.equal(fs.statSync(clean).mtimeMs, before);
  });

  it('walks directories for .json, .jsonl, .ndjson and .log, skipping node_modules', () => {
    const dir = tmpDir();
    const bad = '{"Version":"2012-10-17","Statement":[],}';
    for (const f of ['a.json', 'b.jsonl', 'c.ndjson', 'd.log', 'e.txt', 'node_modules/f.json']) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), f.endsWith('.json') ? bad : '{"eventVersion":"1.08","eventSource":"kms.amazonaws.com","eventName":"Decrypt",}\n');
    }
    const files = new Set(JSON.parse(run(['check', '--format', 'json', dir]).stdout).map((f: { file: string }) => path.basename(f.file)));
    assert.deepEqual([...files].sort(), ['a.json', 'b.jsonl', 'c.ndjson', 'd.log']);
  });

  it('exits 2 with a clear message for a missing file, and still checks the others', () => {
    const r = run(['check', '--format', 'json', path.join(SEEDS, 'no-such-file.json'), path.join(SEEDS, 'deadline-policy-read-write.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no-such-file\.json: no such file or directory/);
    const out = JSON.parse(r.stdout) as Array<{ file: string; code: string }>;
    assert.ok(out.length > 0 && out.every((f) => f.file.endsWith('deadline-policy-read-write.json')));
    assert.ok(out.some((f) => f.code === 'json-trailing-comma'));
  });

  it('exits 2 on usage errors', () => {
    assert.equal(run([]).code, 2);
    assert.equal(run(['check']).code, 2);
    assert.equal(run(['check', '--format', 'xml', 'x.json']).code, 2);
    assert.equal(run(['check', '--rule', 'no-such-rule=off', 'x.json']).code, 2);
    assert.equal(run(['frobnicate']).code, 2);
    assert.match(run(['frobnicate']).stderr, /unknown command "frobnicate"/);
    assert.equal(run(['check', '--kind', 'x.json=bucketPolicy', 'x.json']).code, 2);
    assert.match(run(['check', '--kind', 'x.json', 'x.json']).stderr, /--kind expects GLOB=KIND/);
  });

  it('says after each file what it was read as, in the text format', () => {
    const r = run(['check', 'trust', 'resource/sqs-queue-policy.json', 'template'], path.join(FIXTURES, 'kinds'));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`^${path.join('trust', 'lambda-execution-role-trust.json').replace(/\\/g, '\\\\')}: read as an IAM role trust policy, 0 findings$`, 'm'));
    assert.match(r.stdout, /^resource\/sqs-queue-policy\.json: read as an SQS queue policy, 0 findings$/m);
    assert.match(r.stdout, /: read as a CloudFormation template with a KMS key policy, an IAM identity policy or permissions boundary, an S3 bucket policy, 0 findings$/m);
  });

  it('--kind reads the files a glob matches as that kind, as kmsLens.policyKinds does', () => {
    const dir = tmpDir();
    // One role's statement: a key policy or a KMS VPC endpoint policy, so the content alone leaves it open.
    fs.mkdirSync(path.join(dir, 'endpoints'));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/App' }, Action: 'kms:Decrypt', Resource: '*' }] });
    fs.writeFileSync(path.join(dir, 'endpoints', 'kms.json'), policy);
    const plain = run(['check', 'endpoints'], dir);
    assert.equal(plain.code, 0);
    assert.match(plain.stdout, /information policy-lockout-risk .*not sure this is a KMS key policy/);
    assert.match(plain.stdout, /kms\.json: read as a KMS key policy \(not sure: what depends on the kind is shown as information at most\), 1 finding$/m);
    const asEndpoint = run(['check', '--kind', 'endpoints/**=vpcEndpointPolicy', 'endpoints'], dir);
    assert.match(asEndpoint.stdout, /kms\.json: read as a VPC endpoint policy, 0 findings$/m);
    const asKey = run(['check', '--kind', '*.json=keyPolicy', 'endpoints'], dir);
    assert.match(asKey.stdout, /warning policy-lockout-risk /);
  });
});

describe('kms-lens output into a pipe that closes early', () => {
  it('stops quietly, without a stack trace, when the reader goes away (`kms-lens format LOG | head`)', () => {
    // Far more output than a pipe's buffer holds, so the writes after `head` exits fail with EPIPE.
    const event = { eventVersion: '1.08', eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', awsRegion: 'us-east-1', eventTime: '2024-04-23T18:08:11Z', userIdentity: { type: 'AWSService', invokedBy: 's3.amazonaws.com' }, recipientAccountId: '210987654321' };
    const file = path.join(tmpDir(), 'big.json');
    fs.writeFileSync(file, JSON.stringify({ Records: Array.from({ length: 5000 }, (_, i) => ({ ...event, eventID: `id-${i}` })) }));
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" format "${file}" | head -c 1 >/dev/null; echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /status 0\n$/);
  });
});
