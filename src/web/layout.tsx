import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { shortcuts } from './keys.script.js';

/**
 * Every page: its title, the one stylesheet, htmx for partial updates (served from the
 * package, nothing fetched from elsewhere), and who is signed in with a way to sign out.
 * Text is escaped by the JSX renderer; the doctype is the one raw line.
 */
/** The pages every signed-in member moves between. */
const SECTIONS = [
  ['/', 'My day'],
  ['/m', 'Meetings'],
  ['/team', 'Team'],
  ['/insights', 'Insights'],
  ['/plans', 'Plans'],
  ['/people', 'People'],
  ['/settings', 'Settings'],
] as const;

export function Layout(props: {
  title: string;
  signedIn?: { name: string } | undefined;
  /** The section the page belongs to, marked as the current one. */
  here?: string;
  /** Room for a table of numbers. */
  wide?: boolean;
  /** What the search box holds. */
  searched?: string | undefined;
  children: Child;
}) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title} · Followthrough</title>
          <link rel="icon" href="/static/icon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/static/app.css" />
          <script src="/static/htmx.min.js" defer />
          {props.signedIn && <script src="/static/keys.js" defer />}
        </head>
        <body>
          <header class="top">
            <div class="bar">
              <a class="brand" href="/">
                Followthrough
              </a>
              {props.signedIn && (
                <nav class="sections" aria-label="Sections">
                  {SECTIONS.map(([href, label]) => (
                    <a href={href} aria-current={(props.here ?? '') === href ? 'page' : undefined}>
                      {label}
                    </a>
                  ))}
                </nav>
              )}
              {props.signedIn && (
                <search>
                  <form class="search" method="get" action="/search">
                    <label for="search-box" class="sr-only">
                      Search steps, people and meetings
                    </label>
                    <input
                      id="search-box"
                      name="q"
                      type="search"
                      placeholder="Search"
                      value={props.searched ?? ''}
                    />
                  </form>
                </search>
              )}
              {props.signedIn && (
                <span class="who">
                  {props.signedIn.name} ·{' '}
                  <form method="post" action="/signout" style="display:inline">
                    <button class="link" type="submit">
                      Sign out
                    </button>
                  </form>
                </span>
              )}
            </div>
          </header>
          <main class={props.wide ? 'wide' : undefined}>{props.children}</main>
          {props.signedIn && (
            <footer class="bottom">
              <details id="shortcuts">
                <summary>Keyboard shortcuts (?)</summary>
                <dl class="fields">
                  {shortcuts.map(([keys, what]) => (
                    <>
                      <dt>
                        <kbd>{keys}</kbd>
                      </dt>
                      <dd>{what}</dd>
                    </>
                  ))}
                </dl>
              </details>
            </footer>
          )}
        </body>
      </html>
    </>
  );
}
