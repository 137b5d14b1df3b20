/**
 * Record which installed packages a Node process loads: run it with
 * `--import <this file>` and IMPORT_TRACE_FILE set; every package that an import resolves to
 * (its name under node_modules) is appended to that file, one a line. The resolve hook runs
 * on Node's module-hooks thread and writes there, so nothing is lost when the process exits.
 */
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const file = process.env.IMPORT_TRACE_FILE;

if (isMainThread && file) register(import.meta.url);

/** Node's resolve hook: pass the import on, and note the package it lands in. */
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const name = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(result.url)?.[1];
  if (name && file) appendFileSync(file, `${name}\n`);
  return result;
}
