/**
 * Every policy rule: a case where it fires, with the exact range of the
 * offending token marked ⟦ ⟧ in the text, at least one near miss where it must
 * stay silent, and its quick fix where it has one. A rule added to the list
 * without cases here fails the first test of its block.
 */
import * as assert from 'node:assert/strict';
import { policyRules } from '../../src/core/policy/rules';
import { CASES } from './policyCases';
import { analyze } from '../../src/core';
import { applyFix, expectAt, expectNone, fixOf, JSON_HINTS, ofCode, ROOT } from './policyHelpers';

describe('policy rules', () => {
  it('every rule is a policy rule with an id, default severity and docs', () => {
    for (const r of policyRules) {
      assert.match(r.id, /^policy-[a-z0-9-]+$/);
      assert.equal(r.scope, 'policy');
      assert.ok(r.docs.description.length > 40 && r.docs.remedy.length > 10, r.id);
    }
  });

  for (const rule of policyRules) {
    describe(rule.id, () => {
      const c = CASES[rule.id];
      it('has a firing case and a near miss', () => {
        assert.ok(c, `no test cases for ${rule.id}`);
        assert.ok(c.fires.length > 0 && c.nearMisses.length > 0);
      });
      if (!c) return;
      const hints = c.hints ?? JSON_HINTS;

      it('fires exactly on the offending token', () => {
        for (const src of c.fires) {
          const { found } = expectAt(src, rule.id, hints, c.context);
          for (const f of found) assert.equal(f.severity, rule.defaultSeverity);
        }
      });

      it('stays silent on the near misses', () => {
        for (const text of c.nearMisses) expectNone(text, rule.id, hints, c.context);
      });

      if (c.message) {
        it('says what is wrong', () => {
          const { found } = expectAt(c.fires[0], rule.id, hints, c.context);
          assert.match(found[0].message, c.message!);
        });
      }

      if (c.fix) {
        it(c.fix.title ? `offers the fix "${c.fix.title}"` : 'has a fix that fix-all applies and that repairs it', () => {
          const { text, found } = expectAt(c.fires[0], rule.id, hints);
          if (c.fix!.safety) assert.equal(fixOf(found[0], c.fix!.title)?.safety, c.fix!.safety, 'its safety class');
          const fixed = applyFix(text, found[0], c.fix!.title);
          if (typeof c.fix!.result === 'string') assert.equal(fixed, c.fix!.result);
          else c.fix!.result(fixed);
          assert.doesNotThrow(() => JSON.parse(fixed), 'the fix keeps the JSON valid');
          // The repaired token is no longer reported.
          const before = found[0];
          assert.ok(!ofCode(fixed, rule.id, hints).some((f) => f.start === before.start && f.message === before.message), 'the finding is gone after the fix');
        });
      }
    });
  }
});

describe('policy-unknown-element fix', () => {
  const renameFix = (text: string) => {
    const f = analyze(text, JSON_HINTS).findings.find((x) => x.code === 'policy-unknown-element');
    assert.ok(f, text);
    return fixOf(f, 'Rename to "Resource"');
  };
  const iam = (members: string) => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt",${members}}]}`;
  const key = (members: string) => `{"Version":"2012-10-17","Statement":[${ROOT},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:role/App"},"Action":"kms:Decrypt",${members}}]}`;

  it('repairs an IAM policy that IAM refuses for lack of a Resource, only when the value fits the element', () => {
    assert.equal(renameFix(iam('"resource":"arn:aws:kms:us-west-2:210987654321:key/*"'))?.safety, 'repair');
    // A CloudTrail `resources` list pasted into a statement: renaming it would leave a Resource of the wrong type.
    const pasted = renameFix(iam('"resources":[{"ARN":"arn:aws:kms:us-west-2:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]'));
    assert.ok(pasted, 'the rename is still offered');
    assert.equal(pasted.safety, 'review');
  });

  it('leaves to the user a rename that makes a key policy statement without Resource apply (KMS accepts it, with no effect)', () => {
    const fix = renameFix(key('"resource":"*"'));
    assert.equal(fix?.safety, 'widens');
    assert.equal(fix?.title, 'Rename to "Resource" — Allows role App to Decrypt with this key.');
  });
});

describe('policy-alias-arn-resource beside a key ARN', () => {
  const quiet = (resources: string): string[] => {
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt","kms:DescribeKey"],"Resource":${resources}}]}`;
    return analyze(text, JSON_HINTS).findings.filter((f) => f.code === 'policy-alias-arn-resource').map((f) => f.severity);
  };

  it('is information when the same Resource also names keys: the statement works through them, the alias ARN only adds nothing', () => {
    assert.deepEqual(quiet('["arn:aws:kms:*:*:alias/*","arn:aws:kms:*:*:key/*"]'), ['information']);
    assert.deepEqual(quiet('["arn:aws:kms:us-west-2:210987654321:alias/app","${key_arn}"]'), ['information']);
  });

  it('keeps its severity when the alias ARN is all the statement names', () => {
    assert.deepEqual(quiet('["arn:aws:kms:*:*:alias/*"]'), ['warning']);
  });
});
