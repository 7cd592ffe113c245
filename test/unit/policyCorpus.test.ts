/**
 * The corpus, as the issue asks: every defect of the seed policies is found
 * where it is, and the AWS guide's policy examples raise no warning or error
 * except the ones judged really wrong below (each with the reason).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, isPolicyDocument, type DocumentKind, type Finding } from '../../src/core';
import { CORPUS, fixture } from './helpers';

const AWSDOCS = path.join(CORPUS, 'awsdocs');

/**
 * Warnings and errors on AWS guide examples that are really wrong, by file: the
 * findings expected, and why. Anything else at warning or error level fails.
 */
const JUDGED: Record<string, { codes: string[]; why: string }> = {
  'key-policy-overview-0.json': { codes: ['policy-lockout-risk'], why: 'A one-statement illustration of the syntax, saved as a whole key policy (and named as one): as such it locks everyone out.' },
  'key-policy-services-1.json': { codes: ['policy-lockout-risk'], why: 'The CloudTrail statement alone (a service principal: a key policy for sure), as a whole key policy it locks everyone out.' },
  'kms-vpc-endpoint-8.json': { codes: ['json-trailing-comma'], why: 'Not valid JSON as published: a comma after the last element of the third statement.' },
  'multi-region-keys-auth-2.json': { codes: ['json-syntax'], why: 'Not valid JSON as published: "Bool": "kms:MultiRegion": true lacks the braces of the inner object.' },
};

/**
 * What the examples that are not key policies, or may not be, are read as. They used to be judged as key
 * policies (lockout, Resource not "*", IAM-only actions, public principal): wrong, since they are VPC
 * endpoint policies or statements that fit a key policy and an endpoint policy alike.
 */
const READ_AS: Record<string, string> = {
  'conditions-kms-30.json': 'vpcEndpointPolicy',
  'kms-vpc-endpoint-3.json': 'vpcEndpointPolicy',
  'kms-vpc-endpoint-4.json': 'vpcEndpointPolicy',
  'kms-vpc-endpoint-5.json': 'vpcEndpointPolicy',
  'conditions-kms-36.json': 'keyPolicy?',
  'infrastructure-security-0.json': 'keyPolicy?',
};

const SERIOUS = new Set(['error', 'warning']);

function analysed(file: string): { kind: DocumentKind; certain: boolean; findings: Finding[] } {
  const text = fs.readFileSync(path.join(AWSDOCS, file), 'utf8');
  const a = analyze(text, { languageId: 'json', fileName: file });
  return { kind: a.model.kind, certain: a.model.policy?.decision.certain ?? true, findings: a.findings };
}

/** The corpus files that are policies, or CloudTrail events that carry one (PutKeyPolicy). */
function policyFiles(): string[] {
  return fs.readdirSync(AWSDOCS).filter((f) => f.endsWith('.json')).filter((f) => {
    const { kind, findings } = analysed(f);
    return isPolicyDocument(kind) || kind === 'cloudFormation' || findings.some((x) => x.code.startsWith('policy-'));
  });
}

