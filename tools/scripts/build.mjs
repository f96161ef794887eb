import { buildAll } from './lib/build.mjs';
import { ensureDependencies, fail } from './lib/util.mjs';

try {
  ensureDependencies();
  buildAll();
} catch (e) {
  fail(e);
}
