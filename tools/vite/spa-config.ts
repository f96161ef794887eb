import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import ts from 'typescript';
import type { Alias, UserConfig } from 'vite';

export type SpaName = 'doctor' | 'patient' | 'coordinator';

/** Where the api listens in development; the dev server proxies the api, health probes and websockets to it. */
const API_ORIGIN = process.env['TMK_API_ORIGIN'] ?? 'http://localhost:3000';

/** Dev server ports, one per SPA, so the three can run side by side. */
const DEV_PORTS: Record<SpaName, number> = { doctor: 5173, patient: 5174, coordinator: 5175 };

/** Libraries a web app may import through a path alias: the web libs and the framework-free kernel. */
const WEB_ALIAS = /^@tmk\/(web-[a-z0-9-]+|shared-kernel|shared-cades)$/;

/**
 * Reads the path aliases from tsconfig.base.json (TypeScript's own JSONC reader, so comments and trailing
 * commas are fine) and keeps the ones the browser may use. One source of truth, no vite-tsconfig-paths.
 */
export function webAliases(repoRoot: string): Alias[] {
  const file = resolve(repoRoot, 'tsconfig.base.json');
  const parsed = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8'));
  if (parsed.error)
    throw new Error(
      `Cannot read ${file}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n')}`,
    );
  const config = parsed.config as { compilerOptions?: { paths?: Record<string, string[]> } };
  const paths = config.compilerOptions?.paths ?? {};
  return Object.entries(paths)
    .filter(([alias]) => WEB_ALIAS.test(alias))
    .map(([alias, [target]]) => {
      if (!target) throw new Error(`tsconfig.base.json: alias ${alias} has no target`);
      const escaped = alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      return { find: new RegExp(`^${escaped}$`), replacement: resolve(repoRoot, target) };
    });
}

/**
 * The Vite configuration shared by the three SPAs. Each is served by the api under `/<name>/` (see
 * apps/api/src/spa.ts) and built into `dist/web/<name>`.
 *
 * @param name which SPA
 * @param appDir the app's directory (`apps/<name>-web`), i.e. the directory of its vite.config.ts
 */
export function spaConfig(name: SpaName, appDir: string): UserConfig {
  const repoRoot = resolve(appDir, '../..');
  return {
    root: appDir,
    base: `/${name}/`,
    plugins: [vue()],
    resolve: { alias: webAliases(repoRoot) },
    define: {
      // vue-i18n: composition API only, no legacy API and no devtools hooks in production bundles.
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
      __INTLIFY_DROP_MESSAGE_COMPILER__: false,
      __VUE_PROD_DEVTOOLS__: false,
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    },
    build: {
      outDir: resolve(repoRoot, 'dist/web', name),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
    },
    server: {
      port: DEV_PORTS[name],
      strictPort: true,
      proxy: {
        '/api': { target: API_ORIGIN, changeOrigin: false },
        '/health': { target: API_ORIGIN, changeOrigin: false },
        '/ws': { target: API_ORIGIN, ws: true, changeOrigin: false },
      },
    },
    preview: { port: DEV_PORTS[name], strictPort: true },
  };
}
