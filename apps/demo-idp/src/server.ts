import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { InteractionDetails, Provider } from 'oidc-provider';
import { authenticate } from './accounts';
import type { DemoIdpConfig } from './config';
import { errorPage, homePage, loginPage } from './pages';
import { createProvider } from './provider';

const MAX_FORM_BYTES = 16 * 1024;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Pages are self-contained: inline styles, no scripts; forms post here and redirect to the clients. */
function contentSecurityPolicy(config: DemoIdpConfig): string {
  const targets = new Set(["'self'", ...config.redirectUris.map((u) => new URL(u).origin)]);
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `form-action ${[...targets].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function sendHtml(res: ServerResponse, status: number, html: string, csp: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

/** Consent is granted automatically: the only client is ТМК itself (first party). */
async function grantConsent(provider: Provider, details: InteractionDetails): Promise<string> {
  const accountId = details.session?.accountId;
  if (!accountId) throw new Error('consent without a signed-in account');
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId: details.params.client_id });
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
  if (missingOIDCScope?.length) grant.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims?.length) grant.addOIDCClaims(missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  return grant.save();
}

export interface DemoIdp {
  readonly server: Server;
  readonly provider: Provider;
}

export function createDemoIdp(config: DemoIdpConfig): DemoIdp {
  const provider = createProvider(config);
  const oidc = provider.callback();
  const csp = contentSecurityPolicy(config);

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string) {
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(res, 400, errorPage('Сеанс входа не найден или истёк.'), csp);
      return;
    }
    if (details.uid !== uid) {
      sendHtml(res, 400, errorPage('Сеанс входа не совпадает с этой страницей.'), csp);
      return;
    }
    if (action === '' && req.method === 'GET') {
      if (details.prompt.name === 'login') {
        sendHtml(res, 200, loginPage(uid), csp);
      } else if (details.prompt.name === 'consent') {
        const grantId = await grantConsent(provider, details);
        await provider.interactionFinished(
          req,
          res,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        );
      } else {
        sendHtml(res, 400, errorPage('Этот шаг входа не поддерживается.', details.prompt.name), csp);
      }
      return;
    }
    if (action === '/login' && req.method === 'POST') {
      const form = await readForm(req);
      const login = form.get('login') ?? '';
      const account = authenticate(login, form.get('password') ?? '');
      if (!account) {
        sendHtml(res, 401, loginPage(uid, { login, error: 'Неверный логин или пароль.' }), csp);
        return;
      }
      console.log(`demo-idp: ${account.login} signed in`);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub, remember: false } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (action === '/abort' && req.method === 'POST') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person declined to sign in' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    sendHtml(res, 405, errorPage('Недопустимый запрос.'), csp);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login|\/abort)?$/.exec(path);
    if (match) return interaction(req, res, match[1] ?? '', match[2] ?? '');
    if (path === '/' && req.method === 'GET') return sendHtml(res, 200, homePage(config.issuer), csp);
    oidc(req, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('demo-idp: request failed', error);
      if (!res.headersSent) sendHtml(res, 500, errorPage('Внутренняя ошибка демо-поставщика.'), csp);
      else res.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  return { server, provider };
}
