/**
 * Property tests for fix-all (the editor's source.fixAll.kmsLens and
 * `kms-lens check --fix`) over the corpus and random mutations of it:
 * - when every problem of the input has a fix, the output parses as JSON;
 * - running it twice changes nothing;
 * - the edits it applies in one pass never overlap;
 * - on any input at all it never throws and never adds a syntax problem.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, appliedByFixAll, DEFAULT_SETTINGS, fixAll, fixAllEdits, type DocumentHints } from '../../src/core';
import { CORPUS } from './helpers';
import { applyBlind, applyFixable, blindMutation, fixableMutation } from './mutations';

const HINTS: DocumentHints = { languageId: 'json', fileName: 'doc.json' };

interface Doc {
  name: string;
  text: string;
}

function corpusDocs(): Doc[] {
  const out: Doc[] = [];
  for (const dir of ['seeds', 'awsdocs']) {
    for (const f of fs.readdirSync(path.join(CORPUS, dir)).filter((x) => x.endsWith('.json'))) {
      out.push({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(CORPUS, dir, f), 'utf8') });
    }
  }
  return out;
}

const docs = corpusDocs();
/** Valid JSON that KMS Lens analyses (policies and events): the inputs of the "parses" property. */
const validDocs = docs.filter((d) => {
  try {
    JSON.parse(d.text);
  } catch {
    return false;
  }
  return analyze(d.text, HINTS).model.kind !== 'other';
});

/** Every syntax finding of the text has a fix-all fix: "the input's only problems are fixable". */
function onlyFixableSyntax(text: string): boolean {
  const { model, findings } = analyze(text, HINTS);
  if (model.kind === 'other') return false;
  const syntax = findings.filter((f) => f.code.startsWith('json-'));
  return model.syntaxProblems.length === syntax.length && syntax.every((f) => f.fixes?.some(appliedByFixAll));
}

function overlapping(edits: ReturnType<typeof fixAllEdits>): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (b.start < a.end || (a.start === a.end && b.start === b.end && a.start === b.start)) return true;
  }
  return false;
}

describe('fix-all properties', function () {
  this.timeout(300_000);

  it('the corpus has valid policies and events to mutate', () => {
    assert.ok(validDocs.length >= 100, `only ${validDocs.length} valid corpus documents`);
  });

  it('fixes the broken corpus documents whose problems are all fixable, into JSON that parses', () => {
    const broken = docs.filter((d) => {
      try {
        JSON.parse(d.text);
        return false;
      } catch {
        return onlyFixableSyntax(d.text);
      }
    });
    assert.ok(broken.length >= 3, `expected the seed and awsdocs trailing-comma examples, got ${broken.map((d) => d.name).join(', ')}`);
    for (const d of broken) {
      const once = fixAll(d.text, HINTS, DEFAULT_SETTINGS).text;
      assert.doesNotThrow(() => JSON.parse(once), d.name);
      assert.equal(fixAll(once, HINTS, DEFAULT_SETTINGS).text, once, `${d.name}: a second run changed the text`);
    }
  });

  it('turns any mix of trailing commas, lost commas and comments into JSON that parses, and is idempotent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validDocs), fc.array(fixableMutation, { minLength: 1, maxLength: 4 }), (doc, mutations) => {
        const mutated = mutations.reduce(applyFixable, doc.text);
        fc.pre(mutated !== doc.text && onlyFixableSyntax(mutated));
        const once = fixAll(mutated, HINTS, DEFAULT_SETTINGS).text;
        JSON.parse(once);
        assert.equal(fixAll(once, HINTS, DEFAULT_SETTINGS).text, once);
        assert.ok(!overlapping(fixAllEdits(analyze(mutated, HINTS).findings)));
      }),
      { numRuns: 400, seed: 20240423 },
    );
  });

  it('never throws on blind edits, never adds a syntax problem, and a second run changes nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...docs), fc.array(blindMutation, { minLength: 1, maxLength: 3 }), (doc, mutations) => {
        const mutated = mutations.reduce(applyBlind, doc.text);
        const before = analyze(mutated, HINTS);
        assert.ok(!overlapping(fixAllEdits(before.findings)));
        const once = fixAll(mutated, HINTS, DEFAULT_SETTINGS).text;
        const after = analyze(once, HINTS);
        assert.ok(after.model.syntaxProblems.length <= before.model.syntaxProblems.length, 'fix-all added a syntax problem');
        assert.equal(fixAll(once, HINTS, DEFAULT_SETTINGS).text, once);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
