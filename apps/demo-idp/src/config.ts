/** Settings of the demo identity provider, from the environment. */
export interface DemoIdpConfig {
  readonly port: number;
  /** Interface to listen on; unset = every interface (IPv4 and IPv6). */
  readonly host: string | undefined;
  /** Public URL of the provider, without a path: what clients discover and browsers are sent to. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  /** Trust X-Forwarded-* headers (behind a reverse proxy). */
  readonly trustProxy: boolean;
}

export const DEFAULT_REDIRECT_URI = 'http://localhost:3000/api/v1/auth/oidc/esia-demo/callback';

/** Development defaults; a deployment sets its own secret. */
const DEFAULT_CLIENT_ID = 'tmk';
const DEFAULT_CLIENT_SECRET = 'tmk-demo-idp-development-secret';

function url(name: string, value: string, problems: string[]): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    return value;
  } catch {
    problems.push(`${name}: must be an http(s) URL ("${value}")`);
    return value;
  }
}

export function loadDemoIdpConfig(env: NodeJS.ProcessEnv = process.env): DemoIdpConfig {
  const problems: string[] = [];
  const port = Number(env['DEMO_IDP_PORT'] ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`DEMO_IDP_PORT: must be a port number ("${env['DEMO_IDP_PORT']}")`);
  }
  const issuer = url('DEMO_IDP_ISSUER', env['DEMO_IDP_ISSUER'] ?? `http://localhost:${port}`, problems);
  if (!problems.length && new URL(issuer).pathname !== '/') {
    problems.push(`DEMO_IDP_ISSUER: must have no path ("${issuer}")`);
  }
  const redirectUris = (env['DEMO_IDP_REDIRECT_URIS'] ?? DEFAULT_REDIRECT_URI)
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)
    .map((u) => url('DEMO_IDP_REDIRECT_URIS', u, problems));
  if (!redirectUris.length) problems.push('DEMO_IDP_REDIRECT_URIS: needs at least one URL');
  const clientSecret = env['DEMO_IDP_CLIENT_SECRET'] ?? DEFAULT_CLIENT_SECRET;
  if (clientSecret.length < 16) problems.push('DEMO_IDP_CLIENT_SECRET: must be at least 16 characters');
  if (problems.length) {
    throw new Error(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return {
    port,
    host: env['DEMO_IDP_HOST'] || undefined,
    issuer: issuer.replace(/\/$/, ''),
    clientId: env['DEMO_IDP_CLIENT_ID'] ?? DEFAULT_CLIENT_ID,
    clientSecret,
    redirectUris,
    trustProxy: env['DEMO_IDP_TRUST_PROXY'] === 'true',
  };
}
