/**
 * The cases of issue 13, one test each: shapes that made the core throw, run
 * for minutes, or answer with ranges outside the document. Each test asserts
 * what the user gets (no internal error, the findings that matter, ranges
 * inside the text, bounded output) and bounds work by size, never by time.
 */
import * as assert from 'node:assert/strict';
import { getKmsLensService, type DocumentHints, type DocumentModel, type Finding } from '../../src/core';
import { analyze } from '../../src/core/analyze';
import { buildModel } from '../../src/core/document/model';
import { fixAllWith } from '../../src/core/fixes';
import { wildcardMatch } from '../../src/core/text/wildcard';
import { ACCOUNT, keyPolicy, ROOT } from './policyHelpers';

const core = getKmsLensService();
const SETTINGS = { rules: {}, maxFindings: 1000, maxFileSize: 64 * 1024 * 1024 };
const JSON_FILE: DocumentHints = { languageId: 'json', fileName: 'policy.json' };
const KEY_POLICY_FILE: DocumentHints = { languageId: 'json', fileName: 'key-policy.json' };
const KEY_ARN = `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function event(overrides: Record<string, unknown>): string {
  const base: Record<string, unknown> = {
    eventVersion: '1.08',
    userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
    eventTime: '2024-05-02T09:15:13Z',
    eventSource: 'kms.amazonaws.com',
    eventName: 'CreateGrant',
    awsRegion: 'us-west-2',
    sourceIPAddress: 'ec2.amazonaws.com',
    requestParameters: { keyId: KEY_ARN, granteePrincipal: 'fargate.us-west-2.amazonaws.com', operations: ['Decrypt'], constraints: { encryptionContextSubset: { 'aws:ecs:clusterName': 'prod' } } },
    responseElements: { grantId: '3f1a9c2e7b4d6a8c0e2f4b6d8a1c3e5f7092b4d6f8a1c3e5b7d9f2a4c6e8b0d1', keyId: KEY_ARN },
    eventID: '5d529779-2d27-42b5-92da-000000000004',
    readOnly: false,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
  };
  return JSON.stringify({ Records: [{ ...base, ...overrides }] }, null, 1);
}

function internalErrors(fs: readonly Finding[]): string[] {
  return fs.filter((f) => f.code === 'meta-internal-error').map((f) => f.message);
}

/** Every range a feature gives for the model lies inside its text. */
function assertRangesInside(model: DocumentModel, fs: readonly Finding[], label: string): void {
  const n = model.text.length;
  const inside = (s: number, e: number): boolean => s >= 0 && s <= e && e <= n;
  for (const f of fs) {
    assert.ok(inside(f.start, f.end), `${label}: ${f.code} at [${f.start}, ${f.end}) of ${n}`);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(inside(e.start, e.end), `${label}: a fix of ${f.code} edits [${e.start}, ${e.end}) of ${n}`);
  }
  for (const l of core.summaries(model)) assert.ok(inside(l.start, l.end), `${label}: statement lens [${l.start}, ${l.end}) of ${n}`);
}

/** Hovers at every offset (or every `step`-th): none throws, each inside the text. */
function hoverEverywhere(model: DocumentModel, label: string, step = 1): number {
  let answered = 0;
  for (let o = 0; o <= model.text.length; o += step) {
    const h = core.hover(model, o);
    if (!h) continue;
    answered++;
    assert.ok(h.start >= 0 && h.start <= h.end && h.end <= model.text.length, `${label}: hover at ${o} is [${h.start}, ${h.end})`);
  }
  return answered;
}

describe('hostile shapes (issue 13)', () => {
  describe('superlinear work', () => {
    it('a CreateGrant whose operations list has 20,000 entries is analysed and indexed, its grant with every operation once', () => {
      const operations = Array.from({ length: 20_000 }, (_, i) => ['Decrypt', 'Encrypt', 'GenerateDataKey'][i % 3]);
      const text = event({ requestParameters: { keyId: KEY_ARN, granteePrincipal: 'fargate.us-west-2.amazonaws.com', operations } });
      const { model, findings } = core.analyze(text, JSON_FILE, SETTINGS);
      assert.deepEqual(internalErrors(findings), []);
      assertRangesInside(model, findings, '20,000 operations');
      const keys = core.grants([{ id: 'log', model }]);
      const report = core.grantsReport(keys, () => ({ file: 'log', line: 1 }));
      const grants = report.keys.flatMap((k) => k.grants);
      assert.equal(grants.length, 1);
      assert.deepEqual([...new Set(grants[0].operations)].sort(), ['Decrypt', 'Encrypt', 'GenerateDataKey']);
    });

    it('Fix all on 20,000 repeated actions keeps one, and a second Fix all changes nothing', () => {
      const text = keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":${JSON.stringify(Array(20_000).fill('kms:Decrypt'))},"Resource":"*"}`);
      const first = core.repair(text, KEY_POLICY_FILE, SETTINGS);
      assert.equal(first.byRule['policy-redundant-action'], 19_999);
      const statement = (JSON.parse(first.text) as { Statement: Array<{ Action: unknown }> }).Statement[1];
      assert.deepEqual(statement.Action, ['kms:Decrypt']);
      const second = core.repair(first.text, KEY_POLICY_FILE, SETTINGS);
      assert.equal(second.applied, 0);
      assert.equal(second.text, first.text);
    });

    it('Fix all on 2,500 repeated misspelt actions below a line cut short sorts out the fix that breaks the JSON by parsing, not by analysing each trial', () => {
      // From the fuzz pass: removing the last copy next to the damage adds a syntax problem, so the fixes are tried in halves;
      // each trial was a full analysis of 5,000 findings (seconds in all), it is now a parse.
      const actions = Array.from({ length: 2_500 }, () => '        "kms:Encrpyt"').join(',\n');
      const text = `{\n  "Version": "2012\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {"AWS": "arn:aws:iam::${ACCOUNT}:role/App"},\n      "Action": [\n${actions}],\n      "Resource": "*"\n    }\n  ]\n}\n`;
      const uncapped = { ...SETTINGS, maxFindings: Number.MAX_SAFE_INTEGER };
      let analyses = 0;
      let parses = 0;
      const result = fixAllWith(text, (t) => {
        analyses++;
        return analyze(t, KEY_POLICY_FILE, uncapped);
      }, undefined, 10, undefined, (t) => {
        parses++;
        return buildModel(t, KEY_POLICY_FILE, uncapped).syntaxProblems.length;
      });
      assert.ok(parses > 0, 'the fixes were tried in halves');
      assert.ok(analyses <= 8, `${analyses} analyses`);
      assert.equal(result.byRule['policy-redundant-action'], 2_499);
      assert.equal(result.text.split('"kms:Encrpyt"').length - 1, 1);
      assert.ok(buildModel(result.text, KEY_POLICY_FILE, uncapped).syntaxProblems.length <= buildModel(text, KEY_POLICY_FILE, uncapped).syntaxProblems.length);
      // What the editor's Fix all and check --fix run gives the same text.
      assert.equal(core.repair(text, KEY_POLICY_FILE, SETTINGS).text, result.text);
    });

    it('Fix all removes a repeated action listed three times (the fix of the second is not "ineffective" because the third takes its place)', () => {
      const text = keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":["kms:Decrypt","kms:Decrypt","kms:Decrypt"],"Resource":"*"}`);
      const fixed = core.repair(text, KEY_POLICY_FILE, SETTINGS);
      assert.deepEqual((JSON.parse(fixed.text) as { Statement: Array<{ Action: unknown }> }).Statement[1].Action, ['kms:Decrypt']);
    });

    it('Fix all straightens 40,000 curly quotes in one fix and the result is the straight-quoted policy', () => {
      const straight = keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":${JSON.stringify(Array.from({ length: 10_000 }, (_, i) => `kms:Decrypt${i}`))},"Resource":"*"}`);
      const curly = straight.replace(/"/g, '\u201c');
      const fixed = core.repair(curly, KEY_POLICY_FILE, { ...SETTINGS, rules: { 'policy-unknown-action': 'off' } });
      assert.equal(fixed.text, straight);
    });
  });

  describe('deep nesting', () => {
    const deep = (n: number, open: string, close: string, inner = '1'): string => open.repeat(n) + inner + close.repeat(n);

    it('a smart-quoted policy 6,000 levels deep is reported too deep, with no internal error', () => {
      const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":${deep(6000, '{"A":', '}')}}]}`.replace(/"/g, '\u201c');
      const { model, findings } = core.analyze(text, JSON_FILE, SETTINGS);
      assert.deepEqual(internalErrors(findings), []);
      assertRangesInside(model, findings, 'smart-quoted, deep');
      hoverEverywhere(model, 'smart-quoted, deep', 97);
      assert.deepEqual(core.semanticTokens(model), []);
      assert.equal(core.repair(text, JSON_FILE, SETTINGS).text, text);
    });

    it('a policy 6,000 levels deep gets json-too-deep and nothing else', () => {
      const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":${deep(6000, '{"A":', '}')}}]}`;
      const { findings } = core.analyze(text, JSON_FILE, SETTINGS);
      assert.deepEqual(findings.map((f) => f.code), ['json-too-deep']);
    });

    it('brackets after a string cut by a line break count as nesting (the tolerant parser reads them so)', () => {
      const text = `{"Version":"2012-10-17","Statement":[{"Sid":"x\n${'['.repeat(20_000)}"}]}`;
      const { findings } = core.analyze(text, JSON_FILE, SETTINGS);
      assert.deepEqual(findings.map((f) => f.code), ['json-too-deep']);
    });

    it('brackets inside what only looks like a string until its curly quotes are straightened count as nesting', () => {
      const text = `{\u201cVersion":"2012-10-17","Statement":[{"Sid":\u201cx"${'['.repeat(20_000)}"}]}`;
      const { findings } = core.analyze(text, JSON_FILE, SETTINGS);
      assert.deepEqual(internalErrors(findings), []);
      assert.ok(findings.some((f) => f.code === 'json-too-deep'));
    });

    it('redaction of a log 5,300 levels deep refuses, says why, and changes nothing', () => {
      const text = `{"Records":[${deep(5300, '{"a":', '}', '"arn:aws:iam::111122223333:user/alice"')}]}`;
      const r = core.redact(text);
      assert.equal(r.tooDeep, 512);
      assert.equal(r.valuesChanged, 0);
      assert.equal(r.text, text);
    });

    it('Format CloudTrail Log leaves text 10,000 levels deep as it is instead of writing 200 MB of indentation', () => {
      const text = deep(10_000, '[', ']', '');
      const r = core.format(text);
      assert.equal(r.tooDeep, 512);
      assert.equal(r.text, text);
    });

    it('Format and Redact still work at the limit, and the output of format grows at most with depth times size', () => {
      const text = `{"Records":[${deep(500, '{"a":', '}', '"arn:aws:iam::111122223333:user/alice"')}]}`;
      const f = core.format(text);
      assert.equal(f.tooDeep, undefined);
      assert.deepEqual(JSON.parse(f.text), JSON.parse(text));
      assert.ok(f.text.length < text.length * 600, `${f.text.length} characters`);
      const r = core.redact(text);
      assert.equal(r.tooDeep, undefined);
      assert.equal(r.distinct.userNames, 1);
    });
  });

  describe('patterns from user text', () => {
    it('an action of `kms:` and 20,000 `*` is matched without a regular expression: no rule fails', () => {
      const text = keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":["kms:${'*'.repeat(20_000)}","kms:Decrypt"],"Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["${'*'.repeat(20_000)}"]}}}`);
      const { model, findings } = core.analyze(text, KEY_POLICY_FILE, SETTINGS);
      assert.deepEqual(internalErrors(findings), []);
      // It matches every action, as `kms:*` does: the Decrypt beside it is redundant.
      assert.ok(findings.some((f) => f.code === 'policy-redundant-action' && f.message.includes('kms:Decrypt')), findings.map((f) => f.code).join());
      assert.ok(core.semanticTokens(model).length > 0);
      hoverEverywhere(model, 'kms: and 20,000 *', 1009);
    });

    it('semantic tokens and hovers on an action of 32,770 characters', () => {
      const text = keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":["kms:${'A'.repeat(32_770)}","kms:Decrypt"],"Resource":"*"}`);
      const { model, findings } = core.analyze(text, KEY_POLICY_FILE, SETTINGS);
      assert.deepEqual(internalErrors(findings), []);
      const tokens = core.semanticTokens(model);
      const long = tokens.find((t) => t.end - t.start === 32_770);
      assert.equal(long?.type, 'function');
      hoverEverywhere(model, '32,770 characters', 1013);
    });

    it('the wildcard matcher: runs of stars, question marks, case, and no match past the text', () => {
      assert.ok(wildcardMatch('*'.repeat(20_000), 'Decrypt'));
      assert.ok(wildcardMatch(`Gen${'*'.repeat(5000)}Key`, 'GenerateDataKey'));
      assert.ok(!wildcardMatch(`Gen${'*'.repeat(5000)}Pair`, 'GenerateDataKey'));
      assert.ok(wildcardMatch('re?ncrypt*', 'ReEncryptFrom', true));
      assert.ok(!wildcardMatch('re?ncrypt*', 'ReEncryptFrom'));
      assert.ok(!wildcardMatch('Decrypt?', 'Decrypt'));
      assert.ok(wildcardMatch('', ''));
      assert.ok(!wildcardMatch('', 'x'));
      assert.ok(wildcardMatch('a*b*c', 'aXbYbZc'));
    });
  });

  describe('values of the wrong type', () => {
    it('"eventVersion": {} is a finding of its own, not an internal error', () => {
      const { findings } = core.analyze(event({ eventVersion: {} }), JSON_FILE, SETTINGS);
      assert.deepEqual(internalErrors(findings), []);
      assert.ok(findings.some((f) => f.code === 'ct-event-version' || f.code === 'ct-field-type'));
    });

    it('"eventName": [{}] is a finding of its own, not an internal error', () => {
      const { findings } = core.analyze(event({ eventName: [{}] }), JSON_FILE, SETTINGS);
      assert.deepEqual(internalErrors(findings), []);
      assert.ok(findings.some((f) => f.code === 'ct-field-type'));
    });

    it('hovers never throw on objects where strings are expected (operations, eventSource, encryption context values, grant constraints)', () => {
      const shapes: Array<Record<string, unknown>> = [
        { requestParameters: { keyId: KEY_ARN, granteePrincipal: { a: 1 }, operations: [{}, { Decrypt: 1 }, ['Encrypt'], null, 7] } },
        { requestParameters: { keyId: KEY_ARN, operations: { Decrypt: true } } },
        { eventSource: { name: 'kms.amazonaws.com' } },
        { eventSource: ['kms.amazonaws.com'], eventName: { n: 'Decrypt' } },
        { eventName: 'Decrypt', requestParameters: { keyId: { id: KEY_ARN }, encryptionContext: { a: {}, b: [], c: null, d: 1 } } },
        { requestParameters: { keyId: KEY_ARN, operations: ['Decrypt'], constraints: { encryptionContextSubset: { a: {} }, encryptionContextEquals: [{}] } } },
        { userIdentity: { type: {}, arn: [], accountId: {} }, resources: [{ ARN: {} }, 'x'], responseElements: { grantId: {}, keyId: [] } },
      ];
      for (const shape of shapes) {
        // Valid JSON (values from JSON.parse), and damaged JSON (values from the tolerant parser, whose objects have no prototype).
        for (const text of [event(shape), event(shape).replace(/\n\s*"eventID"/, ' "eventID"').replace(/,(\s*"eventID")/, '$1')]) {
          const { model, findings } = core.analyze(text, JSON_FILE, SETTINGS);
          assert.deepEqual(internalErrors(findings), [], JSON.stringify(shape));
          assert.ok(hoverEverywhere(model, JSON.stringify(shape)) > 0);
          core.grants([{ id: 'log', model }]);
        }
      }
    });
  });

  describe('ranges inside the document', () => {
    it('every finding, fix edit, hover and statement lens of every truncation of an event and a key policy lies inside the text', () => {
      const texts = [event({}), keyPolicy(`{"Sid":"App","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":["kms:Decrypt","kms:Encrypt"],"Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-west-2.amazonaws.com"}}}`)];
      for (const full of texts) {
        for (let cut = 1; cut < full.length; cut += 3) {
          const text = full.slice(0, cut);
          const { model, findings } = core.analyze(text, JSON_FILE, SETTINGS);
          assertRangesInside(model, findings, `cut at ${cut}`);
          hoverEverywhere(model, `cut at ${cut}`, 7);
        }
      }
    });

    it('a syntax error at the very end of a truncated document ends at the end', () => {
      const text = '{"Version":"2012-10-17","Statement":[';
      const { findings } = core.analyze(text, JSON_FILE, SETTINGS);
      const syntax = findings.filter((f) => f.code.startsWith('json-'));
      assert.ok(syntax.length > 0);
      for (const f of syntax) assert.ok(f.end <= text.length, `${f.code} [${f.start}, ${f.end}) of ${text.length}`);
    });

    it('a completion range stays on the cursor\'s line when a backslash lets the string run past a line break', () => {
      const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:Enc\\\n  rypt","Resource":"*"}]}`;
      const model = core.parse(text, JSON_FILE, SETTINGS);
      let offered = 0;
      for (let o = 0; o <= text.length; o++) {
        for (const item of core.complete(model, o)) {
          offered++;
          assert.ok(item.start <= o && o <= item.end, `completion at ${o}: [${item.start}, ${item.end})`);
          assert.doesNotMatch(text.slice(item.start, item.end), /[\r\n]/, `completion at ${o}`);
        }
      }
      assert.ok(offered > 0);
    });

    it('a completion range stays on the cursor\'s line next to a template interpolation that spans lines', () => {
      // A Terraform template whose ${...} runs over a line break, and a damaged one (from the fuzz pass) where `${` reaches the next line's `}`.
      const templates = [
        `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":\${jsonencode(\n    var.roles)}},"Action":"kms:Decrypt","Resource":"*"}]}`,
        '{"","Statement":{${:r\n      }\n',
      ];
      for (const text of templates) {
        const model = core.parse(text, { languageId: 'json', fileName: 'key-policy.json.tpl' }, SETTINGS);
        for (let o = 0; o <= text.length; o++) {
          for (const item of core.complete(model, o)) {
            assert.ok(item.start <= o && o <= item.end, `completion at ${o}: [${item.start}, ${item.end})`);
            assert.doesNotMatch(text.slice(item.start, item.end), /[\r\n]/, `completion at ${o}: ${JSON.stringify(text.slice(item.start, item.end))}`);
          }
        }
      }
      // Completion still works around the interpolation: the action's values are offered.
      const text = templates[0];
      const at = text.indexOf('kms:Decrypt') + 4;
      const model = core.parse(text, { languageId: 'json', fileName: 'key-policy.json.tpl' }, SETTINGS);
      assert.ok(core.complete(model, at).some((i) => i.label === 'kms:Encrypt'));
    });
  });

  describe('policies too large to read as the editor reads files', () => {
    it('a key policy over 1 MiB (past the size where the model stops building a tree) is still told it is too large, and what it grants to everyone', () => {
      const statements = Array.from({ length: 8_500 }, (_, i) => `{"Sid":"S${i}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/R${i}"},"Action":"kms:Decrypt","Resource":"*"}`);
      const text = `{"Version":"2012-10-17","Statement":[${ROOT},{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"},${statements.join(',')}]}`;
      assert.ok(text.length > 1024 * 1024);
      const codes = new Set(core.analyze(text, KEY_POLICY_FILE, SETTINGS).findings.map((f) => f.code));
      assert.ok(codes.has('policy-too-large'), [...codes].join());
      assert.ok(codes.has('policy-public-principal'), [...codes].join());
    });
  });
});
