/**
 * The snippets (snippets/kms-lens.json) as a user inserts them: accepted with
 * their defaults, each must be a valid policy in which every rule of the core
 * finds nothing but the AWS documentation placeholders it holds (accounts
 * `111122223333`, key ids `1234abcd-...`), which policy-placeholder reports as
 * information until they are replaced: a default left in by mistake must never
 * pass for a real account. The snippets that come from AWS pages must say
 * what those pages say.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, allRules, DEFAULT_SETTINGS, type AnalysisSettings, type Finding } from '../../src/core';
import { DEADLINE_ACTION_SETS, partitionOfRegion } from '../../src/core/data/kmsFacts';
import { isKnownPartition, isKnownRegion, isPlaceholderAccount, parseArn } from '../../src/core/kms/identifiers';
import { keyUseEventPattern } from '../../src/core/lifecycle';
import { CORPUS, marked } from './helpers';
import { expandSnippet } from './snippetsExpand';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface SnippetDef {
  prefix: string;
  description: string;
  body: string[];
}

const FILE = 'snippets/kms-lens.json';
const SNIPPETS: Array<[string, SnippetDef]> = Object.entries(JSON.parse(fs.readFileSync(path.join(ROOT, FILE), 'utf8')));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Statement = { [k: string]: Json };

function byPrefix(prefix: string): SnippetDef {
  const found = SNIPPETS.find(([, s]) => s.prefix === prefix);
  assert.ok(found, `no snippet ${prefix}`);
  return found[1];
}

const isStatementLevel = (s: SnippetDef): boolean => s.prefix.startsWith('kms-stmt-');
/** EventBridge event patterns: JSON documents, not policies. */
const isPattern = (s: SnippetDef): boolean => s.prefix.startsWith('kms-pattern-');

/** The document a user gets: a whole policy as inserted, or statements inside a minimal policy. */
function asDocument(s: SnippetDef, values: Record<number, string> = {}): string {
  const text = expandSnippet(s.body, values).text;
  return isStatementLevel(s) ? `{\n\t"Version": "2012-10-17",\n\t"Statement": [\n${text}\n\t]\n}\n` : text;
}

/**
 * What a user lints after inserting a snippet. A key-policy statement goes into an existing key
 * policy, which keeps its root statement (the default key policy); alone it would be a whole
 * policy that nobody could change again, which the lockout rule rightly reports.
 */
function asInsertedDocument(s: SnippetDef): string {
  const text = expandSnippet(s.body, {}).text;
  if (!isStatementLevel(s)) return text;
  const keyStatement = statementsOf(s).some((st) => 'Principal' in st || 'NotPrincipal' in st);
  const root = expandSnippet(byPrefix('kms-stmt-root').body, {}).text;
  const statements = keyStatement && s.prefix !== 'kms-stmt-root' ? `${root},\n${text}` : text;
  return `{\n\t"Version": "2012-10-17",\n\t"Statement": [\n${statements}\n\t]\n}\n`;
}

function statementsOf(s: SnippetDef, values: Record<number, string> = {}): Statement[] {
  const policy = JSON.parse(asDocument(s, values)) as { Statement: Statement[] };
  return policy.Statement;
}

/** The account numbers and key ids the AWS documentation writes in its examples. */
const DOC_ACCOUNTS = ['111122223333', '444455556666'];
const DOC_KEY_IDS = ['1234abcd-12ab-34cd-56ef-1234567890ab', '0987dcba-09fe-87dc-65ba-ab0987654321'];

/**
 * The documentation accounts a text holds, each once, in order of first use:
 * what policy-placeholder reports, once per value. (The rule knows the
 * documentation's key ids by their EXAMPLE form only; the account in the same
 * ARN is reported.)
 */
function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\b(111122223333|444455556666)\b/g)].map((m) => m[1]))];
}

/** Every rule at its default severity, explicitly, so no rule can be skipped by a default of `off`. */
const ALL_RULES_ON: AnalysisSettings = {
  ...DEFAULT_SETTINGS,
  maxFindings: 100_000,
  rules: Object.fromEntries(allRules.map((r) => [r.id, r.defaultSeverity])),
};

function describeFindings(text: string, fs: Finding[]): string {
  return fs.map((f) => `${f.severity} ${f.code}: ${f.message} ${marked(text, f)}`).join('\n');
}

function strings(v: Json, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  }
  return out;
}

