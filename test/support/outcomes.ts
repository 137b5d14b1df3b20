/**
 * A tally of what the malformed-input tests tried and how each case ended, printed once a
 * test file is done, so that a run states how many inputs were tried and what came of them.
 */
import { afterAll } from 'vitest';

/** Counts per category, then per outcome (`refused`, `read whole`, ...). */
export function tally(category: string): (outcome: string) => void {
  const counts = new Map<string, number>();
  afterAll(() => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const parts = [...counts].map(([outcome, count]) => `${outcome} ${count}`).join(', ');
    console.log(`[malformed inputs] ${category}: ${total} tried; ${parts}`);
  });
  return (outcome) => counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
}
