import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { Configuration, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { claimsOf, findBySub } from './accounts';
import type { DemoIdpConfig } from './config';
import { errorPage } from './pages';

/**
 * Warnings oidc-provider prints for choices this demo makes on purpose: Node 20 (the project's runtime;
 * the library works on it, it only recommends 22) and the in-memory adapter (a restart forgets sessions,
 * which is what a demo wants). Everything else it prints is kept.
 */
const INTENDED_WARNINGS = [
  'oidc-provider WARNING: Unsupported runtime',
  'oidc-provider WARNING: a quick start development-only in-memory adapter',
];

function quietly<T>(fn: () => T): T {
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = String(args[0]);
    if (INTENDED_WARNINGS.some((w) => text.includes(w))) return;
    original(...args);
  };
  try {
    return fn();
  } finally {
    console.warn = original;
  }
}

type ProviderModule = typeof import('oidc-provider');

/** oidc-provider is ESM; Node ≥ 20.19 loads it with require(), synchronously, so the filter above applies. */
function loadOidcProvider(): ProviderModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded inside quietly(), see above
  return quietly(() => require('oidc-provider') as ProviderModule);
}

/** A fresh ES256 signing key; clients verify ID tokens with the public half from /jwks. */
function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256', use: 'sig' };
}

export const SCOPES = ['openid', 'profile', 'email', 'phone', 'snils'] as const;

export function createProvider(config: DemoIdpConfig): Provider {
  const { Provider: ProviderClass } = loadOidcProvider();
  const configuration: Partial<Configuration> = {
    clients: [
      {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        client_name: 'ТМК',
        redirect_uris: [...config.redirectUris],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: [...SCOPES],
    claims: {
      openid: ['sub'],
      profile: ['name', 'family_name', 'given_name', 'middle_name', 'birthdate', 'gender'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      snils: ['snils'],
    },
    // Granted claims go into the (signed) ID token as well, so the client needs no userinfo call.
    conformIdTokenClaims: false,
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 900,
      Grant: 3600,
      Session: 3600,
    },
    findAccount: async (_ctx, id) => {
      const account = findBySub(id);
      return account ? { accountId: account.sub, claims: () => claimsOf(account) } : undefined;
    },
    renderError: (ctx: KoaContextWithOIDC, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = errorPage(
        out['error_description'] ?? 'Запрос на вход некорректен или устарел.',
        out['error'] ?? undefined,
      );
    },
  };
  const provider = quietly(() => new ProviderClass(config.issuer, configuration));
  provider.proxy = config.trustProxy;
  provider.on('server_error', (_ctx, error) => console.error('demo-idp: server error', error));
  return provider;
}
