// Preloaded into a child process by the tests (node --import): report on standard error every
// read of a Horizons table file, so a test can tell whether a command read the bundled table.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const readFileSync = fs.readFileSync;
fs.readFileSync = function reportingReadFileSync(path, ...rest) {
  if (String(path).includes('horizons_jwst_wrt_sun_')) process.stderr.write(`read ${String(path)}\n`);
  return readFileSync.call(this, path, ...rest);
};
syncBuiltinESMExports();
