import * as assert from 'node:assert/strict';
import { buildModel, DEFAULT_SETTINGS, type DocumentModel } from '../../src/core';
import { rangeInRecord, recordTree, type JsonRecord } from '../../src/core/document/model';
import { decodeJsonString } from '../../src/core/policy/jsonString';
import { codes, findings } from './helpers';

const event = (i: number, extra = ''): string => `{"eventVersion":"1.08","eventSource":"kms.amazonaws.com","eventName":"Decrypt","eventID":"id-${i}","requestParameters":{"keyId":"${String(i).padStart(8, '0')}-4b1d-4e8a-9f6c-2d5e8b1a4c7f"}${extra}}`;

function both(text: string): [DocumentModel, DocumentModel] {
  const hints = { languageId: 'json', fileName: 'log.json' };
  return [
    buildModel(text, hints, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }),
    buildModel(text, hints, { maxFileSize: DEFAULT_SETTINGS.maxFileSize, treeThreshold: 0 }),
  ];
}

describe('document model', () => {
  it('gives the same records and offsets on the tree path and on the fast path', () => {
    const text = `{"Records": [\n  ${event(1)},\n  ${event(2)}\n]}`;
    const [tree, fast] = both(text);
    assert.equal(fast.kind, 'cloudTrail');
    assert.deepEqual(fast.records.map((r) => [r.start, r.end]), tree.records.map((r) => [r.start, r.end]));
    assert.deepEqual(fast.records.map((r) => r.value), tree.records.map((r) => r.value));
    assert.equal(text.slice(fast.records[1].start, fast.records[1].end), event(2));
  });

  it('finds duplicate keys on the fast path, where JSON.parse would hide them', () => {
    const text = `{"Records":[${event(1)},${event(2, ',"eventName":"Encrypt"')}]}`;
    const [tree, fast] = both(text);
    assert.deepEqual(fast.syntaxProblems.map((p) => [p.kind, p.start]), tree.syntaxProblems.map((p) => [p.kind, p.start]));
    assert.equal(fast.syntaxProblems.length, 1);
    assert.equal(text.slice(fast.syntaxProblems[0].start, fast.syntaxProblems[0].end), '"eventName"');
  });

  it('falls back to exact errors and tolerant records when a big log is broken', () => {
    const text = `{"Records":[${event(1)},${event(2)} ${event(3)}]}`;
    const [tree, fast] = both(text);
    assert.deepEqual(fast.syntaxProblems.map((p) => [p.kind, p.start]), tree.syntaxProblems.map((p) => [p.kind, p.start]));
    assert.equal(fast.records.length, 3);
    assert.deepEqual(fast.records.map((r) => (r.value as { eventID: string }).eventID), ['id-1', 'id-2', 'id-3']);
  });

  it('reads a JSON array of events and a single event on the fast path', () => {
    const [, arr] = both(`[${event(1)}, ${event(2)}]`);
    assert.equal(arr.records.length, 2);
    const [, single] = both(event(7));
    assert.equal(single.records.length, 1);
    assert.equal(single.records[0].start, 0);
  });
});

