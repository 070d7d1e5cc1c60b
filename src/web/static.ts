import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import type { ApiEnv } from './api.js';
import { insightsScript } from './insights.script.js';
import { keysScript } from './keys.script.js';
import { stylesheet } from './styles.js';

const js = 'text/javascript; charset=utf-8';
const css = 'text/css; charset=utf-8';
const svg = 'image/svg+xml';

/** The tab's icon: a loop closed by a check, in the stylesheet's accent. */
const icon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="13" fill="none" stroke="#1f5fbf" stroke-width="4"/><path d="M10 16.5l4 4 8-9" fill="none" stroke="#1f5fbf" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>
`;

/** What a page may load: ours, and htmx and uPlot from their packages. */
function files(): Record<string, { body: string; type: string }> {
  const fromPackage = (path: string) => readFileSync(createRequire(import.meta.url).resolve(path), 'utf8');
  return {
    'app.css': { body: stylesheet, type: css },
    'htmx.min.js': { body: fromPackage('htmx.org/dist/htmx.min.js'), type: js },
    'uPlot.iife.min.js': { body: fromPackage('uplot/dist/uPlot.iife.min.js'), type: js },
    'uPlot.min.css': { body: fromPackage('uplot/dist/uPlot.min.css'), type: css },
    'insights.js': { body: insightsScript, type: js },
    'keys.js': { body: keysScript, type: js },
    'icon.svg': { body: icon, type: svg },
  };
}

/**
 * The stylesheets and scripts, from this program and its packages: a page fetches nothing from
 * elsewhere. Each is gzipped once, at start, for the browsers that take it.
 */
export function registerStatic(app: Hono<ApiEnv>): void {
  const served = Object.entries(files()).map(([name, file]) => ({
    name,
    ...file,
    gzipped: gzipSync(file.body),
  }));
  const cached = { 'cache-control': 'public, max-age=3600', vary: 'accept-encoding' };
  for (const file of served) {
    app.get(`/static/${file.name}`, (c) =>
      /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')
        ? c.body(new Uint8Array(file.gzipped), 200, {
            'content-type': file.type,
            'content-encoding': 'gzip',
            ...cached,
          })
        : c.body(file.body, 200, { 'content-type': file.type, ...cached }),
    );
  }
  // Where a browser looks for an icon on a page that names none (the API's reference).
  app.get('/favicon.ico', (c) => c.body(icon, 200, { 'content-type': svg, ...cached }));
}
