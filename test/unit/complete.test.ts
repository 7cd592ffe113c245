/**
 * Policy completions through the core entry point the editor uses: what is
 * offered where, in what order, and that inserting any item where the cursor
 * is leaves valid JSON (quotes and commas included).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { actionsForConditionKey, KMS_ACTIONS } from '../../src/core/data/iam';
import { completionsAt, type CompletionItem } from '../../src/core/policy/complete';
import { CORPUS } from './helpers';

/** Text with `|` marking the cursor. */
function at(marked: string): { text: string; offset: number; items: CompletionItem[] } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no cursor mark');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const model = buildModel(text, { languageId: 'json', fileName: 'policy.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  return { text, offset, items: completionsAt(model, offset) };
}

/** A snippet as VS Code inserts it when the user accepts the defaults. */
function expand(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

function apply(text: string, item: CompletionItem): string {
  return text.slice(0, item.start) + (item.snippet ? expand(item.insertText) : item.insertText) + text.slice(item.end);
}

function pick(items: CompletionItem[], label: string): CompletionItem {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item "${label}" among ${items.slice(0, 10).map((i) => i.label).join(', ')}...`);
  return item;
}

const KEY_POLICY_HEAD = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/App"},';

describe('policy completions', () => {
  it('offers every KMS action and the wildcards, with what each wildcard expands to, inside Action', () => {
    const { text, items } = at(`${KEY_POLICY_HEAD}"Action":["kms:De|"],"Resource":"*"}]}`);
    for (const a of KMS_ACTIONS) assert.ok(items.some((i) => i.label === `kms:${a.name}`), a.name);
    const wildcard = pick(items, 'kms:GenerateDataKey*');
    assert.equal(wildcard.detail, '4 actions');
    assert.equal(wildcard.documentation, 'Expands to: GenerateDataKey, GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext, GenerateDataKeyWithoutPlaintext');
    assert.ok(items.some((i) => i.label === 'kms:*'));
    const decrypt = pick(items, 'kms:Decrypt');
    assert.equal(decrypt.filterText, '"kms:Decrypt', 'the range starts at the quote, so the filter text does too');
    assert.equal(apply(text, decrypt), `${KEY_POLICY_HEAD}"Action":["kms:Decrypt"],"Resource":"*"}]}`);
    // Actions exact-matched by the first ones sort before wildcards.
    assert.ok((decrypt.sortText ?? '') < (wildcard.sortText ?? ''));
  });

  it('adds the quotes and the commas a new array element needs', () => {
    const after = at(`${KEY_POLICY_HEAD}"Action":["kms:Decrypt" |],"Resource":"*"}]}`);
    assert.equal(apply(after.text, pick(after.items, 'kms:Encrypt')), `${KEY_POLICY_HEAD}"Action":["kms:Decrypt" , "kms:Encrypt"],"Resource":"*"}]}`);
    assert.ok(!after.items.some((i) => i.label === 'kms:Decrypt'), 'an action already in the list is not offered again');
    const before = at(`${KEY_POLICY_HEAD}"Action":[| "kms:Decrypt"],"Resource":"*"}]}`);
    assert.equal(apply(before.text, pick(before.items, 'kms:Encrypt')), `${KEY_POLICY_HEAD}"Action":["kms:Encrypt", "kms:Decrypt"],"Resource":"*"}]}`);
    const bare = at(`${KEY_POLICY_HEAD}"Action":|,"Resource":"*"}]}`);
    assert.equal(apply(bare.text, pick(bare.items, 'kms:Encrypt')), `${KEY_POLICY_HEAD}"Action":"kms:Encrypt","Resource":"*"}]}`);
  });

  it('offers operators first inside Condition, then the condition keys that apply to the statement\'s actions', () => {
    const ops = at(`${KEY_POLICY_HEAD}"Action":"kms:CreateGrant","Resource":"*","Condition":{|}}]}`);
    assert.equal(ops.items[0].kind, 'operator');
    const se = pick(ops.items, 'StringEquals');
    assert.equal(se.insertText, '"StringEquals": {$0}');
    assert.ok(ops.items.some((i) => i.label === 'ForAllValues:StringEquals') && ops.items.some((i) => i.label === 'BoolIfExists'));
    assert.doesNotThrow(() => JSON.parse(apply(ops.text, se)));

    const grantKeys = at(`${KEY_POLICY_HEAD}"Action":"kms:CreateGrant","Resource":"*","Condition":{"ForAllValues:StringEquals":{|}}}]}`).items;
    const decryptKeys = at(`${KEY_POLICY_HEAD}"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{|}}}]}`).items;
    assert.ok(grantKeys.some((i) => i.label === 'kms:GrantOperations'), 'CreateGrant takes kms:GrantOperations');
    assert.ok(!decryptKeys.some((i) => i.label === 'kms:GrantOperations'), 'Decrypt does not');
    for (const i of decryptKeys.filter((x) => x.label.startsWith('kms:'))) {
      assert.ok(actionsForConditionKey(i.label).some((a) => a.name === 'Decrypt'), `${i.label} offered for Decrypt`);
    }
    // Keys that apply to every action of the statement come before global keys.
    const via = pick(decryptKeys, 'kms:ViaService');
    const source = pick(decryptKeys, 'aws:SourceArn');
    assert.ok((via.sortText ?? '') < (source.sortText ?? ''));
    assert.equal(pick(grantKeys, 'kms:GrantOperations').insertText, '"kms:GrantOperations": ["$1"]', 'a multi-valued key gets an array');
    assert.equal(pick(decryptKeys, 'kms:EncryptionContext:${EncryptionContextKey}').insertText, '"kms:EncryptionContext:${1:EncryptionContextKey}": "$2"');
  });

  it('offers known values: grant operations, key specs, booleans, and ViaService names in the Region of the key ARN', () => {
    const grants = at(`${KEY_POLICY_HEAD}"Action":"kms:CreateGrant","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["|"]}}}]}`).items;
    assert.deepEqual(grants.map((i) => i.label).slice(0, 3), ['Decrypt', 'Encrypt', 'GenerateDataKey']);
    assert.equal(grants.length, 17);
    const spec = at(`${KEY_POLICY_HEAD}"Action":"kms:DescribeKey","Resource":"*","Condition":{"StringEquals":{"kms:KeySpec":"|"}}}]}`).items;
    assert.ok(spec.some((i) => i.label === 'SYMMETRIC_DEFAULT') && spec.some((i) => i.label === 'ML_DSA_65'));
    const bool = at(`${KEY_POLICY_HEAD}"Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":|}}}]}`);
    assert.deepEqual(bool.items.map((i) => i.label), ['true', 'false']);
    assert.equal(apply(bool.text, bool.items[0]), `${KEY_POLICY_HEAD}"Action":"kms:CreateGrant","Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}}]}`);

    const identity = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab","Condition":{"StringEquals":{"kms:ViaService":"|"}}}]}';
    const via = at(identity).items;
    assert.ok(via.some((i) => i.label === 'deadline.eu-west-1.amazonaws.com' && i.detail === 'Deadline Cloud'));
    assert.ok(via.every((i) => i.label.includes('.eu-west-1.')), 'every ViaService value uses the key\'s Region');
    const noRegion = at(`${KEY_POLICY_HEAD}"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"|"}}}]}`).items;
    assert.equal(pick(noRegion, 'ec2.<region>.amazonaws.com').insertText, '"ec2.${1:region}.amazonaws.com"');
  });

  it('offers the statement elements that are missing, with valid skeletons', () => {
    const { text, items } = at(`${KEY_POLICY_HEAD}"Action":"kms:Decrypt", |}]}`);
    assert.deepEqual(items.map((i) => i.label), ['Sid', 'Resource', 'Condition']);
    for (const i of items) assert.doesNotThrow(() => JSON.parse(apply(text, i)), i.label);
    const noComma = at(`${KEY_POLICY_HEAD}"Action":"kms:Decrypt" |}]}`);
    assert.equal(apply(noComma.text, pick(noComma.items, 'Resource')), `${KEY_POLICY_HEAD}"Action":"kms:Decrypt" , "Resource": "*"}]}`);
    const identity = at('{"Version":"2012-10-17","Statement":[{"Effect":"Allow", "|"}]}').items.map((i) => i.label);
    assert.ok(!identity.includes('Principal') && identity.includes('Action') && identity.includes('NotAction'), 'an IAM policy takes no Principal');
    const halfTyped = at(`${KEY_POLICY_HEAD}"Action":"kms:Decrypt", "Res|"}]}`);
    assert.equal(apply(halfTyped.text, pick(halfTyped.items, 'Resource')), `${KEY_POLICY_HEAD}"Action":"kms:Decrypt", "Resource": "*"}]}`);
  });

  it('offers principals with the account named in the document', () => {
    const aws = at(`${KEY_POLICY_HEAD}"Action":"kms:Decrypt","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"|"},"Action":"kms:Encrypt","Resource":"*"}]}`);
    assert.deepEqual(aws.items.map((i) => i.label), ['arn:aws:iam::444455556666:root', 'arn:aws:iam::444455556666:role/…', 'arn:aws:iam::444455556666:user/…', '*']);
    assert.equal(pick(aws.items, 'arn:aws:iam::444455556666:role/…').insertText, '"arn:aws:iam::444455556666:role/${1:RoleName}"');
    const value = at('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":|,"Action":"kms:Decrypt","Resource":"arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}');
    const item = pick(value.items, '{"AWS": …}');
    assert.equal(expand(item.insertText), '{"AWS": "arn:aws-cn:iam::123456789012:root"}', 'partition and account from the document');
    assert.doesNotThrow(() => JSON.parse(apply(value.text, item)));
  });

  it('offers nothing in plain JSON, between a key and its colon, or before an existing value', () => {
    const plain = buildModel('{"name": "x", "Action": ""}', { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.deepEqual(completionsAt(plain, 23), []);
    assert.deepEqual(at(`${KEY_POLICY_HEAD}"Action"|:"kms:Decrypt","Resource":"*"}]}`).items, []);
    assert.deepEqual(at(`${KEY_POLICY_HEAD}"Action":| "kms:Decrypt","Resource":"*"}]}`).items, []);
  });

  it('inserting any offered item anywhere in the corpus policies leaves valid JSON', function () {
    this.timeout(120_000);
    let checked = 0;
    for (const dir of ['seeds', 'awsdocs']) {
      for (const f of fs.readdirSync(path.join(CORPUS, dir)).filter((x) => x.endsWith('.json'))) {
        const text = fs.readFileSync(path.join(CORPUS, dir, f), 'utf8');
        try {
          JSON.parse(text);
        } catch {
          continue; // the property is about valid documents staying valid
        }
        const model = buildModel(text, { languageId: 'json', fileName: f }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
        if (model.kind !== 'keyPolicy' && model.kind !== 'identityPolicy') continue;
        for (let offset = 0; offset <= text.length; offset++) {
          // Items of one kind at one place are inserted the same way: one of each is enough.
          const seen = new Set<string>();
          for (const item of completionsAt(model, offset)) {
            const shape = `${item.kind}/${item.snippet}/${item.insertText.startsWith('{')}`;
            if (seen.has(shape)) continue;
            seen.add(shape);
            checked++;
            const out = apply(text, item);
            assert.doesNotThrow(() => JSON.parse(out), `${f} at ${offset}: ${item.label} -> ${out.slice(Math.max(0, item.start - 30), item.start + 60)}`);
          }
        }
      }
    }
    assert.ok(checked > 5000, `only ${checked} insertions checked`);
  });
});
