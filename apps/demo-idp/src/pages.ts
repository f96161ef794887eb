import { DEMO_ACCOUNTS, DEMO_PASSWORD, formatSnils, fullName } from './accounts';

/** HTML pages of the demo identity provider: plain server-rendered forms, no scripts. */

export function escapeHtml(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#0b1f33;background:#eef2f7}
header{background:#fff;border-bottom:1px solid #dfe5ec}
.bar{max-width:960px;margin:0 auto;padding:14px 20px;display:flex;align-items:center;gap:12px}
.logo{display:flex;align-items:center;gap:10px;font-weight:700;font-size:20px;color:#0d4cd3;text-decoration:none}
.mark{width:34px;height:34px;border-radius:8px;background:linear-gradient(135deg,#0d4cd3 50%,#ee3f58 50%)}
.badge{font-size:12px;font-weight:600;color:#6b5200;background:#fff3c4;border-radius:4px;padding:2px 6px}
main{max-width:960px;margin:0 auto;padding:28px 20px 48px;display:grid;gap:24px;grid-template-columns:minmax(0,420px) minmax(0,1fr);align-items:start}
@media (max-width:800px){main{grid-template-columns:1fr}}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(11,31,51,.12);padding:28px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:0 0 12px}
.sub{color:#66727f;margin:0 0 20px}
.note{background:#fff8e1;border-left:4px solid #f5b400;padding:10px 14px;border-radius:6px;font-size:14px;margin:0 0 20px}
label{display:block;font-size:14px;color:#66727f;margin:14px 0 6px}
input[type=text],input[type=password]{width:100%;font:inherit;padding:11px 12px;border:1px solid #c8d1dc;border-radius:8px;background:#fff}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #7fa7ff;outline-offset:1px}
.primary{width:100%;margin-top:22px;font:inherit;font-weight:600;color:#fff;background:#0d4cd3;border:0;border-radius:8px;padding:12px;cursor:pointer}
.primary:hover{background:#0b3fae}
.link{font:inherit;font-size:14px;background:none;border:0;color:#0d4cd3;cursor:pointer;padding:0;margin-top:16px}
.error{background:#fdecee;color:#a1172d;border-radius:8px;padding:10px 14px;margin:0 0 8px;font-size:14px}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;padding:9px 6px;border-bottom:1px solid #eef2f7;vertical-align:top}
th{color:#66727f;font-weight:500}
code{font:13px ui-monospace,Menlo,Consolas,monospace;background:#f3f5f8;border-radius:4px;padding:1px 4px}
.small{font-size:13px;color:#66727f}
.as{font:inherit;font-size:13px;color:#0d4cd3;background:#e8efff;border:0;border-radius:6px;padding:5px 10px;cursor:pointer}
footer{max-width:960px;margin:0 auto;padding:0 20px 32px;font-size:13px;color:#66727f}
.card{min-width:0}
.nowrap{white-space:nowrap}
@media (max-width:560px){main{padding:16px 12px 32px;gap:16px}.card{padding:20px 16px}.snils{display:none}}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="bar"><span class="logo"><span class="mark" aria-hidden="true"></span>Госуслуги (демо)</span><span class="badge">ДЕМО</span></div></header>
${body}
<footer>Демонстрационный поставщик входа OpenID Connect из состава ТМК. Не является ЕСИА и не связан с порталом Госуслуг.</footer>
</body>
</html>`;
}

function accountsTable(uid: string | null): string {
  const rows = DEMO_ACCOUNTS.map(
    (a) => `<tr>
<td><code>${escapeHtml(a.login)}</code></td>
<td>${escapeHtml(fullName(a))}<div class="small">${escapeHtml(a.hint)}</div></td>
<td class="snils nowrap">${escapeHtml(formatSnils(a.snils))}</td>
${
  uid
    ? `<td><form method="post" action="/interaction/${escapeHtml(uid)}/login">
<input type="hidden" name="login" value="${escapeHtml(a.login)}">
<input type="hidden" name="password" value="${escapeHtml(DEMO_PASSWORD)}">
<button class="as" type="submit" aria-label="Войти как ${escapeHtml(fullName(a))}">Войти</button>
</form></td>`
    : ''
}
</tr>`,
  ).join('');
  return `<section class="card" aria-labelledby="accounts">
<h2 id="accounts">Демонстрационные учётные записи</h2>
<p class="small">Пароль у всех: <code>${escapeHtml(DEMO_PASSWORD)}</code>. ТМК находит человека по СНИЛС.</p>
<table>
<thead><tr><th scope="col">Логин</th><th scope="col">Человек</th><th scope="col" class="snils">СНИЛС</th>${uid ? '<td></td>' : ''}</tr></thead>
<tbody>${rows}</tbody>
</table>
</section>`;
}

const DEMO_NOTE = `<p class="note" role="note"><strong>Это демонстрационная замена ЕСИА.</strong> Она работает только на этом стенде ТМК и знает лишь учётные записи из списка. Не вводите здесь настоящие логин и пароль от Госуслуг.</p>`;

export function loginPage(uid: string, options: { login?: string; error?: string } = {}): string {
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : '';
  return layout(
    'Вход — Госуслуги (демо)',
    `<main>
<section class="card" aria-labelledby="title">
<h1 id="title">Вход</h1>
<p class="sub">для продолжения в ТМК — телемедицинских консультациях</p>
${DEMO_NOTE}
${error}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="login">Логин</label>
<input id="login" name="login" type="text" required autofocus value="${escapeHtml(options.login ?? '')}" autocapitalize="none" spellcheck="false">
<label for="password">Пароль</label>
<input id="password" name="password" type="password" required>
<button class="primary" type="submit">Войти</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort">
<button class="link" type="submit">Отказаться и вернуться в ТМК</button>
</form>
</section>
${accountsTable(uid)}
</main>`,
  );
}

export function homePage(issuer: string): string {
  return layout(
    'Госуслуги (демо)',
    `<main>
<section class="card">
<h1>Госуслуги (демо)</h1>
<p class="sub">Поставщик входа OpenID Connect для демонстрационного стенда ТМК</p>
${DEMO_NOTE}
<p class="small">Войти можно только из ТМК: кнопка «Войти через Госуслуги (демо)» в кабинете пациента или врача.</p>
<p class="small">Адрес поставщика: <code>${escapeHtml(issuer)}</code></p>
</section>
${accountsTable(null)}
</main>`,
  );
}

export function errorPage(message: string, details?: string): string {
  return layout(
    'Ошибка — Госуслуги (демо)',
    `<main>
<section class="card" role="alert">
<h1>Не удалось выполнить вход</h1>
<p>${escapeHtml(message)}</p>
${details ? `<p class="small"><code>${escapeHtml(details)}</code></p>` : ''}
<p class="small">Вернитесь в ТМК и начните вход заново.</p>
</section>
</main>`,
  );
}
