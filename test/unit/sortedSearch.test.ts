/** The one binary search the core uses (findings by offset, edits by position, statement parts by start). */
import * as assert from 'node:assert/strict';
import { countBelow, partitionPoint } from '../../src/core/sortedSearch';

describe('sorted search', () => {
  it('counts the items below a value at every boundary, with repeats, as a linear count does', () => {
    const sorted = [1, 3, 3, 3, 7, 9];
    for (let x = 0; x <= 10; x++) assert.equal(countBelow(sorted, x), sorted.filter((v) => v < x).length, `x = ${x}`);
    assert.equal(countBelow([], 5), 0);
    assert.equal(countBelow(new Float64Array([2, 4]), 4), 1);
  });

  it('finds the last item at or before a position (partitionPoint - 1), or -1 when there is none', () => {
    const starts = [0, 10, 20, 30];
    const last = (at: number): number => partitionPoint(starts.length, (i) => starts[i] <= at) - 1;
    assert.deepEqual([-1, 0, 9, 10, 25, 30, 99].map(last), [-1, 0, 0, 1, 2, 3, 3]);
  });
});
