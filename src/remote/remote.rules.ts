/**
 * Which commands a command line signed in to a server runs there: every command that reads or
 * changes the team's data, as its signed-in member. The others work on the data where it lies
 * (making it, serving it, sending what is due for everyone) or on this computer's login. A
 * test checks that every command is in one list or the other.
 */
export const remoteCommands = [
  'person',
  'meeting',
  'agenda',
  'series',
  'wrapup',
  'note',
  'capture',
  'commit',
  'list',
  'show',
  'done',
  'agree',
  'missed',
  'move',
  'reassign',
  'drop',
  'edit',
  'reopen',
  'followups',
  'answer',
  'plan',
  'away',
  'holidays',
  'stats',
  'coach',
  'outbox',
  'settings',
  'calendar',
] as const;

/** Commands that never go to a server: they work here, on local data or on the login itself. */
export const localCommands = ['init', 'demo', 'start', 'serve', 'worker', 'tick', 'login', 'logout'] as const;

/** Commands that read standard input when something is piped in: it is sent along. */
export const readsInput = new Set(['note', 'capture', 'coach']);

/** The flags and variables that choose data, a person or a time: the server decides these. */
export const chosenByServer = [
  { flag: '--data', env: 'FOLLOWTHROUGH_DATA' },
  { flag: null, env: 'DATABASE_URL' },
  { flag: '--as', env: 'FOLLOWTHROUGH_AS' },
  { flag: '--now', env: 'FOLLOWTHROUGH_NOW' },
] as const;

/** Whether a command runs on the server; the day (`ft` alone) is `undefined` and does. */
export const runsRemotely = (word: string | undefined): boolean =>
  word === undefined || (remoteCommands as readonly string[]).includes(word);
