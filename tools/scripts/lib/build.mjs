// Builds the server (swc → dist/server) and the three SPAs (vite → dist/web/<app>). Each part is skipped
// when nothing it is built from changed since its last build (a fingerprint of paths, sizes and mtimes).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureDir, log, root, run } from './util.mjs';

const SKIP = new Set(['node_modules', 'dist', '.tmk', '.nx', 'test-results', 'playwright-report', '.git']);

function fingerprint(inputs) {
  const hash = createHash('sha256');
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!SKIP.has(name)) visit(join(p, name));
    } else {
      hash.update(`${relative(root, p)}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const input of inputs) visit(join(root, input));
  return hash.digest('hex');
}

function buildPart(name, inputs, outputMarker, build) {
  const stampFile = join(root, 'dist', `.stamp-${name}`);
  const print = fingerprint(inputs);
  if (
    existsSync(stampFile) &&
    existsSync(join(root, outputMarker)) &&
    readFileSync(stampFile, 'utf8') === print
  ) {
    log(`build ${name}: up to date`);
    return;
  }
  log(`build ${name}…`);
  build();
  ensureDir(join(root, 'dist'));
  writeFileSync(stampFile, print);
}

const sharedInputs = ['package-lock.json', 'tsconfig.base.json'];
export const SPAS = ['doctor', 'patient', 'coordinator'];

export function buildServer() {
  buildPart(
    'server',
    [
      'apps/api/src',
      'apps/worker/src',
      'apps/demo-idp/src',
      'libs',
      'tools/bench',
      '.swcrc',
      ...sharedInputs,
    ],
    'dist/server/apps/api/src/main.js',
    () =>
      run('npx', [
        'swc',
        'apps/api/src',
        'apps/worker/src',
        'apps/demo-idp/src',
        'tools/bench',
        'libs',
        '--config-file',
        '.swcrc',
        '-d',
        'dist/server',
        '--copy-files',
        '--ignore',
        '**/*.spec.ts,**/*.int-spec.ts,**/*.d.ts,libs/web/**',
        '-q',
      ]),
  );
}

export function buildWeb() {
  for (const app of SPAS) {
    buildPart(
      `web-${app}`,
      [`apps/${app}-web`, 'libs/web', 'libs/shared/kernel', 'tools/vite', ...sharedInputs],
      `dist/web/${app}/index.html`,
      () =>
        run('npx', [
          'vite',
          'build',
          '--logLevel',
          'warn',
          '--configLoader',
          'runner',
          '-c',
          `apps/${app}-web/vite.config.ts`,
        ]),
    );
  }
}

export function buildAll() {
  buildServer();
  buildWeb();
}
