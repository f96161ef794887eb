import { DEMO_ACCOUNTS } from './accounts';
import { loadDemoIdpConfig } from './config';
import { createDemoIdp } from './server';

/**
 * «Госуслуги (демо)»: a local OpenID Connect provider standing in for ЕСИА on demo and test stands
 * (ADR 0010). In-memory state, keys generated at every start; not for production.
 */
function main(): void {
  const config = loadDemoIdpConfig();
  const { server } = createDemoIdp(config);
  server.listen({ port: config.port, ...(config.host ? { host: config.host } : {}) }, () => {
    console.log(
      `demo-idp: «Госуслуги (демо)» at ${config.issuer} (listening on ${config.port}); client ${config.clientId}; ` +
        `accounts ${DEMO_ACCOUNTS.map((a) => a.login).join(', ')}`,
    );
  });
  server.on('error', (error) => {
    console.error(`demo-idp: cannot listen on port ${config.port}: ${error.message}`);
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`demo-idp: ${signal}, stopping`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, 3_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
