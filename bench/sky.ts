/**
 * The benchmark's deterministic inputs: every case and every run sees the same targets and programs.
 */

/** Deterministic pseudo-random numbers in (0, 1): the Park-Miller "minimal standard" generator (multiplier 16,807, modulus 2^31 - 1). */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16_807) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

/** n positions uniform on the sphere, named `sky-1` to `sky-n`. */
export function randomPositions(n: number, seed = 42): Array<{ name: string; ra: number; dec: number }> {
  const next = random(seed);
  return Array.from({ length: n }, (_, i) => ({
    name: `sky-${i + 1}`,
    ra: next() * 360 * 0.999_999,
    dec: (Math.asin(2 * next() - 1) * 180) / Math.PI,
  }));
}

/** A program-information document: `visitsPerTarget` rows of `template` for each target, in turn. */
export function programDocument(targets: readonly { name: string }[], visitsPerTarget: number, template: string): string {
  const rows: string[] = [];
  targets.forEach((target, i) => {
    for (let v = 0; v < visitsPerTarget; v += 1) rows.push(`| Visit ${rows.length + 1} | ${template} | (${i + 1}) ${target.name} |`);
  });
  return [
    '---',
    'id: 9000',
    '---',
    '# 9000 - Synthetic',
    '',
    '| Label | Observing Template | Science Target |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
