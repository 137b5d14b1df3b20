/**
 * Run every example, one after another, each in its own Node process, with a heading before
 * each; exit with code 1 if any of them fails (after running the rest).
 *
 *   npm run examples
 *   node --import tsx examples/run-all.ts
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The examples, in the order a reader would meet them. */
const EXAMPLES = ['planning-script.ts', 'yearly-calendar.ts', 'check-gaps.ts', 'orientation.ts'];

/** The repository root: `--import tsx` is resolved from the working folder. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const failed: string[] = [];
for (const [index, name] of EXAMPLES.entries()) {
  const file = fileURLToPath(new URL(name, import.meta.url));
  const heading = `examples/${name} (${index + 1} of ${EXAMPLES.length})`;
  console.log(`${index > 0 ? '\n' : ''}${heading}\n${'='.repeat(heading.length)}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    console.log(`-- ${name}: ok (${seconds} s)`);
  } else {
    const how = result.error ? result.error.message : result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`;
    console.log(`-- ${name}: FAILED, ${how} (${seconds} s)`);
    failed.push(name);
  }
}

console.log(
  failed.length === 0
    ? `\nAll ${EXAMPLES.length} examples ran.`
    : `\n${failed.length} of ${EXAMPLES.length} examples failed: ${failed.join(', ')}`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
