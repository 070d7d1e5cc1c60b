import type { Command } from 'commander';
import { example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import type { CliIO } from '../cli/program.js';
import { AppError } from '../shared/errors.js';

const login = lazy(() => import('./remote.account.js'), 'login');
const logout = lazy(() => import('./remote.account.js'), 'logout');

/** `ft login` and `ft logout`: work through a server, as oneself, or on local data again. */
export function registerRemote(program: Command, io: CliIO): void {
  const print = (json: boolean, said: { text: string; json: unknown }) =>
    io.stdout(json ? `${JSON.stringify(said.json, null, 2)}\n` : `${said.text}\n`);

  const loginCommand = program
    .command('login')
    .description(
      'sign in to a Followthrough server: from then on every command runs there, as you (`ft logout` to stop)',
    )
    .argument('<url>', "the server's address, like https://followthrough.example.com")
    .option('--email <email>', 'your account (the password is asked, or read with --password-stdin)')
    .option('--password-stdin', 'read the password from standard input (for scripts)')
    .option('--token <token>', 'a token made for scripts instead of an e-mail and password')
    .option(
      '--insecure',
      'allow a plain http:// address of another computer (the password crosses in the clear)',
    );
  example(
    loginCommand,
    'ft login https://followthrough.example.com --email mara@northwind.example',
    'ft login http://127.0.0.1:3000 --email mara@northwind.example --password-stdin < password.txt',
  );
  loginCommand.addHelpText(
    'after',
    '\nThe token is kept in ~/.config/followthrough/login.json (XDG_CONFIG_HOME), readable by you alone.\nFOLLOWTHROUGH_URL with FOLLOWTHROUGH_TOKEN do the same without a file. Signed in, --as, --data\nand --now are refused: the server decides who you are, which data and what time it is.',
  );
  loginCommand.action(async (url: string, options: Record<string, unknown>, command: Command) => {
    const json = command.optsWithGlobals().json === true;
    if ((options.email === undefined) === (options.token === undefined)) {
      throw new AppError('login_how', 'Give --email (then your password) or --token, one of the two.', 400);
    }
    let password: string | undefined;
    if (options.email !== undefined) password = await passwordFrom(io, options.passwordStdin === true);
    print(
      json,
      await login(io.env, {
        url,
        ...(typeof options.email === 'string' ? { email: options.email } : {}),
        ...(password !== undefined ? { password } : {}),
        ...(typeof options.token === 'string' ? { token: options.token } : {}),
        insecure: options.insecure === true,
      }),
    );
  });

  program
    .command('logout')
    .description('forget the login `ft login` kept (and end its session on the server)')
    .action(async (_options: unknown, command: Command) =>
      print(command.optsWithGlobals().json === true, await logout(io.env)),
    );
}

/** The password: one line of standard input with --password-stdin, else asked on the terminal unseen. */
async function passwordFrom(io: CliIO, fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const piped = io.readStdin ? await io.readStdin() : null;
    const password = piped?.split(/\r?\n/)[0] ?? '';
    if (!password) {
      throw new AppError('password_missing', '--password-stdin read no password: pipe it in, one line.', 400);
    }
    return password;
  }
  const asked = io.askSecret ? await io.askSecret('Password: ') : null;
  if (asked === null) {
    throw new AppError(
      'password_missing',
      'No terminal to ask the password on: pipe it in with --password-stdin, or use --token.',
      400,
    );
  }
  return asked;
}
