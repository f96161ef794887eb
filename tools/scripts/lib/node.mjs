import { join } from 'node:path';
import { root } from './util.mjs';

/** Node arguments to run a compiled server entry point from dist/server. */
export function serverEntry(relPath) {
  return [
    '--enable-source-maps',
    '-r',
    join(root, 'tools/runtime/register-paths.cjs'),
    join(root, 'dist/server', relPath),
  ];
}
