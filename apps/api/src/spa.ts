import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

export const SPAS = ['doctor', 'patient', 'coordinator'] as const;

/**
 * Serves the built SPAs on the api's origin: /doctor/, /patient/, /coordinator/. Hashed assets are cached
 * for a year; index.html never, so a deploy is picked up at the next navigation. Unknown paths inside an
 * SPA fall back to its index.html (client-side routing).
 */
export function serveSpas(server: Express, distDir: string): string[] {
  const served: string[] = [];
  for (const name of SPAS) {
    const dir = resolve(distDir, name);
    const index = join(dir, 'index.html');
    if (!existsSync(index)) continue;
    served.push(name);
    server.use(
      `/${name}/assets`,
      express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
    );
    server.use(`/${name}`, express.static(dir, { index: false, maxAge: 0 }));
    server.get(new RegExp(`^/${name}(/.*)?$`), (req: Request, res: Response, next: NextFunction) => {
      if (!req.path.endsWith('/') && req.path === `/${name}`) return res.redirect(301, `/${name}/`);
      if (!req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
  server.get('/', (_req: Request, res: Response) =>
    res.redirect(302, served.length ? `/${served[0]}/` : '/api/docs'),
  );
  return served;
}
