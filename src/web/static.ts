import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import type { ApiEnv } from './api.js';
import { stylesheet } from './styles.js';

/** The stylesheet and htmx, from this program and its packages: a page fetches nothing from elsewhere. */
export function registerStatic(app: Hono<ApiEnv>): void {
  const htmx = readFileSync(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'), 'utf8');
  const cached = { 'cache-control': 'public, max-age=3600' };
  app.get('/static/app.css', (c) =>
    c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', ...cached }),
  );
  app.get('/static/htmx.min.js', (c) =>
    c.body(htmx, 200, { 'content-type': 'text/javascript; charset=utf-8', ...cached }),
  );
}
