import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import type { Request } from 'express';
import { PlatformModule, loadConfig, type AppConfig } from '@tmk/shared-infrastructure';
import {
  ClientSecretBasicAuthentication,
  DEMO,
  DEMO_PASSWORD,
  OidcProvider,
  identityPersistence,
} from '@tmk/identity-infrastructure';
import { dropQueues, testEnv } from '@tmk/shared-testing';
import { IdentityApiModule } from '../identity-api.module';
import { createStrategy, runStrategy, STRATEGY_STATE_KEY } from './oidc-strategy';

/**
 * «Госуслуги (демо)» login end to end: the REAL demo identity provider (apps/demo-idp, built into
 * dist/server by `npm test` before this stage; after changing it run `npm run build:server`) and the api
 * in-process on the test PostgreSQL (seeded demo people) and Redis. A cookie jar plays the browser.
 */
const root = join(__dirname, '../../../../..');
const IDP_ENTRY = join(root, 'dist/server/apps/demo-idp/src/main.js');

/**
 * The identity context hosted the way apps/api hosts it (platform + IdentityApiModule, prefix /api/v1).
 * OIDC_DEBUG=1 shows its logs.
 */
@Module({})
class IdentityHost {}

async function createIdentityApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(
    {
      module: IdentityHost,
      imports: [PlatformModule.forApi(config, identityPersistence), IdentityApiModule],
    },
    { logger: process.env['OIDC_DEBUG'] ? ['log', 'warn', 'error'] : false },
  );
  app.setGlobalPrefix('api/v1');
  app.enableShutdownHooks();
  return app;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Cookies as a browser keeps them: per host (not port) and path; expired ones are dropped. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(url: string, response: Response): void {
    const { hostname } = new URL(url);
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (n: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${n}=`))?.slice(n.length + 1);
      const path = attr('path') ?? '/';
      const expires = attr('expires');
      const maxAge = attr('max-age');
      const expired =
        (maxAge !== undefined && Number(maxAge) <= 0) ||
        (expires !== undefined && Date.parse(expires) <= Date.now());
      const key = `${hostname}|${path}|${name}`;
      if (expired || value === '') this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: string): string {
    const { hostname, pathname } = new URL(url);
    return [...this.cookies.entries()]
      .filter(([key, c]) => key.startsWith(`${hostname}|`) && pathname.startsWith(c.path))
      .map(([key, c]) => `${key.split('|')[2]}=${c.value}`)
      .join('; ');
  }

  value(url: string, name: string): string | undefined {
    const { hostname } = new URL(url);
    for (const [key, c] of this.cookies)
      if (key.startsWith(`${hostname}|`) && key.endsWith(`|${name}`)) return c.value;
    return undefined;
  }
}

interface Hop {
  readonly url: string;
  readonly status: number;
  readonly location: string | null;
}

describe('OIDC login with «Госуслуги (демо)» (real demo IdP, PostgreSQL, Redis)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let idp: ChildProcess | null = null;
  let idpOutput = '';
  let api: string;
  let issuer: string;
  let redirectWhileIdpDown: string | null = null;

  /** Requests `url` and follows redirects (as a browser would) until `stop(nextUrl)` or a non-redirect. */
  async function browse(
    jar: CookieJar,
    url: string,
    options: { form?: Record<string, string>; stop?: (next: URL) => boolean } = {},
  ): Promise<{ hops: Hop[]; response: Response; next: string | null }> {
    const hops: Hop[] = [];
    let current = url;
    let form = options.form;
    for (let i = 0; i < 20; i++) {
      const response = await fetch(current, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: jar.header(current),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ? new URLSearchParams(form).toString() : undefined,
      });
      jar.store(current, response);
      const location = response.headers.get('location');
      hops.push({ url: current, status: response.status, location });
      if (response.status < 300 || response.status >= 400 || !location) return { hops, response, next: null };
      const next = new URL(location, current);
      if (options.stop?.(next)) return { hops, response, next: next.href };
      current = next.href;
      form = undefined;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  const leavesApi = (next: URL) => next.origin === api && !next.pathname.startsWith('/api/');
  const isCallback = (next: URL) => next.origin === api && next.pathname.endsWith('/callback');

  /** From the api's login route to the IdP's login page; returns the interaction uid. */
  async function openLoginPage(jar: CookieJar, query: string): Promise<{ uid: string; hops: Hop[] }> {
    const { hops, response } = await browse(jar, `${api}/api/v1/auth/oidc/esia-demo/login?${query}`);
    const final = hops[hops.length - 1]!;
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Госуслуги (демо)');
    const uid = /^\/interaction\/([\w-]+)$/.exec(new URL(final.url).pathname)?.[1];
    expect(uid).toBeDefined();
    return { uid: uid!, hops };
  }

  /** Signs in at the IdP; follows the redirects until the browser would leave `/api/` (or `stop`). */
  async function signIn(jar: CookieJar, uid: string, login: string, stop = leavesApi) {
    return browse(jar, `${issuer}/interaction/${uid}/login`, {
      form: { login, password: DEMO_PASSWORD },
      stop,
    });
  }

  async function me(jar: CookieJar): Promise<Response> {
    return fetch(`${api}/api/v1/auth/me`, { headers: { cookie: jar.header(`${api}/api/v1/auth/me`) } });
  }

  async function waitForIdp(): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (idp?.exitCode !== null) throw new Error(`the demo IdP exited (${idp?.exitCode}):\n${idpOutput}`);
      try {
        if ((await fetch(`${issuer}/.well-known/openid-configuration`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the demo IdP did not start:\n${idpOutput}`);
  }

  beforeAll(async () => {
    if (!existsSync(IDP_ENTRY)) {
      throw new Error(
        `${IDP_ENTRY} is missing: run \`npm run build:server\` (npm test builds it before this stage)`,
      );
    }
    const [apiPort, idpPort] = [await freePort(), await freePort()];
    api = `http://127.0.0.1:${apiPort}`;
    issuer = `http://127.0.0.1:${idpPort}`;
    const clientSecret = randomBytes(24).toString('base64url');
    config = loadConfig(
      testEnv({
        PUBLIC_URL: api,
        OIDC_ESIA_DEMO_ISSUER: issuer,
        OIDC_ESIA_DEMO_CLIENT_ID: 'tmk-int-test',
        OIDC_ESIA_DEMO_CLIENT_SECRET: clientSecret,
      }),
    );
    // The api starts while the provider is still down: start-up must not fail on discovery.
    app = await createIdentityApp(config);
    await app.listen(apiPort, '127.0.0.1');
    const down = await fetch(`${api}/api/v1/auth/oidc/esia-demo/login?app=patient`, { redirect: 'manual' });
    redirectWhileIdpDown = down.headers.get('location');

    idp = spawn(process.execPath, ['--enable-source-maps', IDP_ENTRY], {
      env: {
        ...process.env,
        DEMO_IDP_PORT: String(idpPort),
        DEMO_IDP_ISSUER: issuer,
        DEMO_IDP_CLIENT_ID: 'tmk-int-test',
        DEMO_IDP_CLIENT_SECRET: clientSecret,
        DEMO_IDP_REDIRECT_URIS: `${api}/api/v1/auth/oidc/esia-demo/callback`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    idp.stdout?.on('data', (d: Buffer) => (idpOutput += d.toString()));
    idp.stderr?.on('data', (d: Buffer) => (idpOutput += d.toString()));
    await waitForIdp();
  });

  afterAll(async () => {
    if (idp && idp.exitCode === null) {
      const exited = new Promise((r) => idp?.once('exit', r));
      idp.kill('SIGTERM');
      await exited;
    }
    await app?.close();
    if (config) await dropQueues(config.REDIS_URL, config.QUEUE_PREFIX);
  });

  it('providers_listsTheConfiguredDemoProvider', async () => {
    const res = await fetch(`${api}/api/v1/auth/providers`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ id: 'esia-demo', name: 'Госуслуги (демо)' }]);
  });

  it('patientLogin_fullRoundTrip_setsSessionCookies_andMeIsThePatient', async () => {
    // discovery failed while the provider was down; the first login after it came up retried it
    expect(redirectWhileIdpDown).toBe('/patient/login?loginError=AUTH.OIDC_UNAVAILABLE');

    const jar = new CookieJar();
    const started = performance.now();
    const { uid, hops } = await openLoginPage(jar, 'app=patient&returnTo=/patient/consultations?tab=all');
    const authorization = new URL(hops[0]!.location!);
    expect(authorization.origin).toBe(issuer);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'tmk-int-test',
      redirect_uri: `${api}/api/v1/auth/oidc/esia-demo/callback`,
      scope: 'openid profile email phone snils',
      code_challenge_method: 'S256',
      prompt: 'login',
    });
    for (const p of ['code_challenge', 'state', 'nonce']) {
      expect(authorization.searchParams.get(p)?.length).toBeGreaterThanOrEqual(32);
    }
    const txCookie = jar.value(api, 'tmk_oidc_tx');
    expect(txCookie).toMatch(/^[\w-]{43}$/);

    const done = await signIn(jar, uid, 'smirnov');
    const elapsed = performance.now() - started;
    expect(done.next).toBe(`${api}/patient/consultations?tab=all`);
    // login page → consent (granted automatically) → back to the api's callback with a code
    const callback = done.hops.find((h) => new URL(h.url).pathname.endsWith('/callback'));
    expect(new URL(callback!.url).searchParams.get('code')).toBeTruthy();
    expect(done.hops.some((h) => /\/interaction\/[\w-]+$/.test(new URL(h.url).pathname))).toBe(true);
    const setCookies = done.response.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith('tmk_session='))).toMatch(/HttpOnly/i);
    expect(setCookies.find((c) => c.startsWith('tmk_csrf='))).toBeDefined();
    expect(jar.value(api, 'tmk_oidc_tx')).toBeUndefined(); // the transaction cookie is cleared
    expect(elapsed).toBeLessThan(5_000);

    const res = await me(jar);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      kind: 'patient',
      id: DEMO.patients.smirnov,
      displayName: 'Смирнов Иван Сергеевич',
    });
  });

  it('doctorApp_mapsTheSnilsToTheStaffUser', async () => {
    const jar = new CookieJar();
    const { uid } = await openLoginPage(jar, 'app=doctor');
    const done = await signIn(jar, uid, 'ivanova');
    expect(done.next).toBe(`${api}/doctor/`);
    expect(await (await me(jar)).json()).toMatchObject({
      kind: 'staff',
      id: DEMO.staff.doctor,
      login: 'doctor',
    });
  });

  it('unknownSnils_forThatApp_redirectsWithNoAccount_andOpensNoSession', async () => {
    // Иванова is staff, not a patient; Кузнецова is a patient, not staff
    for (const [app, login] of [
      ['patient', 'ivanova'],
      ['doctor', 'kuznetsova'],
    ] as const) {
      const jar = new CookieJar();
      const { uid } = await openLoginPage(jar, `app=${app}`);
      const done = await signIn(jar, uid, login);
      expect(done.next).toBe(`${api}/${app}/login?loginError=AUTH.NO_ACCOUNT`);
      expect(jar.value(api, 'tmk_session')).toBeUndefined();
      expect((await me(jar)).status).toBe(401);
    }
  });

  it('tamperedState_isRefused_andTheTransactionCannotBeReplayed', async () => {
    const jar = new CookieJar();
    const { uid } = await openLoginPage(jar, 'app=patient');
    const atCallback = await signIn(jar, uid, 'smirnov', isCallback);
    const genuine = new URL(atCallback.next!);
    const tampered = new URL(genuine);
    tampered.searchParams.set('state', `${genuine.searchParams.get('state')}x`);

    const refused = await browse(jar, tampered.href, { stop: leavesApi });
    expect(refused.next).toBe(`${api}/patient/login?loginError=AUTH.OIDC_FAILED`);
    expect(jar.value(api, 'tmk_session')).toBeUndefined();
    // the genuine response is worthless now: the transaction was used up by the failed attempt
    const replay = await browse(jar, genuine.href, { stop: leavesApi });
    expect(replay.next).toBe(`${api}/patient/login?loginError=AUTH.OIDC_FAILED`);
    expect((await me(jar)).status).toBe(401);
  });

  it('callbackFromAnotherBrowser_withoutTheTransactionCookie_isRefused', async () => {
    const jar = new CookieJar();
    const { uid } = await openLoginPage(jar, 'app=patient');
    const atCallback = await signIn(jar, uid, 'smirnov', isCallback);
    const attacker = new CookieJar();
    const res = await browse(attacker, atCallback.next!, { stop: leavesApi });
    expect(res.next).toBe(`${api}/patient/login?loginError=AUTH.OIDC_FAILED`);
    expect(attacker.value(api, 'tmk_session')).toBeUndefined();
  });

  it('openRedirect_returnToElsewhere_isReplacedByTheAppHome', async () => {
    const jar = new CookieJar();
    const { uid } = await openLoginPage(
      jar,
      `app=patient&returnTo=${encodeURIComponent('https://evil.example')}`,
    );
    const done = await signIn(jar, uid, 'kuznetsova');
    expect(done.next).toBe(`${api}/patient/`);
    expect((await me(jar)).status).toBe(200);
  });

  it('badInput_unknownProvider404_badApp400', async () => {
    const unknown = await fetch(`${api}/api/v1/auth/oidc/nope/login?app=patient`, { redirect: 'manual' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'AUTH.UNKNOWN_PROVIDER' });
    const badApp = await fetch(`${api}/api/v1/auth/oidc/esia-demo/login?app=admin`, { redirect: 'manual' });
    expect(badApp.status).toBe(400);
  });

  it('idpLoginPage_wrongPassword_staysOnThePage', async () => {
    const jar = new CookieJar();
    const { uid } = await openLoginPage(jar, 'app=patient');
    const res = await browse(jar, `${issuer}/interaction/${uid}/login`, {
      form: { login: 'smirnov', password: 'wrong' },
    });
    expect(res.response.status).toBe(401);
    expect(await res.response.text()).toContain('Неверный логин или пароль');
  });
});

