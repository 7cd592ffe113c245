/** "Did you mean ...?": the nearest names to a misspelt one, by edit distance. */

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/**
 * Up to `max` candidates close to `word`, nearest first. A candidate qualifies
 * when its distance is at most a third of the longer name (at least 2), so
 * "Decrpyt" finds "Decrypt" but "Foo" finds nothing.
 */
export function nearest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: Array<{ c: string; d: number }> = [];
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > Math.max(2, Math.ceil(Math.max(c.length, word.length) / 3))) continue;
    const d = editDistance(word, c);
    if (d > 0 && d <= Math.max(2, Math.floor(Math.max(c.length, word.length) / 3))) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  return scored.slice(0, max).map((x) => x.c);
}
