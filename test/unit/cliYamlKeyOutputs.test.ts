/**
 * AWS CLI output about keys printed with `--output yaml` (list-grants,
 * describe-key, get-key-rotation-status, list-aliases): read as the JSON form
 * is, with the same grants, key facts and findings, placed on the YAML
 * characters. Each YAML text is in the shape AWS CLI v2 prints: a block
 * mapping at column 0, members in the JSON output's order, timestamps and
 * account ids quoted.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, buildGrantsModel, buildModel, DEFAULT_SETTINGS, describeReading } from '../../src/core';
import { hoverAt } from '../../src/core/hover';
import { runCli } from './helpers';

const LIST_GRANTS_YAML = [
  'Grants:',
  '- Constraints:',
  '    EncryptionContextEquals:',
  '      department: finance',
  '      purpose: ledger-export',
  "  CreationDate: '2025-05-06T11:32:19+00:00'",
  '  GrantId: 9b4e1d7a3c0f6e2b8d5a1c7f4e0b3d9a6c2f8e5b1d7a4c0e3f9b6d2a8c5e1f7b',
  '  GranteePrincipal: arn:aws:iam::538204916377:role/ledger-export-job',
  '  IssuingAccount: arn:aws:iam::538204916377:root',
  '  KeyId: arn:aws:kms:eu-west-1:538204916377:key/61f2b9d4-7e3a-4c05-b8d1-a2e6c9f0b347',
  '  Name: ledger-export',
  '  Operations:',
  '  - Decrypt',
  '  - GenerateDataKeyWithoutPlaintext',
  '  RetiringPrincipal: arn:aws:iam::538204916377:role/platform-admin',
  "- CreationDate: '2025-06-20T08:15:44+00:00'",
  '  GrantId: 3c8f2a6e9d1b5f0c7a4e8b2d6f9c3a0e5b1d7f4a8c2e6b9d3f0a5c1e7b4d8f2a',
  '  GranteePrincipal: arn:aws:sts::538204916377:assumed-role/batch-runner/i-0a4c7e91f3b2d5806',
  '  IssuingAccount: arn:aws:iam::538204916377:root',
  '  KeyId: arn:aws:kms:eu-west-1:538204916377:key/61f2b9d4-7e3a-4c05-b8d1-a2e6c9f0b347',
  "  Name: ''",
  '  Operations:',
  '  - Encrypt',
  '  - GenerateDataKey',
  '  - RetireGrant',
  'Truncated: false',
  '',
].join('\n');

const LIST_GRANTS_JSON = JSON.stringify({
  Grants: [
    {
      KeyId: 'arn:aws:kms:eu-west-1:538204916377:key/61f2b9d4-7e3a-4c05-b8d1-a2e6c9f0b347',
      GrantId: '9b4e1d7a3c0f6e2b8d5a1c7f4e0b3d9a6c2f8e5b1d7a4c0e3f9b6d2a8c5e1f7b',
      Name: 'ledger-export',
      CreationDate: '2025-05-06T11:32:19+00:00',
      GranteePrincipal: 'arn:aws:iam::538204916377:role/ledger-export-job',
      RetiringPrincipal: 'arn:aws:iam::538204916377:role/platform-admin',
      IssuingAccount: 'arn:aws:iam::538204916377:root',
      Operations: ['Decrypt', 'GenerateDataKeyWithoutPlaintext'],
      Constraints: { EncryptionContextEquals: { department: 'finance', purpose: 'ledger-export' } },
    },
    {
      KeyId: 'arn:aws:kms:eu-west-1:538204916377:key/61f2b9d4-7e3a-4c05-b8d1-a2e6c9f0b347',
      GrantId: '3c8f2a6e9d1b5f0c7a4e8b2d6f9c3a0e5b1d7f4a8c2e6b9d3f0a5c1e7b4d8f2a',
      Name: '',
      CreationDate: '2025-06-20T08:15:44+00:00',
      GranteePrincipal: 'arn:aws:sts::538204916377:assumed-role/batch-runner/i-0a4c7e91f3b2d5806',
      IssuingAccount: 'arn:aws:iam::538204916377:root',
      Operations: ['Encrypt', 'GenerateDataKey', 'RetireGrant'],
    },
  ],
  Truncated: false,
}, null, 4);

const DESCRIBE_KEY_YAML = [
  'KeyMetadata:',
  "  AWSAccountId: '482913650217'",
  '  Arn: arn:aws:kms:eu-west-1:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  "  CreationDate: '2024-03-01T10:00:00.512000+00:00'",
  '  CustomerMasterKeySpec: SYMMETRIC_DEFAULT',
  "  DeletionDate: '2024-06-17T09:15:00+00:00'",
  '  Description: payments archive',
  '  Enabled: false',
  '  EncryptionAlgorithms:',
  '  - SYMMETRIC_DEFAULT',
  '  KeyId: 5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  '  KeyManager: CUSTOMER',
  '  KeySpec: SYMMETRIC_DEFAULT',
  '  KeyState: PendingDeletion',
  '  KeyUsage: ENCRYPT_DECRYPT',
  '  MultiRegion: false',
  '  Origin: AWS_KMS',
  '  PendingDeletionWindowInDays: 7',
  '',
].join('\n');

const DESCRIBE_KEY_JSON = JSON.stringify({
  KeyMetadata: {
    AWSAccountId: '482913650217',
    KeyId: '5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
    Arn: 'arn:aws:kms:eu-west-1:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
    CreationDate: '2024-03-01T10:00:00.512000+00:00',
    Enabled: false,
    Description: 'payments archive',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'PendingDeletion',
    DeletionDate: '2024-06-17T09:15:00+00:00',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
    PendingDeletionWindowInDays: 7,
  },
}, null, 4);

const yamlModel = (text: string, fileName = 'out.yaml') => buildModel(text, { languageId: 'yaml', fileName }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
const jsonModel = (text: string, fileName = 'out.json') => buildModel(text, { languageId: 'json', fileName }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });

/** The `kms-lens grants --format json` report of each file, without where each event is (the files differ there). */
function grantsReport(files: Record<string, string>): unknown {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-yaml-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const r = runCli(['grants', '--format', 'json', ...Object.keys(files)], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    return JSON.parse(r.stdout, (k: string, v: unknown) => (k === 'file' || k === 'line' ? undefined : v));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('AWS CLI output printed with --output yaml: list-grants', () => {
  it('is read as list-grants output, one record per grant, each on its YAML characters', () => {
    const model = yamlModel(LIST_GRANTS_YAML);
    assert.equal(model.kind, 'listGrants');
    assert.equal(describeReading(model), 'aws kms list-grants output (YAML)');
    assert.equal(model.records.length, 2);
    const [first, second] = model.records;
    assert.ok(LIST_GRANTS_YAML.slice(first.start).startsWith('Constraints:'));
    assert.ok(LIST_GRANTS_YAML.slice(second.start).startsWith("CreationDate: '2025-06-20"));
    assert.ok(LIST_GRANTS_YAML.slice(first.start, first.end).trimEnd().endsWith('role/platform-admin'));
  });

  it('gives kms-lens grants the same grants as the JSON form', () => {
    const fromYaml = grantsReport({ 'grants.yaml': LIST_GRANTS_YAML });
    const fromJson = grantsReport({ 'grants.json': LIST_GRANTS_JSON });
    assert.deepEqual(fromYaml, fromJson);
    const keys = (fromYaml as { keys: Array<{ grants: Array<{ grantId: string; constraints: unknown }> }> }).keys;
    assert.equal(keys[0].grants.length, 2);
  });

  it('places each grant of the grants view on its line of the YAML', () => {
    const m = buildGrantsModel([{ id: 'grants.yaml', model: yamlModel(LIST_GRANTS_YAML) }]);
    const grants = m.keys.flatMap((k) => k.grants);
    const created = grants.map((g) => g.events[0]).map((e) => LIST_GRANTS_YAML.slice(0, e.start).split('\n').length);
    assert.deepEqual(created.sort((a, b) => a - b), [2, 16]);
  });

  it('reads unquoted timestamps (other YAML writers) as the same dates', () => {
    const unquoted = LIST_GRANTS_YAML.replace(/'(\d{4}-\d\d-\d\dT[^']+)'/g, '$1');
    assert.notEqual(unquoted, LIST_GRANTS_YAML);
    assert.deepEqual(grantsReport({ 'grants.yaml': unquoted }), grantsReport({ 'grants.json': LIST_GRANTS_JSON }));
  });

  it('one page of several: meta-more-pages on the Truncated member', () => {
    const text = LIST_GRANTS_YAML.replace('Truncated: false', 'NextMarker: AAAAAQAAAAxrZXlfZ3JhbnRfaWQ\nTruncated: true');
    const { findings } = analyze(text, { languageId: 'yaml', fileName: 'grants.yaml' }, DEFAULT_SETTINGS);
    assert.deepEqual(findings.map((f) => `${f.code} ${text.slice(f.start, f.end)}`), ['meta-more-pages Truncated']);
  });

  it('other YAML with a Grants member (database grants, a Grants list with other members beside it) is not ours', () => {
    for (const text of [
      'Grants:\n- user: app\n  privileges: [SELECT]\n',
      'Grants:\n- GrantId: abc\n  KeyId: 1234abcd-12ab-34cd-56ef-1234567890ab\nOwner: team-a\n',
      'Grants: [read, write]\n',
    ]) {
      assert.equal(yamlModel(text).kind, 'other', text);
    }
  });
});

/**
 * `--output yaml-stream` of list-grants fetched in pages (`--page-size 1`): one list entry per
 * page, each the page's response (NextMarker and `Truncated: true` on all but the last).
 */
const LIST_GRANTS_YAML_STREAM = (lastTruncated = false): string => [
  '- Grants:',
  '  - Constraints:',
  '      EncryptionContextEquals:',
  '        department: finance',
  '        purpose: ledger-export',
  "    CreationDate: '2025-05-06T11:32:19+00:00'",
  '    GrantId: 9b4e1d7a3c0f6e2b8d5a1c7f4e0b3d9a6c2f8e5b1d7a4c0e3f9b6d2a8c5e1f7b',
  '    GranteePrincipal: arn:aws:iam::538204916377:role/ledger-export-job',
  '    IssuingAccount: arn:aws:iam::538204916377:root',
  '    KeyId: arn:aws:kms:eu-west-1:538204916377:key/61f2b9d4-7e3a-4c05-b8d1-a2e6c9f0b347',
  '    Name: ledger-export',
  '    Operations:',
  '    - Decrypt',
  '    - GenerateDataKeyWithoutPlaintext',
  '    RetiringPrincipal: arn:aws:iam::538204916377:role/platform-admin',
  '  NextMarker: AAAAAQAAAAxrZXlfZ3JhbnRfaWQ',
  '  Truncated: true',
  '- Grants:',
  "  - CreationDate: '2025-06-20T08:15:44+00:00'",
  '    GrantId: 3c8f2a6e9d1b5f0c7a4e8b2d6f9c3a0e5b1d7f4a8c2e6b9d3f0a5c1e7b4d8f2a',
  '    GranteePrincipal: arn:aws:sts::538204916377:assumed-role/batch-runner/i-0a4c7e91f3b2d5806',
  '    IssuingAccount: arn:aws:iam::538204916377:root',
  '    KeyId: arn:aws:kms:eu-west-1:538204916377:key/61f2b9d4-7e3a-4c05-b8d1-a2e6c9f0b347',
  "    Name: ''",
  '    Operations:',
  '    - Encrypt',
  '    - GenerateDataKey',
  '    - RetireGrant',
  ...(lastTruncated ? ['  NextMarker: AAAAAgAAAAxrZXlfZ3JhbnRfaWQ', '  Truncated: true'] : ['  Truncated: false']),
  '',
].join('\n');

describe('AWS CLI output printed with --output yaml-stream, and YAML on standard input', () => {
  it('yaml-stream pages are read as one list-grants output, each grant on its YAML characters', () => {
    const text = LIST_GRANTS_YAML_STREAM();
    assert.match(text, /^- Grants:\n {2}- Constraints:\n/);
    const model = yamlModel(text);
    assert.equal(model.kind, 'listGrants');
    assert.equal(describeReading(model), 'aws kms list-grants output (YAML)');
    assert.equal(model.records.length, 2);
    assert.ok(text.slice(model.records[0].start).startsWith('Constraints:'));
    assert.ok(text.slice(model.records[1].start).startsWith("CreationDate: '2025-06-20"));
    assert.deepEqual(grantsReport({ 'grants.yaml': text }), grantsReport({ 'grants.json': LIST_GRANTS_JSON }));
  });

  it('yaml-stream: the last page decides meta-more-pages (earlier pages are followed by the next)', () => {
    const done = LIST_GRANTS_YAML_STREAM();
    assert.deepEqual(analyze(done, { languageId: 'yaml', fileName: 'grants.yaml' }, DEFAULT_SETTINGS).findings.map((f) => f.code), []);
    const cut = LIST_GRANTS_YAML_STREAM(true);
    const { findings } = analyze(cut, { languageId: 'yaml', fileName: 'grants.yaml' }, DEFAULT_SETTINGS);
    assert.deepEqual(findings.map((f) => `${f.code} ${cut.slice(f.start, f.end)}`), ['meta-more-pages Truncated']);
    assert.ok(findings[0].start > cut.lastIndexOf('- Grants:'));
  });

  it('near miss: a YAML list of other things, or pages of two different outputs, is not ours', () => {
    for (const text of [
      '- Grants:\n  - user: app\n    privileges: [SELECT]\n',
      '- name: build\n  run: make\n',
      LIST_GRANTS_YAML_STREAM().replace(/- Grants:\n(?![\s\S]*- Grants:)/, '- Aliases:\n'),
    ]) {
      assert.equal(yamlModel(text).kind, 'other', text);
    }
  });

  it('grants - reads --output yaml (and yaml-stream) piped in as the same file would be', () => {
    for (const text of [LIST_GRANTS_YAML, LIST_GRANTS_YAML_STREAM()]) {
      const r = runCli(['grants', '--format', 'json', '-'], undefined, text);
      assert.equal(r.code, 0, r.stderr);
      const fromStdin = JSON.parse(r.stdout, (k: string, v: unknown) => (k === 'file' || k === 'line' ? undefined : v)) as unknown;
      assert.deepEqual(fromStdin, grantsReport({ 'grants.json': LIST_GRANTS_JSON }));
    }
  });

  it('check - reads describe-key --output yaml piped in; JSON and Terraform on standard input are read as before', () => {
    const yaml = runCli(['check', '-'], undefined, DESCRIBE_KEY_YAML);
    assert.equal(yaml.code, 0, yaml.stderr);
    assert.match(yaml.stdout, /^<stdin>: read as aws kms describe-key output \(YAML\), 0 findings$/m);
    const json = runCli(['check', '-'], undefined, DESCRIBE_KEY_JSON);
    assert.match(json.stdout, /^<stdin>: read as aws kms describe-key output, 0 findings$/m);
    const model = buildModel('resource "aws_kms_key" "k" {\n  description = "x"\n}\n', { languageId: 'plaintext', fileName: '' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.notEqual(model.format, 'yaml');
  });
});

describe('AWS CLI output printed with --output yaml: describe-key, get-key-rotation-status, list-aliases', () => {
  it('describe-key is read as the JSON form is: same key facts, no findings', () => {
    const model = yamlModel(DESCRIBE_KEY_YAML);
    assert.equal(model.kind, 'kmsOutput');
    assert.equal(describeReading(model), 'aws kms describe-key output (YAML)');
    assert.deepEqual(analyze(DESCRIBE_KEY_YAML, { languageId: 'yaml', fileName: 'key.yaml' }, DEFAULT_SETTINGS).findings, []);
    assert.deepEqual(grantsReport({ 'key.yaml': DESCRIBE_KEY_YAML }), grantsReport({ 'key.json': DESCRIBE_KEY_JSON }));
    const key = buildGrantsModel([{ id: 'key.yaml', model }]).keys[0];
    assert.equal(key.lifecycle?.state, 'PendingDeletion');
    assert.equal(key.lifecycle?.deletion?.deletionDate, '2024-06-17T09:15:00Z');
    assert.ok(DESCRIBE_KEY_YAML.slice(model.records[0].start).startsWith("AWSAccountId: '482913650217'"));
    // The same facts from both forms, record for record.
    assert.deepEqual(model.records[0].value, jsonModel(DESCRIBE_KEY_JSON).records[0].value);
  });

  it('get-key-rotation-status and list-aliases give the key its rotation and alias, as in JSON', () => {
    const rotation = [
      'KeyId: arn:aws:kms:eu-west-1:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      'KeyRotationEnabled: true',
      "NextRotationDate: '2025-03-01T10:00:00+00:00'",
      'RotationPeriodInDays: 365',
      '',
    ].join('\n');
    const aliases = [
      'Aliases:',
      '- AliasArn: arn:aws:kms:eu-west-1:482913650217:alias/payments-archive',
      '  AliasName: alias/payments-archive',
      "  CreationDate: '2024-03-01T10:00:01.104000+00:00'",
      "  LastUpdatedDate: '2024-03-01T10:00:01.104000+00:00'",
      '  TargetKeyId: 5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      '- AliasArn: arn:aws:kms:eu-west-1:482913650217:alias/aws/ebs',
      '  AliasName: alias/aws/ebs',
      '',
    ].join('\n');
    assert.equal(describeReading(yamlModel(rotation)), 'aws kms get-key-rotation-status output (YAML)');
    assert.equal(describeReading(yamlModel(aliases)), 'aws kms list-aliases output (YAML)');
    const m = buildGrantsModel([{ id: 'key.yaml', model: yamlModel(DESCRIBE_KEY_YAML) }, { id: 'rotation.yaml', model: yamlModel(rotation) }, { id: 'aliases.yaml', model: yamlModel(aliases) }]);
    const key = m.keys.find((k) => k.key.identity.includes('5f1c2d3e'));
    assert.ok(key);
    assert.deepEqual(key.key.aliases, ['alias/payments-archive']);
    assert.equal(key.lifecycle?.rotation.enabled, true);
    assert.equal(key.lifecycle?.rotation.nextRotation, '2025-03-01T10:00:00+00:00');
  });

  it('a hover inside a YAML record asks nothing of JSON offsets (no throw, nothing wrong)', () => {
    const model = yamlModel(DESCRIBE_KEY_YAML);
    for (let o = 0; o < DESCRIBE_KEY_YAML.length; o += 7) hoverAt(model, o);
  });

  it('a KeyMetadata mapping beside other members (a Helm value, a test fixture) is not ours', () => {
    for (const text of ['KeyMetadata:\n  KeyId: 1234abcd-12ab-34cd-56ef-1234567890ab\nreplicas: 2\n', 'KeyMetadata: enabled\n', 'KeyRotationEnabled: true\nschedule: weekly\n']) {
      assert.equal(yamlModel(text).kind, 'other', text);
    }
  });
});
