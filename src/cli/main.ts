#!/usr/bin/env node
/**
 * The `jwst-cadence` executable: runs the command line ({@link main}) on the process's
 * arguments and sets its exit code. The command line itself is in `run.ts`, so that it can also
 * be run inside another program (the tests run it so, where a separate process is not the point).
 * @module
 */
import { EXIT_UNEXPECTED, main } from './run.js';

// A reader that stops early (`jwst-cadence schedule --format csv | head`) closes the pipe:
// the command stops quietly instead of failing on its next write.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`jwst-cadence: cannot write to standard output (${error.code ?? error.message})\n`);
  process.exit(EXIT_UNEXPECTED);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`jwst-cadence: ${(error as Error).message}\n`);
    process.exitCode = EXIT_UNEXPECTED;
  },
);
