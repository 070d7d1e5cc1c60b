/**
 * Every setting, declared once: its flag, environment variable, default and meaning.
 * `ft --help` prints this table; nothing else reads process.env.
 */
export interface SettingSpec<Key extends string = keyof Settings> {
  key: Key;
  flag: string | null;
  env: string;
  fallback: string | undefined;
  description: string;
}

export interface Settings {
  dataDir: string;
  databaseUrl: string | undefined;
  actingAs: string | undefined;
  now: string | undefined;
  timeZone: string;
  /** Where people reach the server: links to it (a calendar feed) are made with it. */
  publicUrl: string | undefined;
}

export const settingSpecs: SettingSpec[] = [
  {
    key: 'dataDir',
    flag: '--data <dir>',
    env: 'FOLLOWTHROUGH_DATA',
    fallback: './.followthrough',
    description: 'folder for the embedded database (ft init creates it)',
  },
  {
    key: 'databaseUrl',
    flag: null,
    env: 'DATABASE_URL',
    fallback: undefined,
    description: 'PostgreSQL URL; when set, used instead of the embedded database',
  },
  {
    key: 'actingAs',
    flag: '--as <email>',
    env: 'FOLLOWTHROUGH_AS',
    fallback: undefined,
    description: 'who is acting (default: the first member added)',
  },
  {
    key: 'now',
    flag: '--now <instant>',
    env: 'FOLLOWTHROUGH_NOW',
    fallback: undefined,
    description: 'the clock, as an ISO-8601 instant (for demos and tests)',
  },
  {
    key: 'timeZone',
    flag: null,
    env: 'FOLLOWTHROUGH_TIME_ZONE',
    fallback: undefined,
    description: "the organization's time zone when it is created (default: this computer's)",
  },
  {
    key: 'publicUrl',
    flag: null,
    env: 'PUBLIC_URL',
    fallback: undefined,
    description:
      'where people reach the server, like https://followthrough.example.com (default: http://HOST:PORT); sign-in cookies are Secure on https',
  },
];

/** A setting's value: its flag wins over its environment variable, which wins over its default. */
export function settingValue(
  spec: SettingSpec<string>,
  flags: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const fromFlag = spec.flag ? flags[camel(spec.flag)] : undefined;
  const fromEnv = env[spec.env];
  return (
    (typeof fromFlag === 'string' ? fromFlag : undefined) ??
    (fromEnv === '' ? undefined : fromEnv) ??
    spec.fallback
  );
}

export function readSettings(flags: Record<string, unknown>, env: NodeJS.ProcessEnv): Settings {
  const byKey = Object.fromEntries(settingSpecs.map((s) => [s.key, settingValue(s, flags, env)]));
  return {
    dataDir: byKey.dataDir as string,
    databaseUrl: byKey.databaseUrl,
    actingAs: byKey.actingAs,
    now: byKey.now,
    timeZone: byKey.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    publicUrl: byKey.publicUrl?.replace(/\/$/, ''),
  };
}

const camel = (flag: string): string =>
  (flag.split(' ')[0] as string).replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function settingsHelp(specs: readonly SettingSpec<string>[] = settingSpecs): string {
  const rows = specs.map((s) => {
    const name = [s.flag?.split(' ')[0], s.env].filter(Boolean).join(', ');
    const fallback = s.fallback ? ` (default ${s.fallback})` : '';
    return `  ${name.padEnd(36)} ${s.description}${fallback}`;
  });
  return `Settings (flag, environment variable):\n${rows.join('\n')}`;
}
