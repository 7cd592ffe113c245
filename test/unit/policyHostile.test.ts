/**
 * Hostile and broken policies: the policy rules never throw (no meta-internal-error
 * finding) and stay fast on huge lists, since they run as the user types.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { CORPUS } from './helpers';
import { JSON_HINTS, putKeyPolicyEvent, ROOT } from './policyHelpers';

function noInternalError(text: string, label: string): void {
  const failed = analyze(text, JSON_HINTS).findings.find((f) => f.code === 'meta-internal-error');
  assert.equal(failed, undefined, `${label}: ${failed?.message}`);
}

describe('policy rules on hostile input', () => {
  it('handle a 0.8 MB statement of 30,000 distinct wildcard actions (each rule stays linear)', () => {
    const actions = Array.from({ length: 30_000 }, (_, i) => `"kms:GenerateVariant${i.toString(36)}*"`).join(',');
    const text = `{"Version":"2012-10-17","Statement":[${ROOT},{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Generate*",${actions}],"Resource":"*"}]}`;
    assert.ok(text.length > 500_000);
    const findings = analyze(text, JSON_HINTS, { rules: {}, maxFindings: 100_000, maxFileSize: 50 * 1024 * 1024 }).findings;
    assert.ok(!findings.some((f) => f.code === 'meta-internal-error'));
    assert.equal(findings.filter((f) => f.code === 'policy-unknown-action').length, 30_000);
  });

  it('handle 5,000 statements', () => {
    const statements = Array.from({ length: 5000 }, (_, i) => `{"Sid":"S${i}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:role/R${i}"},"Action":["kms:Decrypt","kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-west-2.amazonaws.com"}}}`);
    noInternalError(`{"Version":"2012-10-17","Statement":[${ROOT},${statements.join(',')}]}`, '5,000 statements');
  });

  it('never throw on truncations and random damage of every corpus policy, also inside a PutKeyPolicy string', () => {
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n;
    const dir = path.join(CORPUS, 'awsdocs');
    const policies = fs.readdirSync(dir).filter((f) => /^(key-policy|kms-vpc|conditions|abac|alias-auth|customer|tag-|services-wm-0|policy-eval)/.test(f));
    assert.ok(policies.length > 20);
    const junk = ['', '"', ',', '{', '}', '[', ']', ':', '*', 'kms:', 'arn:aws::', '\\u00', '${', '\u2013', 'null', '[]', '{}'];
    for (const f of policies) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 15))) noInternalError(text.slice(0, cut), `${f} cut at ${cut}`);
      for (let n = 0; n < 25; n++) {
        const at = Math.floor(rand(text.length));
        const damaged = text.slice(0, at) + junk[Math.floor(rand(junk.length))] + text.slice(at + Math.floor(rand(8)));
        noInternalError(damaged, `${f} damaged at ${at}`);
        noInternalError(putKeyPolicyEvent(damaged), `${f} damaged at ${at}, in an event`);
      }
    }
  });
});
