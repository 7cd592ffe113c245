/**
 * The keys model walks a CloudTrail log once for its three views (grants, the
 * keys' lives, the services that use a key). These tests hold that the shared
 * walk reads exactly what one walk per view reads: the same facts and the same
 * report, on a generated log of the benchmark's shape (grants, uses, ReEncrypt,
 * Fargate contexts) with the AWS guide's lifecycle events and failures mixed in.
 */
import * as assert from 'node:assert';
import { getKmsLensService } from '../../src/core';
import { grantsOfSources } from '../../src/core/access/simulate';
import { documentFacts } from '../../src/core/grants';
import { grantLifeFacts } from '../../src/core/grants/read';
import { buildGrantsModel } from '../../src/core/keys/build';
import { grantInputOf } from '../../src/core/access';
import { buildFromFacts, readSource } from '../../src/core/keys';
import { evidenceFacts, lifecycleFacts } from '../../src/core/lifecycle';
import { generateLog } from '../bench/generateLog';
import { source } from './grantsHelpers';
import { guideEvent } from './lifecycleHelpers';

/** A benchmark-like log with the guide's lifecycle events, a refused call and a revocation added. */
function mixedLog(bytes: number): string {
  const records = (JSON.parse(generateLog(bytes, 7)) as { Records: Array<Record<string, unknown>> }).Records;
  const extra = [
    guideEvent('ct-disablekey-0'),
    guideEvent('ct-schedule-key-deletion-0'),
    guideEvent('ct-enablekey-0'),
    guideEvent('ct-rotatekey-0'), guideEvent('ct-createalias-0'), guideEvent('ct-revoke-grant-0'),
    { ...records[3], eventName: 'Decrypt', errorCode: 'DisabledException', eventID: 'refused-1' },
    { ...records[5], eventName: 'RevokeGrant', requestParameters: { keyId: 'alias/app', grantId: 'g-1' }, eventID: 'revoke-1' },
    // A use that names the key by an alias, with the key in its resources: the only sign of where the alias points.
    { ...records[5], eventName: 'Encrypt', errorCode: undefined, requestParameters: { keyId: 'alias/only-in-a-use', encryptionContext: { app: 'x' } }, eventID: 'alias-use-1' },
    // The same event twice: counted once.
    records.find((e) => e.eventName === 'Decrypt') as Record<string, unknown>,
  ];
  extra.forEach((e, i) => records.splice(1 + i * 97, 0, e));
  return JSON.stringify({ Records: records });
}

const report = (m: ReturnType<typeof buildFromFacts>): string => JSON.stringify(getKmsLensService().grantsReport(m, (e) => ({ file: e.source, line: e.start })));

describe('keys model: one walk over a log for every view', () => {
  for (const bytes of [200_000, 1_500_000]) {
    it(`reads the same facts and report as one walk per view (${bytes} bytes)`, () => {
      const text = mixedLog(bytes);
      // One walk per view: each view asked on its own, as the lifecycle rules and hovers do.
      const apart = source('log.json', text);
      const separate = { source: 'log.json', contributes: true, grants: documentFacts(apart.model), lifecycle: lifecycleFacts(apart.model), evidence: evidenceFacts(apart.model) };
      // The keys model's own reading: one shared walk.
      const together = readSource(source('log.json', text));

      const plain = (x: unknown): string => JSON.stringify(x, (k, v: unknown) => (k === 'record' ? (v as { start: number }).start : v));
      assert.strictEqual(plain(together.grants), plain(separate.grants));
      assert.strictEqual(plain(together.lifecycle), plain(separate.lifecycle));
      assert.strictEqual(plain(together.evidence), plain(separate.evidence));
      assert.ok(separate.grants.uses.length > 100 && separate.grants.events.length > 10, 'the log has grants and uses');
      assert.ok(separate.lifecycle.hasLifecycle && separate.lifecycle.events.some((e) => e.kind === 'refused'), 'the log has lifecycle events and a refused call');
      assert.ok(separate.evidence.evidence.length > 0, 'the log shows Fargate using keys');
      assert.ok(separate.grants.duplicates >= 1, 'the repeated event is counted once');
      assert.strictEqual(report(buildFromFacts([together])), report(buildFromFacts([separate])));
    });
  }

  it('walks only for the views not read yet', () => {
    const text = mixedLog(100_000);
    const src = source('log.json', text);
    const lifecycle = lifecycleFacts(src.model);
    const read = readSource(src);
    assert.strictEqual(read.lifecycle, lifecycle, 'the lifecycle facts already read are reused');
    assert.strictEqual(read.grants, documentFacts(src.model), 'the grant facts of the walk are the ones cached');
    assert.strictEqual(read.evidence, evidenceFacts(src.model));
  });

  it('reads the same grants and keys for the evaluator without the use facts (kms-lens simulate)', () => {
    const text = mixedLog(1_500_000);
    const full = documentFacts(source('log.json', text).model);
    const lives = grantLifeFacts(source('log.json', text).model);
    assert.deepStrictEqual(lives.uses, []);
    assert.ok(full.uses.length > 100, 'the log has uses');
    const plain = (x: unknown): string => JSON.stringify(x, (k, v: unknown) => (k === 'record' ? (v as { start: number }).start : v));
    assert.strictEqual(plain(lives.events), plain(full.events));
    assert.strictEqual(plain(lives.refs), plain(full.refs));
    assert.strictEqual(plain(lives.aliases), plain(full.aliases));
    assert.ok(full.aliases.some((a) => a.alias === 'alias/only-in-a-use'), 'an alias known only from a use');
    // What the evaluator gets equals the grants of the keys model, key ARNs included.
    const fromModel = buildGrantsModel([source('log.json', text)]).keys.flatMap((k) => k.grants.map((g) => grantInputOf(g, k.key.arn)));
    const forEvaluator = grantsOfSources([source('log.json', text)]);
    const byId = (a: { grantId: string }, b: { grantId: string }): number => a.grantId.localeCompare(b.grantId);
    assert.ok(forEvaluator.length > 10);
    assert.deepStrictEqual([...forEvaluator].sort(byId), [...fromModel].sort(byId));
  });
});
