import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from './api.js';

/**
 * The API's reference: the OpenAPI 3.1 document built from the same zod schemas the routes
 * validate with, and a page (Swagger UI, served from its package) that reads it. Nothing is
 * fetched from anywhere else.
 */
export function registerDocs(app: OpenAPIHono<ApiEnv>, version: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token sign-in gives in its `set-auth-token` header, or sign-up in its body',
  });
  documentSignIn(app);
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Followthrough API',
      version,
      description:
        'Every next step agreed in a meeting gets one owner, an outcome and a date. Sign in with POST /api/auth/sign-in/email (a session cookie) or send Authorization: Bearer TOKEN. Errors are {"error": {"code", "message"}}, with "details" where there is more to say.',
    },
    security: [{ bearer: [] }],
  });

  const folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const asset = (file: string) => readFileSync(join(folder, file));
  const files: Record<string, [Buffer | string, string]> = {
    'swagger-ui.css': [asset('swagger-ui.css'), 'text/css; charset=utf-8'],
    'swagger-ui-bundle.js': [asset('swagger-ui-bundle.js'), 'text/javascript; charset=utf-8'],
    'init.js': [
      "window.onload = () => { window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true }); };\n",
      'text/javascript; charset=utf-8',
    ],
  };
  app.get('/api/docs/:file', (c) => {
    const name = c.req.param('file');
    const found = Object.hasOwn(files, name) ? files[name] : undefined;
    if (!found) return c.notFound();
    return c.body(new Uint8Array(Buffer.from(found[0])), 200, {
      'content-type': found[1],
      'cache-control': 'public, max-age=3600',
    });
  });
  app.get('/api/docs', (c) =>
    c.html(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Followthrough API</title><link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`),
  );
}

/**
 * Signing in and out are the accounts library's own routes (see `registerAuthRoutes`): they are
 * described here so that the reference says how to get the token every other route takes.
 */
function documentSignIn(app: OpenAPIHono<ApiEnv>): void {
  const refused = (description: string) => ({
    description,
    content: {
      'application/json': {
        schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
      },
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/auth/sign-in/email',
    summary: 'Sign in: a session cookie for a browser, and a token for Authorization: Bearer',
    security: [],
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({
              email: z.string().openapi({ example: 'dana@northwind.example' }),
              password: z.string(),
            }),
          },
        },
      },
    },
    responses: {
      200: {
        description:
          'Signed in: the token is in `token` and in the `set-auth-token` header; the session cookie is set',
        content: {
          'application/json': {
            schema: z.object({
              token: z.string(),
              user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
            }),
          },
        },
      },
      401: refused('The e-mail and password do not match an account here'),
      429: refused('Five wrong passwords from this address this minute: held for the rest of it'),
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/auth/sign-out',
    summary: 'Sign out: the session ends on the server, its cookie and its token with it',
    responses: {
      200: {
        description: 'Signed out',
        content: { 'application/json': { schema: z.object({ success: z.boolean() }) } },
      },
    },
  });
}