const asArray = (v: Json | undefined): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe('snippet expander', () => {
  it('fills placeholders with their defaults and tab stops with nothing', () => {
    assert.equal(expandSnippet('a ${1:one} b $2 c ${3} d $0').text, 'a one b  c  d ');
  });

  it('links same-numbered tab stops to the first default, even one that comes later in the text', () => {
    const e = expandSnippet('$1 and ${1:x} and ${1:y} and $1');
    assert.equal(e.text, 'x and x and x and x');
    assert.equal(expandSnippet('$1 and ${1:x}', { 1: 'typed' }).text, 'typed and typed');
  });

  it('expands nested placeholders, choices and escapes', () => {
    assert.equal(expandSnippet('${1:outer ${2:inner}} $2').text, 'outer inner inner');
    assert.equal(expandSnippet('${1|us-west-2,eu\\,west,a\\|b|} $1').text, 'us-west-2 us-west-2');
    assert.equal(expandSnippet('${1|x,eu\\,west|}', { 1: 'eu,west' }).text, 'eu,west');
    assert.equal(expandSnippet('\\$1 \\} \\\\ \\n ${1:a\\}b}').text, '$1 } \\ \\n a}b');
    assert.equal(expandSnippet('cost: $ 5, {"a": "}"}').text, 'cost: $ 5, {"a": "}"}');
  });

  it('reports tab stops in visiting order, the final one last, with their defaults', () => {
    const e = expandSnippet('$0 ${2:b} ${1:a} $3');
    assert.deepEqual(e.tabstops, [1, 2, 3, 0]);
    assert.deepEqual([...e.defaults], [[2, 'b'], [1, 'a']]);
  });

  it('refuses what the snippets must not use, and unterminated constructs', () => {
    assert.throws(() => expandSnippet('$TM_FILENAME'), /variables/);
    assert.throws(() => expandSnippet('${1/a/b/}'), /transforms/);
    assert.throws(() => expandSnippet('${1:open'), /not closed/);
    assert.throws(() => expandSnippet('${1|a,b'), /choice/);
  });
});

