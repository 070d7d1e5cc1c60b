import { Layout } from './layout.js';

/** A refusal or failure shown to a person in a browser: what happened and what to do. */
export function ErrorPage(props: { title: string; message: string; code: string }) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <p class="error" role="alert">
        {props.message}
      </p>
      <p class="meta">
        Code: {props.code} · <a href="/">Back to your day</a>
      </p>
    </Layout>
  );
}

/** A browser asks for a page (not the API, not a script): an error is shown as a page too. */
export const wantsPage = (path: string, accept: string | undefined): boolean =>
  !path.startsWith('/api/') && (accept ?? '').includes('text/html');
