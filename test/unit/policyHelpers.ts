/** Helpers for the policy rule tests: policies built from statements, ranges marked in the text with ⟦ ⟧. */
import * as assert from 'node:assert/strict';
import { applyEdits, buildModel, DEFAULT_SETTINGS, fixAllFixOf, runRules, type AnalysisContext, type DocumentHints, type Finding, type Fix } from '../../src/core';
import { findings } from './helpers';

/** A real-looking account that is not a documentation placeholder, so tests see no placeholder findings unless they mean to. */
export const ACCOUNT = '210987654321';
export const ROOT = `{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Resource":"*"}`;

/** A key policy: the root delegation statement plus `statements` (so lockout is not reported unless a test wants it). */
export function keyPolicy(...statements: string[]): string {
  return `{"Version":"2012-10-17","Statement":[${[ROOT, ...statements].join(',')}]}`;
}

/** A key policy with exactly these statements. */
export function bareKeyPolicy(...statements: string[]): string {
  return `{"Version":"2012-10-17","Statement":[${statements.join(',')}]}`;
}

export function identityPolicy(...statements: string[]): string {
  return `{"Version":"2012-10-17","Statement":[${statements.join(',')}]}`;
}

/** A statement for App role in the account, with extra members. */
export function appStatement(members: string): string {
  return `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},${members}}`;
}

/** A PutKeyPolicy event carrying `policy` as its escaped string. */
export function putKeyPolicyEvent(policy: string, region = 'us-west-2'): string {
  return `{"eventVersion":"1.08","eventTime":"2024-05-01T10:00:00Z","eventSource":"kms.amazonaws.com","eventName":"PutKeyPolicy","awsRegion":"${region}","recipientAccountId":"${ACCOUNT}",` +
    `"requestParameters":{"keyId":"arn:aws:kms:${region}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab","policyName":"default","policy":${JSON.stringify(policy)},"bypassPolicyLockoutSafetyCheck":false},"responseElements":null}`;
}

export interface Marked {
  text: string;
  /** The marked ranges, in order. */
  ranges: Array<[number, number]>;
}

/** Strips ⟦ and ⟧ from `src`, returning the ranges they enclosed. */
export function unmark(src: string): Marked {
  let text = '';
  const ranges: Array<[number, number]> = [];
  let open = -1;
  for (const ch of src) {
    if (ch === '⟦') open = text.length;
    else if (ch === '⟧') {
      ranges.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  return { text, ranges };
}

/**
 * The rule cases are key policies (or, without principals, identity policies), so their file is named
 * as people name key policies: a key-policy-shaped text that could also be a VPC endpoint policy (one
 * statement for one role, no root statement) is then read as a key policy for sure, as the name says.
 * How the same text reads under a neutral name is tested in policyKinds.test.ts.
 */
export const JSON_HINTS: DocumentHints = { languageId: 'json', fileName: 'key-policy.json' };

/** `context`: what the caller knows beyond the text (the editor's open logs), for the rules that read it. */
export function ofCode(text: string, code: string, hints: DocumentHints = JSON_HINTS, context?: AnalysisContext): Finding[] {
  const all = context ? runRules(buildModel(text, hints, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }), DEFAULT_SETTINGS, context) : findings(text, hints);
  return all.filter((f) => f.code === code);
}

/** Asserts that `code` reports exactly the marked ranges of `src`, and returns the findings. */
export function expectAt(src: string, code: string, hints: DocumentHints = JSON_HINTS, context?: AnalysisContext): { text: string; found: Finding[] } {
  const { text, ranges } = unmark(src);
  const found = ofCode(text, code, hints, context);
  const show = (r: Array<[number, number]>): string[] => r.map(([a, b]) => `${a}-${b} ${JSON.stringify(text.slice(a, b))}`);
  assert.deepEqual(show(found.map((f) => [f.start, f.end])), show(ranges), `${code} on ${text}`);
  return { text, found };
}

export function expectNone(text: string, code: string, hints: DocumentHints = JSON_HINTS, context?: AnalysisContext): void {
  const found = ofCode(text, code, hints, context);
  assert.deepEqual(found.map((f) => `${f.start}-${f.end} ${f.message}`), [], `${code} should not fire on ${text}`);
}

/**
 * The fix of `finding` with the given title (a fix that may widen access has
 * what it allows after its title, "Change to ... — Allows ..."), or the fix
 * fix-all applies.
 */
export function fixOf(finding: Finding, title?: string): Fix | undefined {
  return title ? finding.fixes?.find((f) => f.title === title || f.title.startsWith(`${title} — `)) : fixAllFixOf(finding);
}

/** The text after applying the fix of `finding` with the given title (or the fix fix-all applies). */
export function applyFix(text: string, finding: Finding, title?: string): string {
  const fix = fixOf(finding, title);
  assert.ok(fix, `no ${title ? `fix "${title}"` : 'fix-all fix'} on ${finding.code}; fixes: ${JSON.stringify(finding.fixes?.map((f) => f.title))}`);
  return applyEdits(text, fix.edits);
}
