/** `kms-lens grants`, run as users run it: the bundled dist/cli.js in a child process. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, runCli as run } from './helpers';

const SEEDS = path.join(FIXTURES, 'corpus', 'seeds');
const SAMPLE = path.join(FIXTURES, 'workspace', 'grants');

const GRANT_FIELDS = ['grantId', 'status', 'granteePrincipal', 'retiringPrincipal', 'operations', 'constraints', 'createdAt', 'createdBy', 'retiredAt', 'revokedAt', 'events', 'uses'];

describe('kms-lens grants', () => {
  it('prints the JSON shape of the issue for the Fargate seed events', () => {
    const r = run(['grants', '--format', 'json', 'fargate-creategrant.json', 'fargate-creategrant-dryrun.json', 'fargate-retiregrant.json'], SEEDS);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['keys', 'attempts']);
    assert.equal(out.keys.length, 1);
    assert.deepEqual(Object.keys(out.keys[0]), ['keyArn', 'aliases', 'state', 'stateSince', 'deletion', 'rotation', 'lifecycle', 'refused', 'multiRegion', 'metadata', 'grants']);
    assert.deepEqual(out.keys[0], { ...out.keys[0], state: null, stateSince: null, deletion: null, rotation: null, lifecycle: [], refused: [] }, 'no lifecycle event in these logs');
    assert.equal(out.keys[0].keyArn, 'arn:aws:kms:us-west-2:account-id:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111');
    const [g] = out.keys[0].grants;
    assert.deepEqual(Object.keys(g), GRANT_FIELDS);
    assert.deepEqual(g, {
      grantId: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      status: 'retired',
      granteePrincipal: 'fargate.us-west-2.amazonaws.com',
      retiringPrincipal: 'ec2.us-west-2.amazonaws.com',
      operations: ['Decrypt'],
      constraints: { encryptionContextSubset: { 'aws:ecs:clusterAccount': 'account-id', 'aws:ebs:id': 'vol-xxxx', 'aws:ecs:clusterName': 'cluster-name' } },
      createdAt: '2024-04-23T18:08:13Z',
      createdBy: 'ec2-frontend-api.amazonaws.com',
      retiredAt: '2024-04-20T18:37:38Z',
      revokedAt: null,
      events: [{ file: 'fargate-retiregrant.json', line: 1 }, { file: 'fargate-creategrant.json', line: 1 }],
      uses: 0,
    });
    assert.equal(out.attempts.length, 1);
    assert.equal(out.attempts[0].keyArn, out.keys[0].keyArn);
    assert.equal(out.attempts[0].errorCode, 'DryRunOperationException');
    assert.deepEqual(out.attempts[0].events, [{ file: 'fargate-creategrant-dryrun.json', line: 1 }]);
  });

  it('gives each event its 1-based line, across a directory of logs and list-grants output', () => {
    const r = run(['grants', '--format', 'json', 'grants'], path.join(FIXTURES, 'workspace'));
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const grants = out.keys.flatMap((k: { grants: unknown[] }) => k.grants) as Array<{ grantId: string; status: string; uses: number; events: Array<{ file: string; line: number }> }>;
    const byId = new Map(grants.map((g) => [g.grantId, g]));
    const batch = byId.get('7c9f3a1e5b2d4c6a8e0f1b3d5c7e9a2b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c');
    assert.equal(batch?.status, 'revoked');
    assert.equal(batch?.uses, 1);
    const log = fs.readFileSync(path.join(SAMPLE, 'grants-cloudtrail.json'), 'utf8').split('\n');
    for (const e of batch?.events ?? []) {
      assert.equal(e.file, path.join('grants', 'grants-cloudtrail.json'));
      assert.equal(log[e.line - 1].trim(), '{', `line ${e.line} starts an event`);
    }
    assert.equal(byId.get('0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60')?.status, 'active', 'the list-grants entry');
    assert.deepEqual(grants.map((g) => g.status).sort(), ['active', 'active', 'active', 'retired', 'revoked']);
    assert.deepEqual(out.attempts.map((a: { errorCode: string }) => a.errorCode), ['DryRunOperationException', 'AccessDenied']);
  });

  it('a Terraform module among the logs is not what grants reads, not a file the parser failed on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-grants-tf-'));
    try {
      fs.copyFileSync(path.join(SAMPLE, 'grants-cloudtrail.json'), path.join(dir, 'grants-cloudtrail.json'));
      fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_kms_grant" "app" {\n  key_id            = aws_kms_key.app.key_id\n  grantee_principal = aws_iam_role.app.arn\n  operations        = ["Decrypt"]\n}\n');
      for (const args of [['grants', dir], ['grants', path.join(dir, 'main.tf'), path.join(dir, 'grants-cloudtrail.json')]]) {
        const r = run(args);
        assert.equal(r.code, 0, r.stderr);
        assert.doesNotMatch(r.stderr, /Terraform parser did not load/);
        assert.match(r.stderr, /skipped .*main\.tf: not CloudTrail events, list-grants output/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a readable tree: key, grants with status and details, attempts, other uses', () => {
    const r = run(['grants', SAMPLE]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.ok(lines.includes('key arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab (alias/app-data)'), r.stdout);
    assert.ok(lines.includes('├─ grant 7c9f3a1e5b2d4c6a8e0f1b3d5c7e9a2b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c [revoked]'), r.stdout);
    assert.ok(lines.includes('│  ├─ constraints: encryption context equals project=alpha'), r.stdout);
    assert.ok(lines.some((l) => /^├─ attempt: CreateGrant AccessDenied 2024-05-03 17:45:09 UTC by arn:aws:iam::111122223333:user\/Bob \(.*grants-cloudtrail\.json:\d+\)$/.test(l)), r.stdout);
    assert.ok(lines.includes('└─ 2 uses not through a grant in these logs'), r.stdout);
    // One date format, in UTC: the list-grants CreationDate (logged with +00:00) reads as every other date.
    assert.ok(lines.some((l) => /^│ {2}├─ created 2023-11-20 14:02:51 UTC \(listed by list-grants, .*list-grants\.json:\d+\)$/.test(l)), r.stdout);
    assert.doesNotMatch(r.stdout, /\d{4}-\d\d-\d\dT\d\d:\d\d|\+00:00/, 'no date as logged in the text report');
    assert.ok(lines.includes('│  ├─ created before these logs'), r.stdout);
    assert.match(r.stdout, /^5 grants \(3 active\) on 2 keys, 2 attempts, in 2 files$/m);
  });

  it('prints an empty report for files with no grants (with --allow-empty: nothing was analysed)', () => {
    const r = run(['grants', '--format', 'json', '--allow-empty', path.join(FIXTURES, 'workspace', 'policies')]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), { keys: [], attempts: [] });
  });

  it('exits 2 for a missing file and still reports the others; and on usage errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-grants-'));
    fs.copyFileSync(path.join(SEEDS, 'deadline-creategrant.json'), path.join(dir, 'a.json'));
    const r = run(['grants', '--format', 'json', path.join(dir, 'missing.json'), path.join(dir, 'a.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing\.json: no such file or directory/);
    assert.equal(JSON.parse(r.stdout).keys[0].grants[0].status, 'active');
    assert.equal(run(['grants']).code, 2);
    assert.equal(run(['grants', '--format', 'sarif', 'x.json']).code, 2);
  });
});
