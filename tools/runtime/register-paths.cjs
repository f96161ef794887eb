// Resolves the workspace's `@tmk/*` path aliases for the compiled server in dist/server (swc keeps the
// folder layout, so `libs/x/src/index.ts` becomes `dist/server/libs/x/src/index.js`). Loaded with `node -r`.
const Module = require('node:module');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const { paths } = require(path.join(root, 'tsconfig.base.json')).compilerOptions;
const dist = path.join(root, 'dist', 'server');
const aliases = new Map(
  Object.entries(paths).map(([alias, [target]]) => [alias, path.join(dist, target.replace(/\.ts$/, '.js'))]),
);

const original = Module._resolveFilename;
Module._resolveFilename = function resolveWithAliases(request, ...rest) {
  const target = aliases.get(request);
  return original.call(this, target ?? request, ...rest);
};