describe('snippets: the file and the manifest', () => {
  it('are contributed for JSON and JSON with Comments', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.snippets, [
      { language: 'json', path: `./${FILE}` },
      { language: 'jsonc', path: `./${FILE}` },
    ]);
  });

  it('has the snippets the issue asks for, each with a distinctive kms- prefix and a description', () => {
    const prefixes = SNIPPETS.map(([, s]) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate prefix');
    for (const [name, s] of SNIPPETS) {
      assert.match(s.prefix, /^kms-(stmt|policy|pattern)-[a-z0-9]+(-[a-z0-9]+)*$/, name);
      assert.match(name, /^KMS: /, name);
      assert.ok(s.description.length > 40, name);
      assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string'), name);
    }
    for (const required of [
      'kms-stmt-root', 'kms-stmt-key-administrators', 'kms-stmt-key-users', 'kms-stmt-persistent-resources',
      'kms-stmt-deny-outside-account', 'kms-stmt-cloudtrail-logs', 'kms-stmt-fargate-ephemeral-storage',
      'kms-stmt-deadline-create-farm', 'kms-stmt-deadline-read-only', 'kms-stmt-deadline-read-write',
      'kms-policy-default', 'kms-policy-key', 'kms-pattern-key-use',
    ]) assert.ok(prefixes.includes(required), required);
  });

  it('indents with tabs, so the editor re-indents to the user\'s settings', () => {
    for (const [name, s] of SNIPPETS) for (const line of s.body) assert.doesNotMatch(line, /^ /, `${name}: ${line}`);
  });

  it('numbers tab stops 1..n without gaps, gives each a default and ends with the final tab stop', () => {
    for (const [name, s] of SNIPPETS) {
      const e = expandSnippet(s.body);
      const numbered = e.tabstops.filter((n) => n !== 0);
      assert.deepEqual(numbered, numbered.map((_, i) => i + 1), name);
      for (const n of numbered) assert.ok(e.defaults.get(n), `${name}: tab stop ${n} has no default`);
      assert.equal(e.tabstops[e.tabstops.length - 1], 0, `${name}: no $0`);
    }
  });

  it('lists every snippet in docs/policies.md, and no other; the README links to that list', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docs/policies.md'), 'utf8');
    const start = text.search(/^#+ Snippets$/m);
    assert.ok(start >= 0, 'docs/policies.md has no Snippets section');
    const section = text.slice(start, text.indexOf('\n#', start + 1));
    const listed = [...section.matchAll(/^\| `(kms-[a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(listed, SNIPPETS.map(([, s]) => s.prefix));
    assert.ok(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').includes('](docs/policies.md#snippets)'));
  });
});

describe('snippets: inserted with their defaults', () => {
  it('statement-level snippets are statements, document-level snippets whole policies', () => {
    for (const [name, s] of SNIPPETS) {
      const text = expandSnippet(s.body).text;
      if (isPattern(s)) continue; // checked against the alarm command below
      if (isStatementLevel(s)) {
        const statements = JSON.parse(`[${text}]`) as Statement[];
        assert.ok(statements.length >= 1, name);
        for (const st of statements) assert.ok(st.Effect && (st.Action || st.NotAction), name);
      } else {
        const policy = JSON.parse(text) as Statement;
        assert.equal(policy.Version, '2012-10-17', name);
        assert.ok(Array.isArray(policy.Statement) && policy.Statement.length >= 1, name);
      }
    }
  });

  for (const [name, s] of SNIPPETS) {
    for (const languageId of ['json', 'jsonc']) {
      it(`${s.prefix} in ${languageId}: every rule finds only its documentation placeholders, as information`, () => {
        const text = asInsertedDocument(s);
        const { model, findings } = analyze(text, { languageId, fileName: `policy.${languageId}` }, ALL_RULES_ON);
        if (isPattern(s)) {
          // Not a policy: no rule looks at it (the command that writes the same pattern is tested below).
          assert.deepEqual(findings, [], describeFindings(text, findings));
          assert.equal(model.kind, 'other', `${name}: an event pattern is no policy and no event`);
          return;
        }
        assert.deepEqual(findings.map((f) => `${f.severity} ${f.code}`), placeholdersIn(text).map(() => 'information policy-placeholder'), describeFindings(text, findings));
        for (const [i, value] of placeholdersIn(text).entries()) assert.ok(findings[i].message.startsWith(`${value} is an example`), findings[i].message);
        const keyPolicy = statementsOf(s).some((st) => 'Principal' in st || 'NotPrincipal' in st);
        assert.equal(model.kind, keyPolicy ? 'keyPolicy' : 'identityPolicy', name);
      });
    }
  }

  it('the check above catches a bad policy: the uncorrected AWS Deadline Cloud example is not clean', () => {
    const text = fs.readFileSync(path.join(CORPUS, 'seeds', 'deadline-policy-read-write.json'), 'utf8');
    const { findings } = analyze(text, { languageId: 'json', fileName: 'policy.json' }, ALL_RULES_ON);
    assert.ok(findings.some((f) => f.code === 'json-trailing-comma'), describeFindings(text, findings));
  });

  it('default to the AWS documentation placeholders: accounts 111122223333, key id 1234abcd-12ab-34cd-56ef-1234567890ab, in well-formed ARNs', () => {
    let arns = 0;
    for (const [name, s] of SNIPPETS) {
      for (const value of strings(JSON.parse(asDocument(s)))) {
        assert.doesNotMatch(value, /\$\{|<[a-z-]+>/i, name);
        const arn = parseArn(value);
        if (!arn) {
          if (/^\d+$/.test(value)) assert.ok(DOC_ACCOUNTS.includes(value), `${name}: ${value} is an account number that is not a documentation placeholder`);
          continue;
        }
        arns++;
        assert.ok(isKnownPartition(arn.partition.value), `${name}: ${value}`);
        assert.match(arn.service.value, /^[a-z0-9-]+$/, `${name}: ${value}`);
        if (arn.region.value !== '*' && arn.region.value !== '') {
          assert.ok(isKnownRegion(arn.region.value), `${name}: ${value}`);
          assert.equal(partitionOfRegion(arn.region.value)?.name, arn.partition.value, `${name}: ${value}`);
        }
        assert.ok(DOC_ACCOUNTS.includes(arn.account.value), `${name}: ${value}: the account is not a documentation placeholder`);
        assert.ok(isPlaceholderAccount(arn.account.value), `${name}: ${value}: the placeholder rule would not report the account`);
        if (arn.service.value === 'kms' && arn.resourceType === 'key') assert.ok(DOC_KEY_IDS.includes(arn.resourceId), `${name}: ${value}: the key id is not the documentation's`);
      }
    }
    assert.ok(arns >= 20, `only ${arns} ARNs checked`);
  });

  it('samples/key-policy.json, built from the snippets, has only their placeholders to replace and holds only snippet statements', () => {
    const text = fs.readFileSync(path.join(ROOT, 'samples', 'key-policy.json'), 'utf8');
    const { model, findings } = analyze(text, { languageId: 'json', fileName: 'key-policy.json' }, ALL_RULES_ON);
    assert.deepEqual(findings.map((f) => `${f.severity} ${f.code}`), placeholdersIn(text).map(() => 'information policy-placeholder'), describeFindings(text, findings));
    assert.equal(model.kind, 'keyPolicy');
    const known = SNIPPETS.flatMap(([, s]) => statementsOf(s)).map((st) => JSON.stringify(st));
    for (const st of (JSON.parse(text) as { Statement: Statement[] }).Statement) assert.ok(known.includes(JSON.stringify(st)), String(st.Sid));
  });

  it('document-level snippets are made of the statement-level ones', () => {
    const known = SNIPPETS.filter(([, s]) => isStatementLevel(s)).flatMap(([, s]) => statementsOf(s));
    for (const [name, s] of SNIPPETS) {
      if (isStatementLevel(s) || isPattern(s)) continue;
      for (const st of statementsOf(s)) assert.ok(known.some((k) => JSON.stringify(k) === JSON.stringify(st)), `${name}: ${st.Sid} is not a statement snippet`);
    }
  });
});

