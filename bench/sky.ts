/**
 * The benchmark's deterministic sky: every case and every run sees the same targets.
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
