import { Layout } from '../web/layout.js';

/** The sign-in form: a plain form that works without JavaScript. */
export function SignInPage(props: { error?: string | undefined; email?: string | undefined }) {
  return (
    <Layout title="Sign in">
      <h1>Sign in</h1>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <form class="stack" method="post" action="/signin">
        <label>
          E-mail
          <input type="email" name="email" autocomplete="username" required value={props.email ?? ''} />
        </label>
        <label>
          Password
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit">Sign in</button>
      </form>
      <p class="meta">
        New here? <a href="/signup">Create an organization</a>.
      </p>
    </Layout>
  );
}

/** A new organization and its first admin: the same fields as POST /api/v1/signup. */
export function SignUpPage(props: {
  error?: string | undefined;
  values?: Record<string, string> | undefined;
}) {
  const v = props.values ?? {};
  return (
    <Layout title="Create your organization">
      <h1>Create your organization</h1>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <form class="stack" method="post" action="/signup">
        <label>
          Organization
          <input name="organization" required value={v.organization ?? ''} />
        </label>
        <label>
          Time zone
          <input name="timeZone" required placeholder="America/New_York" value={v.timeZone ?? ''} />
        </label>
        <label>
          Your name
          <input name="name" autocomplete="name" required value={v.name ?? ''} />
        </label>
        <label>
          E-mail
          <input type="email" name="email" autocomplete="username" required value={v.email ?? ''} />
        </label>
        <label>
          Password (8 characters or more)
          <input type="password" name="password" autocomplete="new-password" minlength={8} required />
        </label>
        <button type="submit">Create</button>
      </form>
    </Layout>
  );
}

/** An invited member chooses their password; or learns why the link no longer works. */
export function InvitationPage(props: {
  token: string;
  name?: string | undefined;
  organization?: string | undefined;
  error?: string | undefined;
  usable: boolean;
}) {
  return (
    <Layout title="Your invitation">
      <h1>
        {props.usable ? `Welcome to ${props.organization}, ${props.name}` : 'This invitation cannot be used'}
      </h1>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      {props.usable && (
        <form class="stack" method="post" action={`/invite/${props.token}`}>
          <label>
            Choose a password (8 characters or more)
            <input type="password" name="password" autocomplete="new-password" minlength={8} required />
          </label>
          <button type="submit">Make my account</button>
        </form>
      )}
    </Layout>
  );
}