describe('snippets: what AWS documents', () => {
  const cases = [
    ['create-farm', 'CreateFarm', 'DeadlineCreateGrants'],
    ['read-only', 'read-only', 'DeadlineReadOnly'],
    ['read-write', 'read-write', 'DeadlineReadWrite'],
  ] as const;
  for (const [slug, set, sid] of cases) {
    for (const prefix of [`kms-stmt-deadline-${slug}`, `kms-policy-deadline-${slug}`]) {
      it(`${prefix}: the Deadline Cloud ${set} actions on one key, only through Deadline Cloud in the key's Region`, () => {
        const [st, ...more] = statementsOf(byPrefix(prefix));
        assert.equal(more.length, 0);
        assert.equal(st.Sid, sid);
        assert.equal(st.Effect, 'Allow');
        assert.equal(st.Principal, undefined, 'an identity policy names no principal');
        assert.deepEqual(st.Action, DEADLINE_ACTION_SETS[set].map((a) => `kms:${a}`));
        const arn = parseArn(String(st.Resource));
        assert.ok(arn && arn.service.value === 'kms' && arn.resourceType === 'key', String(st.Resource));
        assert.deepEqual(st.Condition, { StringEquals: { 'kms:ViaService': `deadline.${arn.region.value}.amazonaws.com` } });
      });

      it(`${prefix}: the Region typed once changes the key ARN and the kms:ViaService name`, () => {
        const region = [...expandSnippet(byPrefix(prefix).body).defaults].find(([, v]) => v === 'us-west-2')?.[0];
        assert.ok(region !== undefined, 'no Region tab stop');
        const [st] = statementsOf(byPrefix(prefix), { [region]: 'eu-central-1' });
        assert.match(String(st.Resource), /^arn:aws:kms:eu-central-1:\d{12}:key\//);
        assert.deepEqual(st.Condition, { StringEquals: { 'kms:ViaService': 'deadline.eu-central-1.amazonaws.com' } });
      });
    }
  }

  it('kms-stmt-fargate-ephemeral-storage: the three statements of the Amazon ECS guide, for one cluster', () => {
    const s = byPrefix('kms-stmt-fargate-ephemeral-storage');
    const [gen, grant, describe] = statementsOf(s, { 1: '210987654321', 2: 'payments' });
    const context = {
      'kms:EncryptionContext:aws:ecs:clusterAccount': ['210987654321'],
      'kms:EncryptionContext:aws:ecs:clusterName': ['payments'],
    };
    assert.deepEqual(gen, {
      Sid: 'Allow generate data key access for Fargate tasks.',
      Effect: 'Allow',
      Principal: { Service: 'fargate.amazonaws.com' },
      Action: ['kms:GenerateDataKeyWithoutPlaintext'],
      Condition: { StringEquals: context },
      Resource: '*',
    });
    assert.deepEqual(grant, {
      Sid: 'Allow grant creation permission for Fargate tasks.',
      Effect: 'Allow',
      Principal: { Service: 'fargate.amazonaws.com' },
      Action: ['kms:CreateGrant'],
      Condition: { StringEquals: context, 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] } },
      Resource: '*',
    });
    assert.equal(describe.Sid, 'Allow describe key permission for cluster operator - CreateCluster and UpdateCluster.');
    assert.deepEqual(describe.Action, ['kms:DescribeKey']);
    assert.match(String((describe.Principal as Statement).AWS), /^arn:aws:iam::210987654321:role\/[\w+=,.@-]+$/);
  });

  it('kms-policy-default: the default key policy, root delegation only', () => {
    const policy = JSON.parse(asDocument(byPrefix('kms-policy-default'), { 1: '210987654321' }));
    assert.deepEqual(policy, {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [{
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::210987654321:root' },
        Action: 'kms:*',
        Resource: '*',
      }],
    });
  });

  it('kms-policy-key: root delegation, administrators, users and persistent resources, one account throughout', () => {
    const statements = statementsOf(byPrefix('kms-policy-key'), { 1: '210987654321' });
    assert.deepEqual(statements.map((s) => s.Sid), ['Enable IAM User Permissions', 'Allow access for Key Administrators', 'Allow use of the key', 'Allow attachment of persistent resources']);
    for (const st of statements) {
      for (const p of asArray((st.Principal as Statement).AWS)) assert.match(String(p), /^arn:aws:iam::210987654321:/);
      assert.equal(st.Resource, '*');
    }
    assert.deepEqual(statements[2].Principal, statements[3].Principal, 'key users are the principals that attach persistent resources');
  });

  it('kms-stmt-persistent-resources: grants only for AWS resources', () => {
    const [st] = statementsOf(byPrefix('kms-stmt-persistent-resources'));
    assert.deepEqual(st.Action, ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant']);
    assert.deepEqual(st.Condition, { Bool: { 'kms:GrantIsForAWSResource': 'true' } });
  });

  it('kms-stmt-key-administrators: the console administrator actions, none that uses the key', () => {
    const [st] = statementsOf(byPrefix('kms-stmt-key-administrators'));
    const actions = asArray(st.Action).map(String);
    assert.equal(actions.length, 14);
    for (const use of ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncrypt*']) assert.ok(!actions.includes(use), use);
  });

  it('kms-stmt-deny-outside-account: Deny to everyone outside the account, AWS services exempt', () => {
    const [st] = statementsOf(byPrefix('kms-stmt-deny-outside-account'), { 1: '210987654321' });
    assert.equal(st.Effect, 'Deny');
    assert.equal(st.Principal, '*');
    assert.equal(st.Action, 'kms:*');
    assert.deepEqual(st.Condition, {
      StringNotEqualsIfExists: { 'aws:PrincipalAccount': '210987654321' },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    });
  });

  it('kms-stmt-cloudtrail-logs: CloudTrail narrowed to one trail, decryption narrowed to the account', () => {
    const [encrypt, describe, decrypt] = statementsOf(byPrefix('kms-stmt-cloudtrail-logs'), { 1: '210987654321', 2: 'eu-west-1', 3: 'audit' });
    const trail = 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/audit';
    assert.deepEqual(encrypt.Principal, { Service: 'cloudtrail.amazonaws.com' });
    assert.deepEqual(encrypt.Condition, {
      ArnEquals: { 'aws:SourceArn': trail },
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:210987654321:trail/*' },
    });
    assert.deepEqual(describe.Condition, { ArnEquals: { 'aws:SourceArn': trail } });
    assert.deepEqual(decrypt.Principal, { AWS: '*' });
    assert.deepEqual((decrypt.Condition as Statement).StringEquals, { 'kms:CallerAccount': '210987654321' });
  });

  it('kms-pattern-key-use: the event pattern the "Create Alarm Pattern for Key Use" command writes, for the key typed once', () => {
    const s = byPrefix('kms-pattern-key-use');
    const arn = 'arn:aws:kms:eu-central-1:210987654321:key/0d4f6a8c-2b1e-4c3d-9e7f-5a6b7c8d9e0f';
    const typed = JSON.parse(expandSnippet(s.body, { 1: 'eu-central-1', 2: '210987654321', 3: '0d4f6a8c-2b1e-4c3d-9e7f-5a6b7c8d9e0f' }).text);
    assert.deepEqual(typed, keyUseEventPattern(arn));
    assert.deepEqual(JSON.parse(expandSnippet(s.body).text), keyUseEventPattern('arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'));
  });
});
