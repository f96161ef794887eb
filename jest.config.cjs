// One jest run for the whole server side: `unit` (pure, fast) and `integration` (real PostgreSQL and Redis,
// needs the services that tools/scripts/test.mjs starts). swc compiles TypeScript with decorator metadata.
const { paths } = require('./tsconfig.base.json').compilerOptions;

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const transform = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    },
  ],
};
// openid-client, pkijs and their dependencies are ESM-only: swc turns them into CommonJS like our own
// sources (ADR 0010, ADR 0014). Everything else in node_modules is loaded as it is.
const esmPackages = [
  'openid-client',
  'oauth4webapi',
  'jose',
  'pkijs',
  'asn1js',
  'bytestreamjs',
  '@peculiar/utils',
  '@noble/hashes',
];
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/e2e/', '<rootDir>/.tmk/'],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      setupFiles: ['reflect-metadata'],
    },
  ],
};
