import { defineConfig } from 'vitest/config';

// Limits that hold when the machine is busy. A hook or test that takes seconds on a quiet
// machine (a hook builds the package, or schedules a whole cycle for the tests after it) can
// take several times as long when other work shares the CPU; vitest's default hook limit of
// 10 s then failed suites that had nothing wrong. A test that truly hangs still fails, later.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
