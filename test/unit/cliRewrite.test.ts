/**
 * `kms-lens format` and `kms-lens redact` (issue 13 point 3), and no silent
 * skips (point 4): no size limit unless one is asked for, and a file skipped
 * for a limit is said on stderr with exit 2, --quiet or not. Run as users run
 * it: the bundled dist/cli.js in a child process.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, runCli as run } from './helpers';

const LOGS = path.join(FIXTURES, 'workspace', 'logs');
const LOG = path.join(LOGS, 'fargate-log.json');
const ACCOUNT = '111122223333';
const EVENT = {
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
  eventTime: '2024-05-02T09:15:13Z',
  eventSource: 'kms.amazonaws.com',
  eventName: 'Decrypt',
  awsRegion: 'us-west-2',
  sourceIPAddress: '10.1.2.3',
  requestParameters: { keyId: `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
};

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-rewrite-'));
}

function writeTmp(name: string, text: string): string {
  const file = path.join(tmpDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

const deepLog = (levels: number): string => `{"Records":[${'{"a":'.repeat(levels)}"arn:aws:iam::${ACCOUNT}:user/alice"${'}'.repeat(levels)}]}`;

describe('kms-lens format', () => {
  it('prints a minified log formatted, one member per line, with the same values', () => {
    const text = JSON.stringify({ Records: [EVENT, EVENT] });
    const r = run(['format', writeTmp('log.json', text)]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), JSON.parse(text));
    assert.ok(r.stdout.split('\n').length > 20);
    assert.match(r.stdout, /^ {6}"eventName": "Decrypt",$/m);
  });

  it('--write rewrites the file and prints nothing; numbers keep their spelling', () => {
    const file = writeTmp('log.json', '{"Records":[{"eventVersion":"1.08","n":1.50}]}');
    const r = run(['format', '--write', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(fs.readFileSync(file, 'utf8'), '{\n  "Records": [\n    {\n      "eventVersion": "1.08",\n      "n": 1.50\n    }\n  ]\n}\n');
  });

  it('reads standard input', () => {
    const r = run(['format', '-'], undefined, JSON.stringify({ Records: [EVENT] }));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { Records: [EVENT] });
  });

  it('leaves JSON Lines as they are, and says so', () => {
    const text = `${JSON.stringify(EVENT)}\n${JSON.stringify(EVENT)}\n`;
    const r = run(['format', writeTmp('log.jsonl', text)]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, text);
    assert.match(r.stderr, /JSON Lines already hold one event per line/);
  });

  it('refuses text nested deeper than the limit with a clear message, exit 2, and writes nothing', () => {
    const file = writeTmp('deep.json', deepLog(600));
    const r = run(['format', '--write', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^kms-lens format: .*deep\.json: nested more than 512 levels deep; not formatted/m);
    assert.equal(fs.readFileSync(file, 'utf8'), deepLog(600));
    const printed = run(['format', file]);
    assert.equal(printed.code, 2);
    assert.equal(printed.stdout, '');
  });

  it('wants one file without --write, and will not write back to an archive or standard input', () => {
    const two = run(['format', LOG, LOG]);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /give one file/);
    const archive = run(['format', '--write', path.join(LOGS, 'fargate-archive.json.gz')]);
    assert.equal(archive.code, 2);
    assert.match(archive.stderr, /an archive is not rewritten/);
    assert.equal(run(['format', '--write', '-'], undefined, '{}').code, 2);
    // An archive is read decompressed and printed formatted.
    const printed = run(['format', path.join(LOGS, 'fargate-archive.json.gz')]);
    assert.equal(printed.code, 0, printed.stderr);
    assert.ok(Array.isArray((JSON.parse(printed.stdout) as { Records: unknown[] }).Records));
  });
});

describe('kms-lens redact', () => {
  it('prints a copy with the account, user, access key and address replaced, and says what it replaced', () => {
    const text = JSON.stringify({ Records: [EVENT] }, null, 2);
    const r = run(['redact', writeTmp('log.json', text)]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /111122223333|alice|AKIAIOSFODNN7EXAMPLE|10\.1\.2\.3/);
    const event = (JSON.parse(r.stdout) as { Records: Array<typeof EVENT> }).Records[0];
    assert.equal(event.userIdentity.arn, `arn:aws:iam::${event.userIdentity.accountId}:user/user-1`);
    assert.equal(event.eventName, 'Decrypt');
    assert.match(r.stderr, /replaced 1 account id, 1 access key id, 1 IP address, 1 user name/);
  });

  it('--write replaces the file with the redacted copy', () => {
    const file = writeTmp('log.json', JSON.stringify({ Records: [EVENT] }));
    const r = run(['redact', '--write', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /alice/);
  });

  it('refuses text nested deeper than the limit: exit 2, nothing printed, so no unredacted copy passes for a redacted one', () => {
    const r = run(['redact', writeTmp('deep.json', deepLog(600))]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /nested more than 512 levels deep; nothing was redacted/);
  });
});

describe('kms-lens: no silent skips', () => {
  it('check and grants read a file over 50 MB: the CLI has no size limit unless --max-file-size sets one', function () {
    this.timeout(120_000);
    const event = JSON.stringify({ ...EVENT, eventName: 'CreateGrant', requestParameters: { ...EVENT.requestParameters, granteePrincipal: `arn:aws:iam::${ACCOUNT}:role/App`, operations: ['Decrypt'] }, responseElements: { grantId: 'g'.repeat(64) } });
    const pad = ' '.repeat(51 * 1024 * 1024);
    const file = writeTmp('big.json', `{"Records":[${event}]}${pad}`);
    const r = run(['grants', '--format', 'json', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { keys: Array<{ grants: unknown[] }> }).keys.flatMap((k) => k.grants).length, 1);
    const limited = run(['grants', '--quiet', '--max-file-size', '50', file]);
    assert.equal(limited.code, 2);
    assert.match(limited.stderr, /skipped .*big\.json: .*larger than --max-file-size \(50 MB\)/);
  });

  it('a file skipped for a limit exits 2 and is said even with --quiet, though the other files were analysed', () => {
    const big = writeTmp('big.json', JSON.stringify({ Records: Array(20).fill(EVENT) }));
    const small = writeTmp('small.json', JSON.stringify({ Records: [EVENT] }));
    const r = run(['check', '--quiet', '--max-file-size', '0.002', big, small]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /skipped .*big\.json: .*larger than --max-file-size/);
    assert.match(r.stderr, /1 file was not wholly analysed/);
  });

  it('a log nested past the limit is not an empty result: grants says it was not analysed and exits 2', () => {
    const r = run(['grants', writeTmp('deep.json', deepLog(600))]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /skipped .*deep\.json: not analysed: nested more than 512 levels deep/);
  });

  it('a key policy over 1 MiB is checked: policy-too-large and the public principal are reported', () => {
    const statements = Array.from({ length: 8_500 }, (_, i) => `{"Sid":"S${i}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/R${i}"},"Action":"kms:Decrypt","Resource":"*"}`);
    const root = `{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Resource":"*"}`;
    const text = `{"Version":"2012-10-17","Statement":[${root},{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"},${statements.join(',')}]}`;
    const r = run(['check', writeTmp('key-policy.json', text)]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, / error policy-too-large /);
    assert.match(r.stdout, / (error|warning) policy-public-principal /);
  });
});
