import { AppError } from '../shared/errors.js';
import type { Login } from './remote.login.js';

/** What a command run on the server printed, and how it ended: as if it had run here. */
export interface RemoteRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** How long a command may take on the server before this end gives up waiting. */
const TIMEOUT_MS = 60_000;

/**
 * Runs a command line on the server the login names, as its signed-in member: the server parses
 * it again, decides who may see and do what, and answers with what the command printed.
 */
export async function runRemote(
  login: Login,
  command: { argv: string[]; stdin: string | null; colour: boolean },
): Promise<RemoteRun> {
  const answer = await call(login, '/api/v1/commands', {
    method: 'POST',
    body: JSON.stringify(command),
  });
  const text = (value: unknown) => (typeof value === 'string' ? terminalSafe(value) : '');
  return {
    exitCode: Number.isInteger(answer.exitCode) ? (answer.exitCode as number) : 3,
    stdout: text(answer.stdout),
    stderr: text(answer.stderr),
  };
}

/** Who the token acts as, asked of the server: it checks the token on the way. */
export async function whoAmI(login: Pick<Login, 'url' | 'token'>): Promise<{ name: string; email: string }> {
  const answer = await call(login, '/api/v1/me', { method: 'GET' });
  return answer.person as { name: string; email: string };
}

/** Signs in with an e-mail and password; the server's token for scripts. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await reach(url, '/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password }),
  });
  const body = await readJson(response, url);
  if (response.status === 401) {
    throw new AppError('invalid_credentials', `${url} does not know this e-mail with this password.`, 401);
  }
  if (!response.ok) throw refusal(response.status, body, url);
  const token = response.headers.get('set-auth-token');
  if (!token) {
    throw new AppError(
      'not_a_followthrough_server',
      `${url} signed you in but gave no token: is it a Followthrough server?`,
      502,
    );
  }
  return token;
}

/** Ends the token's session on the server (`ft logout`); whether the server could be told. */
export async function signOut(login: Pick<Login, 'url' | 'token'>): Promise<boolean> {
  try {
    const response = await reach(login.url, '/api/auth/sign-out', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${login.token}`,
        'content-type': 'application/json',
        origin: login.url,
      },
      body: '{}',
    });
    return response.ok;
  } catch {
    return false;
  }
}

async function call(
  login: Pick<Login, 'url' | 'token'>,
  path: string,
  init: { method: string; body?: string },
): Promise<Record<string, unknown>> {
  const response = await reach(login.url, path, {
    ...init,
    headers: {
      authorization: `Bearer ${login.token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
  });
  const body = await readJson(response, login.url);
  if (!response.ok) throw refusal(response.status, body, login.url);
  return body;
}

async function reach(url: string, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(new URL(path, url), {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new AppError(
      'server_unreachable',
      `${url} does not answer (${cause}): check the address, or \`ft logout\` to work on local data.`,
      503,
    );
  }
}

async function readJson(response: Response, url: string): Promise<Record<string, unknown>> {
  const body = (await response.json().catch(() => null)) as unknown;
  if (!body || typeof body !== 'object') {
    throw new AppError(
      'not_a_followthrough_server',
      `${url} answered ${response.status} without JSON: is it a Followthrough server?`,
      502,
    );
  }
  return body as Record<string, unknown>;
}

/** The server's coded refusal, as the command line reports its own; a lost session says what to do. */
function refusal(status: number, body: Record<string, unknown>, url: string): AppError {
  const error = body.error as { code?: unknown; message?: unknown } | undefined;
  if (status === 401) {
    return new AppError(
      'unauthenticated',
      `${url} no longer takes this login (signed out, expired or revoked): \`ft login ${url}\` again.`,
      401,
    );
  }
  const code = typeof error?.code === 'string' ? terminalSafe(error.code).slice(0, 60) : 'server_refused';
  const message =
    typeof error?.message === 'string'
      ? terminalSafe(error.message).slice(0, 2000)
      : `${url} answered ${status}.`;
  return new AppError(code, message, status);
}

/**
 * What a server printed, as this terminal may show it: lines, tabs and colours kept, every other
 * control character (a cursor move, a title change) shown as "?".
 */
export function terminalSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return text.replace(/\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (found) =>
    found.length > 1 ? found : '?',
  );
}
