import {
  accessSync,
  chmodSync,
  constants,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { AppError, invalid } from '../shared/errors.js';
import { quoted, shownPath } from '../shared/text.js';

/** A server this command line works through, and the token it acts with. */
export interface Login {
  url: string;
  token: string;
  /** Who signed in, as the server said: shown by `ft login` and in errors. */
  email?: string;
  /** Where it came from: the login file, or FOLLOWTHROUGH_URL + FOLLOWTHROUGH_TOKEN. */
  from: 'file' | 'environment';
}

/** The user's config folder: $XDG_CONFIG_HOME/followthrough, else ~/.config/followthrough. */
export function configFolder(env: NodeJS.ProcessEnv): string | null {
  // A relative XDG_CONFIG_HOME is to be ignored (the XDG specification): it would be this folder.
  if (env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME))
    return join(env.XDG_CONFIG_HOME, 'followthrough');
  if (env.HOME) return join(env.HOME, '.config', 'followthrough');
  return null;
}

export const loginFile = (env: NodeJS.ProcessEnv): string | null => {
  const folder = configFolder(env);
  return folder && join(folder, 'login.json');
};

/**
 * The server the command line works through, if any: FOLLOWTHROUGH_URL with FOLLOWTHROUGH_TOKEN
 * (both, or neither), else the login `ft login` kept. Null: commands work on local data.
 */
export function currentLogin(env: NodeJS.ProcessEnv): Login | null {
  const url = env.FOLLOWTHROUGH_URL;
  const token = env.FOLLOWTHROUGH_TOKEN;
  if (url || token) {
    if (!url || !token) {
      throw new AppError(
        'remote_incomplete',
        `Set both FOLLOWTHROUGH_URL and FOLLOWTHROUGH_TOKEN to work through a server (only ${url ? 'FOLLOWTHROUGH_URL' : 'FOLLOWTHROUGH_TOKEN'} is set).`,
        400,
      );
    }
    return { url: serverUrl(url), token, from: 'environment' };
  }
  const file = loginFile(env);
  if (!file) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No login kept, or a config folder this user cannot look into (another user's home): none here.
    if (code === 'ENOENT' || code === 'ENOTDIR' || (code === 'EACCES' && !canLookInto(dirname(file))))
      return null;
    throw new AppError(
      'login_unreadable',
      `The login kept in ${shownPath(file)} cannot be read (${(error as NodeJS.ErrnoException).code}): \`ft logout\` forgets it.`,
      400,
    );
  }
  const kept = safeJson(text);
  if (typeof kept?.url !== 'string' || typeof kept.token !== 'string') {
    throw new AppError(
      'login_unreadable',
      `The login kept in ${shownPath(file)} is damaged: \`ft logout\` forgets it, then \`ft login URL\` again.`,
      400,
    );
  }
  return {
    url: kept.url,
    token: kept.token,
    ...(typeof kept.email === 'string' ? { email: kept.email } : {}),
    from: 'file',
  };
}

/** Keeps a login for the next commands, readable by its user alone (0600 in a 0700 folder). */
export function keepLogin(env: NodeJS.ProcessEnv, login: Omit<Login, 'from'>): string {
  const folder = loginFolder(env);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  const file = join(folder, 'login.json');
  // A new file, readable by its user alone from its first byte, then put in place of the old one.
  const fresh = `${file}.${process.pid}.new`;
  rmSync(fresh, { force: true });
  writeFileSync(fresh, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(fresh, file);
  return file;
}

/** The folder a login is kept in; refused when there is none (no HOME nor XDG_CONFIG_HOME). */
export function loginFolder(env: NodeJS.ProcessEnv): string {
  const folder = configFolder(env);
  if (!folder) {
    throw invalid(
      'no_config_folder',
      'There is no folder to keep the login in: set HOME or XDG_CONFIG_HOME, or use FOLLOWTHROUGH_URL and FOLLOWTHROUGH_TOKEN.',
    );
  }
  return folder;
}

/** Forgets the kept login; whether there was one. */
export function forgetLogin(env: NodeJS.ProcessEnv): boolean {
  const file = loginFile(env);
  if (!file) return false;
  try {
    rmSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** A server's address as typed (`https://ft.example.com/`, `localhost:3000`): its origin, checked. */
export function serverUrl(typed: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `http://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalidUrl(typed);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidUrl(typed);
  return url.origin;
}

const invalidUrl = (typed: string) =>
  invalid(
    'invalid_server_url',
    `${quoted(typed)} is not a server's address: give one like https://followthrough.example.com or http://127.0.0.1:3000.`,
  );

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function canLookInto(folder: string): boolean {
  try {
    accessSync(folder, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
