import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SignInPage } from '../auth/auth.pages.js';
import type { Person } from '../db/schema.js';
import { today } from '../organizations/scope.js';
import { AppError } from '../shared/errors.js';
import type { ApiDeps, ApiEnv } from '../web/api.js';
import { sessionScope } from '../web/session.js';
import { SearchPage } from './search.pages.js';
import { search } from './search.usecases.js';

/** `/search?q=`: the search box's answer, of what the reader may see. */
export function registerSearchPages(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/search', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const reader = scope.actor as Person;
    // An id, as every list shows them: straight to its page, which says if it is not one's to see.
    const id = /^\s*([cmp])(\d{1,9})\s*$/i.exec(c.req.query('q') ?? '');
    if (id) {
      const page = { c: '/c/', m: '/m/', p: '/plans/' }[(id[1] as string).toLowerCase() as 'c' | 'm' | 'p'];
      return c.redirect(`${page}${id[2]}`, 303);
    }
    try {
      const result = await search(scope, c.req.query('q') ?? '');
      return c.html(<SearchPage reader={reader} today={today(scope)} result={result} />);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return c.html(
        <SearchPage reader={reader} today={today(scope)} result={null} error={error.message} />,
        error.status as ContentfulStatusCode,
      );
    }
  });
}
