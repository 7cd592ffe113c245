/**
 * The benchmark's verdicts (test/bench/targets.ts): a goal passes only when
 * the figure measured in the run is at most the goal, and a figure that could
 * not be measured never passes.
 */
import * as assert from 'node:assert/strict';
import { passes, targetTable, type TargetResult } from '../bench/targets';

const goal = (measured: number): TargetResult => ({ what: 'kms-lens grants / JSON.parse', measured, goal: 1.3, unit: 'x', digits: 2 });

describe('benchmark goals', () => {
  it('passes at or under the goal, fails over it or when nothing was measured', () => {
    assert.equal(passes(goal(1.29)), true);
    assert.equal(passes(goal(1.3)), true);
    assert.equal(passes(goal(1.31)), false);
    assert.equal(passes(goal(Number.NaN)), false);
  });

  it('prints one row per goal with the figure, the goal and the verdict', () => {
    const lines = targetTable([goal(2.94), { what: '2,000 policies: time per policy', measured: 0.21, goal: 0.3, unit: ' ms', digits: 3 }]);
    assert.deepEqual(lines.slice(-2), [
      '| kms-lens grants / JSON.parse | 2.94x | 1.30x | FAIL |',
      '| 2,000 policies: time per policy | 0.210 ms | 0.300 ms | PASS |',
    ]);
    assert.deepEqual(targetTable([]), []);
  });
});
