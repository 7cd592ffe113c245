/**
 * Rule metadata that says everything: each rule's id carries its area's
 * prefix and its module file is named after the rest of it; it has a category
 * and the classes of its fixes; its docs page path; the sources of the facts
 * its messages claim; and former ids keep working in users' settings and in
 * `--rule`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloudTrailRules } from '../../src/core/cloudtrail/rules';
import { SOURCES } from '../../src/core/data/sources';
import { grantRules } from '../../src/core/grants/rules';
import { lifecycleRules } from '../../src/core/lifecycle/rules';
import { policyRules } from '../../src/core/policy/rules';
import { docsPath, RULE_CATEGORIES, type Rule } from '../../src/core/rules/rule';
import { syntaxRules } from '../../src/core/syntax';
import { terraformRules } from '../../src/core/terraform/rules';
import { allRules, analyze, FIX_SAFETIES, ruleByAnyId, ruleById } from '../../src/core';
import { FIXTURES } from './helpers';

const ROOT = path.resolve(FIXTURES, '..', '..');
const CORE = path.join(ROOT, 'src', 'core');

/** Each area: its prefix, the folder of its rule modules, and its rules. */
const AREAS: Array<{ prefix: string; dir: string; rules: readonly Rule[] }> = [
  { prefix: 'json', dir: 'syntax', rules: syntaxRules },
  { prefix: 'policy', dir: path.join('policy', 'rules'), rules: policyRules },
  { prefix: 'grant', dir: path.join('grants', 'rules'), rules: grantRules },
  { prefix: 'terraform', dir: path.join('terraform', 'rules'), rules: terraformRules },
  { prefix: 'ct', dir: path.join('cloudtrail', 'rules'), rules: cloudTrailRules },
  { prefix: 'lifecycle', dir: path.join('lifecycle', 'rules'), rules: lifecycleRules },
  { prefix: 'meta', dir: path.join('rules', 'meta'), rules: allRules.filter((r) => ![...syntaxRules, ...policyRules, ...grantRules, ...terraformRules, ...cloudTrailRules, ...lifecycleRules].includes(r)) },
];

/** `policy-unknown-condition-operator` in the policy area is the module `unknownConditionOperator.ts`. */
function moduleName(id: string, prefix: string): string {
  return id.slice(prefix.length + 1).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Rule modules of an area and the ids they define (helpers such as index.ts define none). */
function modules(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of fs.readdirSync(path.join(CORE, dir)).filter((x) => x.endsWith('.ts'))) {
    const ids = [...fs.readFileSync(path.join(CORE, dir, f), 'utf8').matchAll(/\n\s+id: '([a-z0-9-]+)',/g)].map((m) => m[1]);
    if (ids.length > 0) out.set(f.replace(/\.ts$/, ''), ids);
  }
  return out;
}

/** Words by which a message or description claims what AWS does: such a claim needs a source. */
const CLAIM = /\b(rejects?|rejected|refuses?|refused|never match(es)?|no effect|not accept|does not accept)\b/i;

describe('rule metadata', () => {
  it('every area\'s rule ids carry its prefix, and the areas together are all the rules', () => {
    for (const { prefix, rules } of AREAS) for (const r of rules) assert.match(r.id, new RegExp(`^${prefix}-[a-z0-9]+(-[a-z0-9]+)*$`), r.id);
    assert.equal(AREAS.reduce((n, a) => n + a.rules.length, 0), allRules.length);
  });

  it('every rule lives in a module named after its id, one rule per module', () => {
    for (const { prefix, dir, rules } of AREAS) {
      const mods = modules(dir);
      for (const r of rules) {
        const name = moduleName(r.id, prefix);
        assert.deepEqual(mods.get(name), [r.id], `${r.id} should be the one rule of ${path.join(dir, `${name}.ts`)}`);
      }
      assert.equal(mods.size, rules.length, `${dir} has rule modules that are not in the area's list`);
    }
  });

  it('every rule has a category, the classes of its fixes and a docs page path', () => {
    for (const r of allRules) {
      assert.ok(RULE_CATEGORIES.includes(r.category), `${r.id}: category ${r.category}`);
      assert.ok(r.fixable.every((s) => FIX_SAFETIES.includes(s)), `${r.id}: fixable ${r.fixable.join(', ')}`);
      assert.equal(new Set(r.fixable).size, r.fixable.length, `${r.id}: a class listed twice`);
      assert.equal(docsPath(r), `docs/rules/${r.id}.md`);
    }
  });

  it('every rule that claims what AWS rejects, refuses or never matches names its sources, from the one list', () => {
    const known = new Set<string>(Object.values(SOURCES));
    const unsourced: string[] = [];
    for (const { prefix, dir, rules } of AREAS) {
      for (const r of rules) {
        // What the module says to users (comments are for us).
        const text = fs.readFileSync(path.join(CORE, dir, `${moduleName(r.id, prefix)}.ts`), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
        const sources = r.docs.sources ?? [];
        for (const s of sources) assert.ok(known.has(s), `${r.id}: ${s} is not in src/core/data/sources.ts`);
        if (CLAIM.test(text) && sources.length === 0) unsourced.push(r.id);
      }
    }
    assert.deepEqual(unsourced, []);
  });

  it('former ids are not current ids, and each names one rule', () => {
    const former = allRules.flatMap((r) => r.formerIds ?? []);
    assert.deepEqual(former.filter((id) => ruleById.has(id)), []);
    assert.equal(new Set(former).size, former.length);
    assert.deepEqual(['file-too-large', 'too-many-findings', 'internal-error'].map((id) => ruleByAnyId(id)?.id), ['meta-file-too-large', 'meta-too-many-findings', 'meta-internal-error']);
  });

  it('a setting under a former id still applies to the rule; the current id wins when both are set', () => {
    const text = `{"Version":"2012-10-17","Statement":[${Array.from({ length: 3 }, () => '{"Effect":"Allow","Principal":"*","Action":"kms:Decrpyt","Resource":"*"}').join(',')}]}`;
    const codes = (rules: Record<string, 'off' | 'error'>): string[] => analyze(text, { languageId: 'json' }, { rules, maxFindings: 2, maxFileSize: 1 << 20 }).findings.map((f) => `${f.code} ${f.severity}`);
    assert.ok(codes({}).includes('meta-too-many-findings information'));
    assert.ok(!codes({ 'too-many-findings': 'off' }).some((c) => c.startsWith('meta-too-many-findings')));
    assert.ok(codes({ 'too-many-findings': 'off', 'meta-too-many-findings': 'error' }).includes('meta-too-many-findings error'));
  });

  it('kms-lens check --rule accepts a former id', () => {
    const cli = path.join(ROOT, 'dist', 'cli.js');
    const file = path.join(FIXTURES, 'corpus', 'seeds', 'deadline-policy-read-write.json');
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--max-findings', '1', '--rule', 'too-many-findings=off', file], { encoding: 'utf8' });
    assert.notEqual(r.status, 2, r.stderr);
    assert.ok(!(JSON.parse(r.stdout) as Array<{ code: string }>).some((f) => f.code === 'meta-too-many-findings'), r.stdout);
  });
});
