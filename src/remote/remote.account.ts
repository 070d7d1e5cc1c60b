import { invalid } from '../shared/errors.js';
import { shownPath } from '../shared/text.js';
import { signIn, signOut, whoAmI } from './remote.client.js';
import { currentLogin, forgetLogin, keepLogin, loginFolder, serverUrl } from './remote.login.js';

/** Signs in to a server (a password or a token), checks who the token acts as, and keeps it. */
export async function login(
  env: NodeJS.ProcessEnv,
  given: { url: string; email?: string; password?: string; token?: string; insecure?: boolean },
): Promise<{ text: string; json: unknown }> {
  const url = serverUrl(given.url);
  // A password and a token travel in the clear over http: only to this computer, unless asked.
  const { protocol, hostname } = new URL(url);
  const loopback = hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
  if (protocol === 'http:' && !loopback && !given.insecure) {
    throw invalid(
      'insecure_url',
      `${url} is plain http: your password and token would cross the network readable by anyone on the way. Use its https:// address, or add --insecure if this network is yours alone.`,
    );
  }
  // Where the token will be kept is known before the server is asked for one.
  loginFolder(env);
  const token = given.token ?? (await signIn(url, given.email as string, given.password as string));
  const me = await whoAmI({ url, token });
  const file = keepLogin(env, { url, token, email: me.email });
  const shadowed = env.FOLLOWTHROUGH_URL
    ? `\nFOLLOWTHROUGH_URL is set, and wins over this login while it is.`
    : '';
  return {
    text: `Signed in to ${url} as ${me.name} <${me.email}>. Every ft command now runs there, as you.\nThe login is kept in ${shownPath(file)}; \`ft logout\` forgets it.${shadowed}`,
    json: { url, person: me, kept: file },
  };
}

/** Forgets the kept login, and ends its session on the server when the server can be reached. */
export async function logout(env: NodeJS.ProcessEnv): Promise<{ text: string; json: unknown }> {
  const kept = env.FOLLOWTHROUGH_URL
    ? currentLogin({ ...env, FOLLOWTHROUGH_URL: '', FOLLOWTHROUGH_TOKEN: '' })
    : currentLogin(env);
  if (!kept) {
    return {
      text: env.FOLLOWTHROUGH_URL
        ? 'No login was kept; FOLLOWTHROUGH_URL is set: unset it (and FOLLOWTHROUGH_TOKEN) to work on local data.'
        : 'No login was kept: commands already work on local data.',
      json: { url: null, signedOut: false },
    };
  }
  const told = await signOut(kept);
  forgetLogin(env);
  return {
    text: `Signed out of ${kept.url}${told ? '' : ' here (the server could not be reached to end the session)'}; commands work on local data again.`,
    json: { url: kept.url, signedOut: told },
  };
}
