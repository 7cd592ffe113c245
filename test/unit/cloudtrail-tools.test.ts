/** Redaction, formatting, the chunked runner and .json.gz in the CLI. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyze, buildModel, DEFAULT_SETTINGS, runRules, runRulesAsync } from '../../src/core';
import { formatLog } from '../../src/core/cloudtrail/format';
import { describeRedaction, redactText } from '../../src/core/cloudtrail/redact';
import { FIXTURES, fixture } from './helpers';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

const caller = (account: string, session: string, ip: string, key: string): Record<string, unknown> => ({
  eventVersion: '1.08',
  userIdentity: {
    type: 'AssumedRole',
    principalId: `AROA3XFRBF23EXMPLROLE:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/Ops/${session}`,
    accountId: account,
    accessKeyId: key,
    sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROA3XFRBF23EXMPLROLE', arn: `arn:aws:iam::${account}:role/Ops`, accountId: account, userName: 'Ops' } },
  },
  eventTime: '2024-05-02T09:15:44Z',
  eventSource: 'kms.amazonaws.com',
  eventName: 'Decrypt',
  awsRegion: 'us-west-2',
  sourceIPAddress: ip,
  requestParameters: { keyId: `arn:aws:kms:us-west-2:${account}:key/7a3f9c2e-4b1d-4e8a-9f6c-2d5e8b1a4c7f` },
  responseElements: null,
  eventID: 'e8b2d4f6-1a3c-4e5f-9b7d-2c4e6a8f0b1d',
  eventType: 'AwsApiCall',
  recipientAccountId: account,
  eventCategory: 'Management',
});

describe('Redact for sharing', () => {
  const log = JSON.stringify({ Records: [
    caller('210987654321', 'alice', '198.18.7.23', 'ASIA3XFRBF23KZQWNB5T'),
    caller('210987654321', 'bob', '198.18.7.24', 'ASIA3XFRBF23KZQWNB6U'),
    caller('210987654321', 'alice', '198.18.7.23', 'ASIA3XFRBF23KZQWNB5T'),
    { ...caller('345678901234', 'carol', '2600:1f14:abc:1::7', 'AKIA3XFRBF23KZQWNB7V'), userIdentity: { type: 'IAMUser', principalId: 'AIDA3XFRBF23EXAMPLEUSR', arn: 'arn:aws:iam::345678901234:user/ops/carol.smith', accountId: '345678901234', accessKeyId: 'AKIA3XFRBF23KZQWNB7V', userName: 'carol.smith' } },
  ] }, null, 2);
  const r = redactText(log);
  const out = JSON.parse(r.text);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading a parsed log in assertions
  const ev = (i: number): Record<string, any> => out.Records[i];

  it('keeps the JSON valid and removes every original identifier', () => {
    for (const secret of ['210987654321', '345678901234', 'alice', 'bob', 'carol.smith', '198.18.7.23', '2600:1f14', 'ASIA3XFRBF23KZQWNB5T', 'AKIA3XFRBF23KZQWNB7V', 'AROA3XFRBF23EXMPLROLE', 'AIDA3XFRBF23EXAMPLEUSR']) {
      assert.ok(!r.text.includes(secret), secret);
    }
  });

  it('maps the same value to the same fake everywhere, so events still line up', () => {
    assert.equal(ev(0).userIdentity.accountId, ev(2).userIdentity.accountId);
    assert.equal(ev(0).recipientAccountId, ev(0).userIdentity.accountId);
    assert.match(ev(0).requestParameters.keyId, new RegExp(`:${ev(0).userIdentity.accountId}:key/7a3f9c2e`));
    assert.equal(ev(0).sourceIPAddress, ev(2).sourceIPAddress);
    assert.notEqual(ev(0).sourceIPAddress, ev(1).sourceIPAddress);
    assert.equal(ev(0).userIdentity.accessKeyId, ev(2).userIdentity.accessKeyId);
    const session = ev(0).userIdentity.principalId.split(':')[1];
    assert.equal(ev(0).userIdentity.arn.split('/').pop(), session);
    assert.notEqual(session, ev(1).userIdentity.principalId.split(':')[1]);
    assert.equal(ev(0).userIdentity.sessionContext.sessionIssuer.principalId, ev(0).userIdentity.principalId.split(':')[0]);
  });

  it('keeps what a reader needs: prefixes, shapes, role names, key ids, Regions', () => {
    assert.match(ev(0).userIdentity.accessKeyId, /^ASIA/);
    assert.match(ev(3).userIdentity.accessKeyId, /^AKIA/);
    assert.match(ev(0).userIdentity.accountId, /^\d{12}$/);
    assert.equal(ev(0).userIdentity.sessionContext.sessionIssuer.userName, 'Ops');
    assert.equal(ev(3).userIdentity.userName, ev(3).userIdentity.arn.split('/').pop());
    assert.match(ev(3).userIdentity.arn, /^arn:aws:iam::\d{12}:user\/ops\/user-1$/);
    assert.match(ev(0).sourceIPAddress, /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/);
    assert.match(ev(3).sourceIPAddress, /^2001:db8::/);
    assert.equal(ev(0).awsRegion, 'us-west-2');
  });

  it('summarises what it replaced', () => {
    assert.deepEqual(r.distinct, { accountIds: 2, accessKeyIds: 3, principalIds: 2, ipAddresses: 3, sessionNames: 2, userNames: 1 });
  });

  it('says what it replaced in words, singular for one ("1 user name", not "1 user names")', () => {
    assert.equal(describeRedaction(r), '2 account ids, 3 access key ids, 2 principal ids, 3 IP addresses, 2 session names, 1 user name');
    const one = redactText(JSON.stringify({ userIdentity: { accountId: '210987654321' }, sourceIPAddress: '198.18.7.23' }));
    assert.equal(describeRedaction(one), '1 account id, 1 IP address');
    assert.equal(describeRedaction(redactText('{"eventName": "Decrypt"}')), '');
  });

  it('leaves twelve digits inside a GUID alone, and redacts an account in an S3 log path', () => {
    const text = JSON.stringify({ eventID: 'e8b2d4f6-1a3c-4e5f-9b7d-210987654321', key: 'AWSLogs/210987654321/CloudTrail/us-west-2/210987654321_CloudTrail_us-west-2_x.json.gz' });
    const red = redactText(text);
    assert.equal(JSON.parse(red.text).eventID, 'e8b2d4f6-1a3c-4e5f-9b7d-210987654321');
    assert.equal(JSON.parse(red.text).key, 'AWSLogs/100000000001/CloudTrail/us-west-2/100000000001_CloudTrail_us-west-2_x.json.gz');
    assert.equal(red.distinct.accountIds, 1);
  });

  it('redacts JSON Lines line by line, and does not break broken JSON further', () => {
    const lines = fixture('workspace', 'logs', 'deadline-events.jsonl');
    const red = redactText(lines);
    for (const line of red.text.split('\n').filter((l) => l.trim())) assert.doesNotThrow(() => JSON.parse(line));
    assert.ok(!red.text.includes('111122223333'));
    const broken = '{"accountId": "210987654321", "x": [1,,]}';
    assert.equal(redactText(broken).text, '{"accountId": "100000000001", "x": [1,,]}');
  });

  it("redacts an AssumeRole event's session name and temporary credentials as its calls' ARNs are redacted", () => {
    const assume = {
      eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', recipientAccountId: '210987654321',
      requestParameters: { roleArn: 'arn:aws:iam::210987654321:role/OrdersService', roleSessionName: 'deploy-7731' },
      responseElements: {
        credentials: { accessKeyId: 'ASIA3XFRBF23KZQWNB5T', sessionToken: 'IQoJb3JpZ2luX2VjEMb//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6', expiration: 'Dec 1, 2026, 6:00:00 PM' },
        assumedRoleUser: { assumedRoleId: 'AROA3XFRBF23EXAMPLEROL:deploy-7731', arn: 'arn:aws:sts::210987654321:assumed-role/OrdersService/deploy-7731' },
      },
    };
    const red = JSON.parse(redactText(JSON.stringify({ Records: [assume] })).text).Records[0];
    for (const secret of ['deploy-7731', 'IQoJb3JpZ2luX2VjEMb', 'ASIA3XFRBF23KZQWNB5T']) assert.ok(!JSON.stringify(red).includes(secret), secret);
    assert.equal(red.requestParameters.roleSessionName, red.responseElements.assumedRoleUser.arn.split('/').pop());
    assert.equal(red.requestParameters.roleSessionName, red.responseElements.assumedRoleUser.assumedRoleId.split(':')[1]);
    assert.equal(red.responseElements.credentials.expiration, 'Dec 1, 2026, 6:00:00 PM');
  });

  describe('aws cloudtrail lookup-events output', () => {
    // Each event as lookup-events prints it: Username beside it, the event itself as JSON text.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an event built for the test
    const entry = (e: Record<string, any>, username: string): Record<string, unknown> => ({
      EventId: e.eventID, EventName: e.eventName, ReadOnly: 'true', AccessKeyId: e.userIdentity.accessKeyId, EventTime: e.eventTime,
      EventSource: e.eventSource, Username: username, Resources: [], CloudTrailEvent: JSON.stringify(e),
    });
    const carol = { ...caller('345678901234', 'x', '198.18.7.30', 'AKIA3XFRBF23KZQWNB7V'), userIdentity: { type: 'IAMUser', principalId: 'AIDA3XFRBF23EXAMPLEUSR', arn: 'arn:aws:iam::345678901234:user/carol.smith', accountId: '345678901234', accessKeyId: 'AKIA3XFRBF23KZQWNB7V', userName: 'carol.smith' } };
    const root = { ...caller('210987654321', 'x', '198.18.7.23', 'ASIA3XFRBF23KZQWNB5T'), userIdentity: { type: 'Root', principalId: '210987654321', arn: 'arn:aws:iam::210987654321:root', accountId: '210987654321', accessKeyId: 'ASIA3XFRBF23KZQWNB5T' } };
    const text = JSON.stringify({ Events: [entry(caller('210987654321', 'alice', '198.18.7.23', 'ASIA3XFRBF23KZQWNB5T'), 'alice'), entry(carol, 'carol.smith'), entry(root, 'root')] }, null, 4);
    const red = redactText(text);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading parsed output in assertions
    const events = JSON.parse(red.text).Events as Array<Record<string, any>>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading parsed output in assertions
    const inner = (i: number): Record<string, any> => JSON.parse(events[i].CloudTrailEvent);

    it('redacts Username and the names inside CloudTrailEvent, which it keeps valid JSON', () => {
      for (const secret of ['alice', 'carol.smith', '210987654321', '345678901234', 'AIDA3XFRBF23EXAMPLEUSR', 'ASIA3XFRBF23KZQWNB5T', '198.18.7.23']) assert.ok(!red.text.includes(secret), secret);
      assert.equal(inner(1).userIdentity.userName, events[1].Username);
      assert.match(inner(1).userIdentity.arn, new RegExp(`:user/${events[1].Username}$`));
    });

    it("a role session's Username gets the fake of its session name; root stays root", () => {
      assert.equal(events[0].Username, inner(0).userIdentity.arn.split('/').pop());
      assert.equal(events[0].Username, inner(0).userIdentity.principalId.split(':')[1]);
      assert.equal(events[2].Username, 'root');
      assert.equal(events[0].AccessKeyId, inner(0).userIdentity.accessKeyId);
    });

    it('keeps the session name of an SSO role whose ARN has a path apart from the path', () => {
      const sso = redactText(JSON.stringify({ arn: 'arn:aws:sts::210987654321:assumed-role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_3f9a1c2b7d4e8a60/ravi.k@example.com' }));
      assert.equal(JSON.parse(sso.text).arn, 'arn:aws:sts::100000000001:assumed-role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_3f9a1c2b7d4e8a60/session-1');
    });
  });
});

describe('Format CloudTrail log', () => {
  it('puts each event of a minified log on its own block without changing any value', () => {
    const minified = JSON.stringify({ Records: [caller('210987654321', 'a', '198.18.0.1', 'ASIA3XFRBF23KZQWNB5T'), caller('210987654321', 'b', '198.18.0.2', 'ASIA3XFRBF23KZQWNB5T')] });
    const out = formatLog(minified);
    assert.equal(out.unchanged, false);
    assert.deepEqual(JSON.parse(out.text), JSON.parse(minified));
    assert.ok(out.text.split('\n').length > 40);
    assert.match(out.text, /^ {4}\{\n {6}"eventVersion": "1\.08",$/m);
    // Findings now point at readable lines.
    const f = analyze(out.text, { languageId: 'json' }).findings;
    assert.deepEqual(f.map((x) => x.code), []);
    assert.equal(formatLog(out.text).unchanged, true);
  });

  it('keeps Windows line ends when asked, and hands JSONC with comments to the comment-aware formatter', () => {
    assert.equal(formatLog('{"Records":[{"a":1.50}]}', { eol: '\r\n' }).text, '{\r\n  "Records": [\r\n    {\r\n      "a": 1.50\r\n    }\r\n  ]\r\n}\r\n');
    const withComment = formatLog('{"Records": [ // delivered late\n{"a": 1}]}').text;
    assert.match(withComment, /\/\/ delivered late/);
    assert.match(withComment, /^ {4}\{$/m);
  });
});

describe('chunked rule runner', () => {
  it('gives the same findings as the one-shot runner, and stops when cancelled', async () => {
    const e = (i: number): string => JSON.stringify({ ...caller('210987654321', 's', '198.18.0.1', 'ASIA3XFRBF23KZQWNB5T'), eventID: `bad-${i}`, awsRegion: i % 7 === 0 ? 'us-east-1' : 'us-west-2' });
    const text = `{"Records":[${Array.from({ length: 300 }, (_, i) => e(i)).join(',')}]}`;
    const model = buildModel(text, { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    const settings = { ...DEFAULT_SETTINGS, maxFindings: 50 };
    const progress: number[] = [];
    const chunked = await runRulesAsync(model, settings, { chunkSize: 40, pause: () => Promise.resolve(), onProgress: (d) => progress.push(d) });
    assert.deepEqual(chunked, runRules(model, settings));
    assert.deepEqual(progress, [40, 80, 120, 160, 200, 240, 280]);
    assert.equal(chunked!.length, 51);
    assert.match(chunked![50].message, /^\d+ more findings are not shown \(limit 50\)/);
    let calls = 0;
    const cancelled = await runRulesAsync(model, settings, { chunkSize: 40, pause: () => Promise.resolve(), isCancelled: () => ++calls >= 2 });
    assert.equal(cancelled, undefined);
  });

  it('counts findings past the limit exactly, without keeping them', () => {
    const e = (i: number): string => JSON.stringify({ ...caller('210987654321', 's', '198.18.0.1', 'ASIA3XFRBF23KZQWNB5T'), eventID: `bad-${i}` });
    const text = `{"Records":[${Array.from({ length: 120 }, (_, i) => e(i)).join(',')}]}`;
    const all = analyze(text, { languageId: 'json' }, { ...DEFAULT_SETTINGS, maxFindings: 10_000 }).findings;
    const capped = analyze(text, { languageId: 'json' }, { ...DEFAULT_SETTINGS, maxFindings: 7 }).findings;
    assert.deepEqual(capped.slice(0, 7), all.slice(0, 7));
    assert.equal(capped[7].message, `${all.length - 7} more findings are not shown (limit 7).`);
  });
});

describe('kms-lens check on .json.gz', () => {
  it('reads a gzipped CloudTrail log, as a file and inside a directory, and --fix leaves it alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-gz-'));
    const archive = path.join(dir, '111122223333_CloudTrail_us-west-2_20240423T1805Z_abc.json.gz');
    fs.writeFileSync(archive, gzipSync(fixture('corpus', 'seeds', 'deadline-creategrant.json')));
    const before = fs.readFileSync(archive);
    for (const target of [archive, dir]) {
      const r = spawnSync(process.execPath, [CLI, 'check', '--fix', '--format', 'json', target], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as Array<{ file: string; code: string }>;
      assert.ok(out.some((f) => f.code === 'ct-malformed-arn' && f.file.endsWith('.json.gz')), r.stdout);
      assert.ok(out.some((f) => f.code === 'ct-key-mismatch'));
    }
    assert.deepEqual(fs.readFileSync(archive), before);
    const bad = path.join(dir, 'broken.json.gz');
    fs.writeFileSync(bad, 'not gzip');
    const r = spawnSync(process.execPath, [CLI, 'check', bad], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read the gzip archive/);
  });

  it('finds the workspace fixture archive', () => {
    assert.ok(fs.existsSync(path.join(FIXTURES, 'workspace', 'logs', 'fargate-archive.json.gz')));
  });
});

describe('CloudTrail features never throw', () => {
  it('on every offset of real events, on their truncations and on random edits', async () => {
    const { hoverAt } = await import('../../src/core/hover');
    const names = ['seeds/deadline-creategrant.json', 'seeds/fargate-retiregrant.json', 'awsdocs/ct-createkey-1.json', 'awsdocs/ct-decrypt-1.json', 'awsdocs/ct-ec2two-0.json'];
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (const name of names) {
      const text = fixture('corpus', ...name.split('/'));
      const model = buildModel(text, { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
      for (let o = 0; o <= text.length; o++) assert.doesNotThrow(() => hoverAt(model, o), `${name} @${o}`);
      for (let cut = 0; cut < text.length; cut += 97) {
        const part = text.slice(0, cut);
        assert.doesNotThrow(() => analyze(part, { languageId: 'json' }), `${name} cut ${cut}`);
        assert.doesNotThrow(() => redactText(part));
        assert.doesNotThrow(() => formatLog(part));
      }
      for (let k = 0; k < 60; k++) {
        const at = rand(text.length);
        const junk = ['"', '{', '}', ',', ':', 'arn:aws::', '“', 'null', '[', '1e999'][rand(10)];
        const mutated = text.slice(0, at) + junk + text.slice(at + rand(3));
        const m = buildModel(mutated, { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
        assert.doesNotThrow(() => runRules(m, DEFAULT_SETTINGS), `${name} mutation ${k}`);
        assert.doesNotThrow(() => hoverAt(m, rand(mutated.length)));
        assert.ok(!runRules(m, DEFAULT_SETTINGS).some((f) => f.code === 'meta-internal-error'), `${name} mutation ${k}: a rule failed`);
      }
    }
  });
});
