import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
// eslint-disable-next-line @nx/enforce-module-boundaries -- build tooling shared by the SPAs, not a library
import { spaConfig } from '../../tools/vite/spa-config';

export default defineConfig(spaConfig('patient', fileURLToPath(new URL('.', import.meta.url))));
