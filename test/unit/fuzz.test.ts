/**
 * The short fuzzing pass CI runs (issue 13): a fixed seed, a bounded number of
 * documents from the corpus, the samples and generated hostile shapes, every
 * entry point of the core service on each. `npm run fuzz -- --docs N --seed S`
 * runs the long one with the same checks.
 */
import * as assert from 'node:assert/strict';
import { checkDocument, checker, corpus, fuzz, seededRandom, shrink, summaryLine, type Problem } from '../fuzz/fuzz';

describe('fuzzing the core (short pass)', () => {
  it('reads the corpus and the samples, and the same seed gives the same documents', () => {
    assert.ok(corpus().length > 300);
    const a = seededRandom(42);
    const b = seededRandom(42);
    for (let i = 0; i < 5; i++) assert.equal(a(), b());
  });

  it('sees throws, ranges outside the text and slow calls, and shrinks a document to what shows the problem', () => {
    // A checker that cannot see problems would pass every run: show it one of each.
    const c = checker('0123456789');
    c.timed('hover', () => {
      throw new Error('Cannot convert object to primitive value');
    });
    c.range('hover', 3, 11, 'hover at 3');
    c.range('complete', 5, 4, 'completion at 5');
    c.range('analyze', 0, 10, 'fine');
    c.timed('analyze', () => {
      const start = process.cpuUsage();
      const spent = (): number => { const u = process.cpuUsage(start); return (u.user + u.system) / 1000; };
      while (spent() < 1100) { /* a call over the bound */ }
    });
    assert.deepEqual(c.problems.map((p) => `${p.kind} ${p.call}`), ['throw hover', 'range hover', 'range complete', 'slow analyze']);
    const doc = { label: 'made up', text: `{"a":[1,2,3],"b":"XYZ","c":{"d":null}}`, hints: { languageId: 'json' } };
    const problem: Problem = { kind: 'throw', call: 'analyze', detail: 'x' };
    assert.equal(shrink(doc, problem, 500, (t) => t.includes('XYZ')).text, 'XYZ');
    // A clean document has no problem.
    assert.deepEqual(checkDocument({ ...doc, text: '{"Version":"2012-10-17","Statement":[]}' }, seededRandom(1)), []);
  });

  // Seed 13 found `"eventName": {}` failing ct-kms-exclusive-parameters before it was fixed.
  it('60 documents up to 100 KB: no throw, no call over 1 s, every range inside, Fix all valid and idempotent', function () {
    this.timeout(120_000);
    const summary = fuzz(13, 60, { maxSize: 100 * 1024, probes: 8 });
    const list = [...summary.distinct.values()].map(({ problem, doc }) => `${problem.kind} in ${problem.call}: ${problem.detail} (${doc.label})`);
    assert.equal(summaryLine(summary), '60 docs, 0 throws, 0 slow, 0 bad ranges, 0 fix-all problems', list.join('\n'));
  });
});
