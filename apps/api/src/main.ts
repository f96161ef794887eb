import 'reflect-metadata';
import { ConfigError, loadConfig } from '@tmk/shared-infrastructure';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`tmk-api: ${error.message}\nSee README.md, section Configuration.`);
  } else {
    console.error('tmk-api: failed to start:', error);
  }
  process.exit(1);
});