describe('corpus: seed policies', () => {
  const at = (file: string, code: string): string[] => {
    const text = fixture('corpus', 'seeds', file);
    return analyze(text, { languageId: 'json', fileName: file }).findings.filter((f) => f.code === code).map((f) => text.slice(f.start, f.end));
  };

  it('finds the trailing comma of the read-write policy', () => {
    assert.deepEqual(at('deadline-policy-read-write.json', 'json-trailing-comma'), [',']);
  });

  it('finds the arn:aws::kms: shift in all three, as one malformed-ARN error each with the intended ARN as its fix', () => {
    for (const file of ['deadline-policy-createfarm.json', 'deadline-policy-read-only.json', 'deadline-policy-read-write.json']) {
      const text = fixture('corpus', 'seeds', file);
      const found = analyze(text, { languageId: 'json', fileName: file }).findings.filter((f) => f.code === 'policy-arn-malformed');
      assert.equal(found.length, 1, file);
      assert.match(text.slice(found[0].start, found[0].end), /^arn:aws::kms:us-west-2:111122223333:key\//);
      assert.equal(found[0].severity, 'error');
      const [fix] = found[0].fixes ?? [];
      assert.ok(fix, file);
      // The edit deletes the extra colon only, so a placeholder elsewhere in the ARN is never rewritten.
      const fixed = applyEdits(text, fix.edits);
      assert.equal(fixed.slice(found[0].start, found[0].end - 1), text.slice(found[0].start, found[0].end).replace('arn:aws::kms:', 'arn:aws:kms:'), file);
      // The ARN matches no key today: repaired, the Allow applies to the key, so the user applies it, not fix-all.
      assert.equal(fix.safety, 'widens', file);
    }
  });

  it('finds the key id 1234567890abcdef0 of the CreateFarm policy', () => {
    assert.deepEqual(at('deadline-policy-createfarm.json', 'policy-key-id-invalid'), ['1234567890abcdef0']);
  });

  it('reports the documentation placeholders as information only, once per value', () => {
    const text = fixture('corpus', 'seeds', 'deadline-policy-read-only.json');
    const placeholders = analyze(text, { languageId: 'json' }).findings.filter((f) => f.code === 'policy-placeholder');
    assert.deepEqual(placeholders.map((f) => [text.slice(f.start, f.end), f.severity]), [['111122223333', 'information'], ['a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', 'information']]);
  });
});

describe('corpus: AWS guide policy examples', () => {
  const files = policyFiles();

  it('covers the policy examples of the guide', () => {
    // 46 policy documents (the other files are CloudTrail events), one GetRole response (policy-evaluation-3:
    // its AssumeRolePolicyDocument is read as a trust policy) and one PutKeyPolicy event.
    assert.equal(files.length, 48, files.join(' '));
    assert.ok(files.includes('policy-evaluation-3.json'), 'the GetRole response carries a trust policy');
    assert.ok(files.includes('ct-put-key-policy-0.json'), 'the PutKeyPolicy event carries a policy');
  });

  it('raise no warning or error except the examples judged really wrong', () => {
    const seen: Record<string, string[]> = {};
    for (const f of files) {
      const serious = analysed(f).findings.filter((x) => SERIOUS.has(x.severity)).map((x) => x.code);
      if (serious.length > 0) seen[f] = serious;
    }
    const expected = Object.fromEntries(Object.entries(JUDGED).map(([f, j]) => [f, j.codes]));
    assert.deepEqual(seen, expected);
  });

  it('read the VPC endpoint policies as such, and the statements that fit both kinds as uncertain key policies', () => {
    const seen = Object.fromEntries(Object.keys(READ_AS).map((f) => {
      const a = analysed(f);
      return [f, `${a.kind}${a.certain ? '' : '?'}`];
    }));
    assert.deepEqual(seen, READ_AS);
    // Uncertain: the lockout they would deserve as whole key policies is there, as information.
    const lockout = analysed('conditions-kms-36.json').findings.find((f) => f.code === 'policy-lockout-risk');
    assert.equal(lockout?.severity, 'information');
    assert.match(lockout?.message ?? '', /not sure this is a KMS key policy/);
  });

  it('never throw, on any file of the corpus', () => {
    for (const dir of ['awsdocs', 'seeds']) {
      for (const f of fs.readdirSync(path.join(CORPUS, dir)).filter((x) => x.endsWith('.json'))) {
        const findings = analyze(fixture('corpus', dir, f), { languageId: 'json', fileName: f }).findings;
        assert.ok(!findings.some((x) => x.code === 'meta-internal-error'), `${dir}/${f}: ${findings.find((x) => x.code === 'meta-internal-error')?.message}`);
      }
    }
  });

  it('the default key policy in a PutKeyPolicy event raises only its placeholder note, at the account in the string', () => {
    const text = fs.readFileSync(path.join(AWSDOCS, 'ct-put-key-policy-0.json'), 'utf8');
    const policyFindings = analyze(text, { languageId: 'json' }).findings.filter((f) => f.code.startsWith('policy-'));
    assert.deepEqual(policyFindings.map((f) => [f.code, text.slice(f.start, f.end)]), [['policy-placeholder', '111122223333']]);
  });
});
