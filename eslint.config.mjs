// @ts-check
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

/**
 * The context map: which other contexts' published contracts a context may import.
 * Anything not listed here is a boundary violation and fails `nx lint` / `npm run lint`.
 * See docs/adr/0002-bounded-contexts-and-boundaries.md.
 */
const contextMap = {
  identity: [],
  scheduling: ['identity', 'referrals'],
  referrals: ['identity', 'scheduling'],
  consultations: ['identity', 'scheduling', 'referrals', 'signing'],
  signing: ['identity', 'consultations'],
  audit: ['identity', 'scheduling', 'referrals', 'consultations', 'signing'],
};

const serverFrameworks = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'bullmq',
  'ioredis',
  'express',
  'class-validator',
  'class-transformer',
  'socket.io',
  'nestjs-pino',
];
const webFrameworks = ['vue', 'vue-*', 'pinia', '@vue/*'];

const scopeConstraints = Object.entries(contextMap).map(([ctx, allowed]) => ({
  sourceTag: `scope:${ctx}`,
  onlyDependOnLibsWithTags: [`scope:${ctx}`, 'scope:shared', ...allowed.map((c) => `contracts:${c}`)],
}));

/** Boundary rules; test files may additionally use the shared test harness (type:testing). */
function boundaries({ tests }) {
  const t = tests ? ['type:testing'] : [];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    checkDynamicDependenciesExceptions: [],
    depConstraints: [
      ...scopeConstraints,
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: [...t, 'scope:shared'] },
      { sourceTag: 'scope:web', onlyDependOnLibsWithTags: [...t, 'scope:web', 'scope:shared'] },
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: [...t, 'type:domain', 'type:util'],
        bannedExternalImports: [...serverFrameworks, ...webFrameworks],
      },
      {
        sourceTag: 'type:contracts',
        onlyDependOnLibsWithTags: [...t, 'type:util'],
        bannedExternalImports: [...serverFrameworks, ...webFrameworks],
      },
      {
        sourceTag: 'type:util',
        onlyDependOnLibsWithTags: [...t, 'type:util'],
        bannedExternalImports: [...serverFrameworks, ...webFrameworks],
      },
      {
        sourceTag: 'type:application',
        onlyDependOnLibsWithTags: [...t, 'type:domain', 'type:contracts', 'type:util', 'type:application'],
        bannedExternalImports: ['typeorm', 'pg', 'bullmq', 'ioredis', 'express', ...webFrameworks],
      },
      {
        sourceTag: 'type:infrastructure',
        onlyDependOnLibsWithTags: [
          ...t,
          'type:application',
          'type:domain',
          'type:contracts',
          'type:util',
          'type:infrastructure',
        ],
      },
      {
        sourceTag: 'type:api',
        onlyDependOnLibsWithTags: [
          ...t,
          'type:application',
          'type:infrastructure',
          'type:contracts',
          'type:util',
        ],
      },
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: [...t, 'type:infrastructure', 'type:util', 'type:contracts'],
      },
      {
        sourceTag: 'platform:web',
        onlyDependOnLibsWithTags: [...t, 'platform:web', 'platform:any'],
        bannedExternalImports: serverFrameworks,
      },
      {
        sourceTag: 'platform:server',
        onlyDependOnLibsWithTags: [...t, 'platform:server', 'platform:any'],
        bannedExternalImports: webFrameworks,
      },
      { sourceTag: 'platform:any', onlyDependOnLibsWithTags: [...t, 'platform:any'] },
    ],
  };
}

export default [
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '.tmk/**',
      '.nx/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'libs/web/api-client/src/schema.d.ts',
      '**/*.cjs',
      'tools/**/*.mjs',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...tseslint.configs.strict,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.ts', '**/*.vue'],
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        parser: tseslint.parser,
        projectService: true,
        extraFileExtensions: ['.vue'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { disallowTypeAnnotations: false, fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', boundaries({ tests: false })],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'apps/e2e/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaries({ tests: true })],
    },
  },
  {
    files: ['**/*.vue'],
    rules: { 'vue/multi-word-component-names': 'off' },
  },
  prettier,
];
