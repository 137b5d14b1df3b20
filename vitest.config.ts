import { defineConfig } from 'vitest/config';

// Limits that hold when the machine is busy. A hook or test that takes seconds on a quiet
// machine (a hook builds the package, or schedules a whole cycle for the tests after it) can
// take several times as long when other work shares the CPU; vitest's default hook limit of
// 10 s then failed suites that had nothing wrong. At a load average of 25 on 2 cores a test
// that runs the command three times took over 2 minutes. A test that truly hangs still fails, later.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
