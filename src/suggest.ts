/**
 * "Did you mean": the known word closest to a mistyped one, by edit distance.
 * @module
 */

/**
 * Edit distance between two words: the fewest insertions, deletions, substitutions and swaps
 * of two neighbouring characters that turn one into the other (`windwos` is 1 from `windows`).
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `word` (compared through `key`, e.g. ignoring case), when it is
 * close enough to be a typing error: at most a third of the word's length away (and at most 3),
 * and at least 1 for words of 2 or more characters. Ties go to the first candidate.
 */
export function closestWord(
  word: string,
  candidates: Iterable<string>,
  key: (text: string) => string = (text) => text,
): string | undefined {
  const typed = key(word);
  const limit = Math.min(3, Math.max(typed.length >= 2 ? 1 : 0, Math.floor(typed.length / 3)));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(typed, key(candidate));
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** `; did you mean X?` when a candidate is close to the word, else the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>, key?: (text: string) => string): string {
  const close = closestWord(word, candidates, key);
  return close === undefined ? '' : `; did you mean ${close}?`;
}