/**
 * openid-client checks ID token signatures only when asked (`enableNonRepudiationChecks`, ADR 0010). A
 * minimal fake provider signs the ID token with a key that is not in its JWKS: the callback must fail, and
 * the same provider with the right key must pass (so the failure is the signature and nothing else).
 */
describe('ID token signature (fake provider)', () => {
  let server: Server;
  let issuer: string;
  const published = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let signingKey: KeyObject = published.privateKey;
  const nonces = new Map<string, string>();

  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  function idToken(nonce: string): string {
    const now = Math.floor(Date.now() / 1000);
    const input = `${b64({ alg: 'ES256', kid: 'k1', typ: 'JWT' })}.${b64({
      iss: issuer,
      sub: 'fake-1',
      aud: 'fake-client',
      iat: now,
      exp: now + 60,
      nonce,
      snils: '11223344595',
    })}`;
    const signature = sign('sha256', Buffer.from(input), { key: signingKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  }

  beforeAll(async () => {
    server = createHttpServer((req, res) => {
      const url = new URL(req.url ?? '/', issuer);
      const json = (body: object) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          code_challenge_methods_supported: ['S256'],
        });
      }
      if (url.pathname === '/jwks') {
        return json({
          keys: [{ ...published.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'ES256', use: 'sig' }],
        });
      }
      if (url.pathname === '/auth') {
        const code = randomBytes(8).toString('hex');
        nonces.set(code, url.searchParams.get('nonce') ?? '');
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        res.writeHead(302, { location: back.href });
        return res.end();
      }
      if (url.pathname === '/token') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const code = new URLSearchParams(body).get('code') ?? '';
          json({
            access_token: 'at',
            token_type: 'Bearer',
            expires_in: 60,
            id_token: idToken(nonces.get(code) ?? ''),
          });
        });
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  async function attempt(key: KeyObject) {
    signingKey = key;
    const provider = new OidcProvider(
      {
        id: 'fake',
        name: 'Fake',
        issuer: new URL(issuer),
        clientId: 'fake-client',
        scope: 'openid',
        authentication: new ClientSecretBasicAuthentication('fake-client-secret-0123'),
      },
      { allowHttp: true, timeoutSeconds: 5 },
    );
    const configuration = await provider.configuration();
    const strategy = createStrategy(configuration, 'fake', 'http://127.0.0.1/cb', 'openid', (tokens) =>
      Promise.resolve(tokens.claims()),
    );
    const session: Record<string, unknown> = {};
    const fakeReq = (path: string) =>
      ({
        method: 'GET',
        protocol: 'http',
        host: '127.0.0.1',
        originalUrl: path,
        url: path,
        session,
      }) as unknown as Request;
    const login = await runStrategy(strategy, fakeReq('/login'), {
      phase: 'login',
      extraParameters: { state: randomBytes(16).toString('hex'), nonce: randomBytes(16).toString('hex') },
    });
    expect(login.kind).toBe('redirect');
    expect(session[STRATEGY_STATE_KEY]).toMatchObject({ code_verifier: expect.any(String) });
    const redirected = await fetch((login as { url: string }).url, { redirect: 'manual' });
    const back = new URL(redirected.headers.get('location') ?? '');
    return runStrategy(strategy, fakeReq(`/cb${back.search}`), { phase: 'callback' });
  }

  it('anIdTokenSignedWithAnUnpublishedKey_isRejected', async () => {
    const outcome = await attempt(other.privateKey);
    expect(outcome.kind).toBe('error');
    const error = (outcome as { error: Error }).error;
    expect(`${error.message}: ${(error.cause as Error | undefined)?.message}`).toMatch(/signature/i);
  });

  it('theSameResponseSignedWithThePublishedKey_isAccepted', async () => {
    const outcome = await attempt(published.privateKey);
    expect(outcome).toMatchObject({ kind: 'success', user: { sub: 'fake-1', snils: '11223344595' } });
  });
});