describe('hostile input', () => {
  it('does not overflow the stack on 100,000 levels of nesting', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.doesNotThrow(() => findings(text));
    const deep = `{"Records":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    assert.deepEqual(codes(findings(deep)), ['json-too-deep']);
  });

  it('reports deep nesting on the fast path too, measured by the record scan itself', () => {
    const deep = `{"Records":[${event(1)},${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    const model = buildModel(deep, { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize, treeThreshold: 0 });
    assert.deepEqual(model.syntaxProblems.map((p) => p.kind), ['tooDeep']);
    assert.equal(model.kind, 'cloudTrail');
  });

  it('reports a record nested too deep instead of parsing it, and gives a shallow record its tree', () => {
    const text = `{"Records":[{"eventVersion":"1.08","eventSource":"kms.amazonaws.com","eventName":"Decrypt","x":${'['.repeat(600)}${']'.repeat(600)}}]}`;
    const model = buildModel(text, { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize, treeThreshold: 0 });
    // 600 levels is past the guard, so the model says so rather than handing out a tree.
    assert.deepEqual(model.syntaxProblems.map((p) => p.kind), ['tooDeep']);
    const shallow = buildModel(text.replace(/\[{600}/, '[[').replace(/\]{600}/, ']]'), { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize, treeThreshold: 0 });
    assert.ok(recordTree(shallow, shallow.records[0]));
  });

  it('analyses a 5 MB single-line log', () => {
    const records: string[] = [];
    for (let i = 0, size = 0; size < 5 * 1024 * 1024; i++) {
      records.push(event(i));
      size += records[i].length + 1;
    }
    const text = `{"Records":[${records.join(',')}]}`;
    const model = buildModel(text, { languageId: 'json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    assert.equal(model.kind, 'cloudTrail');
    assert.equal(model.records.length, records.length);
    // No syntax finding (these minimal events do draw CloudTrail envelope findings).
    assert.deepEqual(codes(findings(text)).filter((c) => c.startsWith('json-')), []);
  });

  it('skips a file over the size limit with one information finding', () => {
    const text = `{"Records":[${event(1)}]}` + ' '.repeat(2000);
    const fs = findings(text, { languageId: 'json' }, { maxFileSize: 1000 });
    assert.deepEqual(fs.map((f) => [f.code, f.severity]), [['meta-file-too-large', 'information']]);
  });

  it('does not throw on a 60 MB file', () => {
    const text = `{"Records":[${event(1)}],"pad":"${'x'.repeat(60 * 1024 * 1024)}"}`;
    assert.deepEqual(codes(findings(text)), ['meta-file-too-large']);
  });

  it('never throws on random bytes or on truncations of a real event', () => {
    const sample = event(1);
    for (let cut = 0; cut < sample.length; cut += 3) assert.doesNotThrow(() => findings(sample.slice(0, cut)));
    let seed = 42;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 200; n++) {
      const s = Array.from({ length: 200 }, () => '{}[]",:ab1\\ \n\u0000'[Math.floor(rand() * 15)]).join('');
      assert.doesNotThrow(() => findings(s));
    }
  });

  it('caps the number of findings and says how many were left out', () => {
    const text = `[${Array.from({ length: 50 }, (_, i) => event(i, ',"eventName":"x"')).join(',')}]`;
    const fs = findings(text, { languageId: 'json' }, { maxFindings: 10 });
    assert.equal(fs.length, 11);
    assert.equal(fs[10].code, 'meta-too-many-findings');
    assert.match(fs[10].message, /40 more findings/);
  });
});

describe('document model: a record inside a JSON string', () => {
  // The shape of `aws cloudtrail lookup-events` output: each event is the escaped CloudTrailEvent string.
  it('finds ranges inside the decoded event and maps them back through the escapes onto the string\'s characters', () => {
    const inner = '{"eventVersion":"1.08","eventSource":"kms.amazonaws.com","eventName":"Decrpyt","requestParameters":{"keyId":"alias/app\u00e9"}}';
    const text = `{"Events": [{"EventName": "Decrpyt", "CloudTrailEvent": ${JSON.stringify(inner)}}]}`;
    const model = buildModel(text, { languageId: 'json', fileName: 'lookup-events.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    const literalStart = text.indexOf('"{\\"eventVersion');
    const literalEnd = text.lastIndexOf('"}') + 1;
    const { text: decoded, map } = decodeJsonString(text.slice(literalStart, literalEnd));
    const record: JsonRecord = {
      index: 0, start: literalStart, end: literalEnd, value: JSON.parse(decoded), broken: false,
      inString: { text: decoded, toDocument: (o) => literalStart + map[Math.min(o, map.length - 1)] },
    };
    assert.equal(recordTree(model, record)?.type, 'object');
    const name = rangeInRecord(model, record, ['eventName']);
    assert.equal(text.slice(name.start, name.end), '\\"Decrpyt\\"');
    const key = rangeInRecord(model, record, ['requestParameters', 'keyId'], 'key');
    assert.equal(text.slice(key.start, key.end), '\\"keyId\\"');
    const id = rangeInRecord(model, record, ['requestParameters', 'keyId']);
    assert.equal(text.slice(id.start, id.end), '\\"alias/appé\\"');
  });
});

describe('document model without the duplicate-key count (kms-lens grants)', () => {
  it('reads a big log to the same records, and leaves the duplicate key unreported', () => {
    const text = `{"Records": [\n  ${event(1)},\n  ${event(2, ',"eventName":"Encrypt"')},\n  ${event(3)}\n]}`;
    const hints = { languageId: 'json', fileName: 'log.json' };
    const checked = buildModel(text, hints, { maxFileSize: DEFAULT_SETTINGS.maxFileSize, treeThreshold: 0 });
    const unchecked = buildModel(text, hints, { maxFileSize: DEFAULT_SETTINGS.maxFileSize, treeThreshold: 0, duplicateKeys: false });
    assert.deepEqual(checked.syntaxProblems.map((p) => p.kind), ['duplicateKey'], 'the default (check, the editor) reports it');
    assert.deepEqual(unchecked.syntaxProblems, []);
    assert.deepEqual(unchecked.records, checked.records);
    assert.equal((unchecked.records[1].value as { eventName: string }).eventName, 'Encrypt', 'the last one counts, as in JSON.parse');
  });
});
