import { isIP } from 'node:net';
import addressparser from 'nodemailer/lib/addressparser';
import { invalid } from '../shared/errors.js';
import { type SettingSpec, settingSpecs, settingValue } from '../shared/settings.js';
import { quoted } from '../shared/text.js';

/** What `ft serve` and `ft worker` read besides the settings every command reads. */
export interface ServerSettings {
  host: string;
  port: number;
  /** The longest the scheduler waits before it looks for due work again, in milliseconds. */
  schedulerMaxWaitMs: number;
  logLevel: LogLevel;
  /** Where people reach the server; unset, the address it listens on. */
  publicUrl: string | undefined;
  /** An admin account to make at start when none has this e-mail. */
  admin: { email: string; password: string } | undefined;
  /** The proxies in front of the server, whose X-Forwarded-For names the client. */
  trustedProxies: string[];
  /** Where the outbox is delivered; unset, nothing is sent and an admin reads what would have been. */
  smtpUrl: string | undefined;
  /** The sender every message goes out as, like `Followthrough <followthrough@example.com>`. */
  mailFrom: string;
  /** Where the inbound mail listener listens (replies, reminders); unset, it does not run. */
  smtpPort: number | undefined;
  /** The one domain the listener takes mail for; unset, any routed to it. */
  mailDomain: string | undefined;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** The secret is read where it is used (src/auth/auth.secret.ts), and listed here with the rest. */
export const serverSettingSpecs: SettingSpec<Exclude<keyof ServerSettings, 'publicUrl'> | 'authSecret'>[] = [
  {
    key: 'host',
    flag: '--host <address>',
    env: 'HOST',
    fallback: '127.0.0.1',
    description: 'address the web server listens on: an IP address, or localhost (0.0.0.0 for every one)',
  },
  {
    key: 'port',
    flag: '--port <number>',
    env: 'PORT',
    fallback: '3000',
    description: 'port the web server listens on (0: any free port)',
  },
  {
    key: 'schedulerMaxWaitMs',
    flag: null,
    env: 'FOLLOWTHROUGH_SCHEDULER_WAIT',
    fallback: '5',
    description:
      'the longest, in seconds (1 to 60), the scheduler waits before it looks for due follow-ups again',
  },
  {
    key: 'admin',
    flag: null,
    env: 'FOLLOWTHROUGH_ADMIN_EMAIL',
    fallback: undefined,
    description:
      'with FOLLOWTHROUGH_ADMIN_PASSWORD: an admin account made at start when no account has this e-mail',
  },
  {
    key: 'trustedProxies',
    flag: null,
    env: 'FOLLOWTHROUGH_TRUSTED_PROXIES',
    fallback: undefined,
    description:
      'the IP addresses of the proxies in front of the server, comma-separated: their X-Forwarded-For names the client, for the sign-in and sign-up limits',
  },
  {
    key: 'smtpUrl',
    flag: null,
    env: 'SMTP_URL',
    fallback: undefined,
    description:
      'the mail server the outbox is delivered through, like smtps://user:password@smtp.example.com (unset: nothing is sent; admins read the mail that would have gone out at /outbox)',
  },
  {
    key: 'mailFrom',
    flag: null,
    env: 'MAIL_FROM',
    fallback: undefined,
    description:
      "the sender of every message, like 'Followthrough <followthrough@example.com>' (default: followthrough@ the host of PUBLIC_URL)",
  },
  {
    key: 'smtpPort',
    flag: '--smtp-port <number>',
    env: 'SMTP_PORT',
    fallback: undefined,
    description:
      'also receive mail on this port: replies to follow-ups, and reminders sent to friday@, 3days@… (unset: no listener)',
  },
  {
    key: 'mailDomain',
    flag: null,
    env: 'MAIL_DOMAIN',
    fallback: undefined,
    description:
      'the domain whose mail the listener takes, like followthrough.example.com (default: any routed to it); replies go to reply+…@ it',
  },
  {
    key: 'authSecret',
    flag: null,
    env: 'BETTER_AUTH_SECRET',
    fallback: undefined,
    description:
      'signs sessions: 32 or more random characters, the same for every process (required with DATABASE_URL; else made and kept in the data folder)',
  },
  {
    key: 'logLevel',
    flag: null,
    env: 'LOG_LEVEL',
    fallback: 'info',
    description: `how much the server logs (one JSON line per event): ${logLevels.join(', ')}; ft serve --demo: warn unless set`,
  },
];

/**
 * The server's settings, checked before anything starts: a bad one is refused with what it
 * must be, and nothing runs.
 */
export function readServerSettings(flags: Record<string, unknown>, env: NodeJS.ProcessEnv): ServerSettings {
  const raw = Object.fromEntries(
    [...serverSettingSpecs, ...settingSpecs.filter((s) => s.key === 'publicUrl')].map((s) => [
      s.key,
      settingValue(s, flags, env) ?? '',
    ]),
  );
  const spec = (key: keyof ServerSettings) =>
    [...serverSettingSpecs, ...settingSpecs].find((s) => s.key === key) as SettingSpec<string>;
  const refuse = (key: keyof ServerSettings, what: string) => {
    const { flag, env: name } = spec(key);
    const where = flag ? `${flag.split(' ')[0]} (${name})` : name;
    return invalid('invalid_setting', `${where} must be ${what} (got ${quoted(raw[key] ?? '')}).`, {
      setting: name,
    });
  };

  const host = raw.host as string;
  if (host !== 'localhost' && isIP(host) === 0)
    throw refuse('host', 'an IP address like 127.0.0.1 or ::1, or localhost');
  const port = wholeNumber(raw.port as string);
  if (port === null || port > 65_535) throw refuse('port', 'a whole number from 0 to 65535');
  const wait = wholeNumber(raw.schedulerMaxWaitMs as string);
  if (wait === null || wait < 1 || wait > 60)
    throw refuse('schedulerMaxWaitMs', 'a whole number of seconds from 1 to 60');
  const logLevel = raw.logLevel as LogLevel;
  if (!logLevels.includes(logLevel)) throw refuse('logLevel', `one of ${logLevels.join(', ')}`);
  const publicUrl = raw.publicUrl || undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/?#\s]+\/?$/.test(publicUrl)) {
    throw refuse(
      'publicUrl',
      'an http or https address with no path, like https://followthrough.example.com',
    );
  }
  const adminEmail = raw.admin || undefined;
  const adminPassword = env.FOLLOWTHROUGH_ADMIN_PASSWORD || undefined;
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    throw invalid(
      'invalid_setting',
      'FOLLOWTHROUGH_ADMIN_EMAIL and FOLLOWTHROUGH_ADMIN_PASSWORD go together: set both, or neither.',
      { setting: adminEmail ? 'FOLLOWTHROUGH_ADMIN_PASSWORD' : 'FOLLOWTHROUGH_ADMIN_EMAIL' },
    );
  }
  const trustedProxies = (raw.trustedProxies ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (trustedProxies.some((a) => isIP(a) === 0))
    throw refuse('trustedProxies', 'IP addresses separated by commas, like 10.0.0.5,10.0.0.6');
  const smtpUrl = raw.smtpUrl || undefined;
  if (smtpUrl !== undefined && !isMailServerUrl(smtpUrl)) {
    // The address may carry a password: it is not repeated.
    throw invalid(
      'invalid_setting',
      'SMTP_URL must be an smtp:// or smtps:// address with a host, like smtps://user:password@smtp.example.com:465.',
      { setting: 'SMTP_URL' },
    );
  }
  const mailFrom = raw.mailFrom || defaultSender(publicUrl ?? `http://${host}`);
  if (!isOneAddress(mailFrom)) {
    throw refuse(
      'mailFrom',
      "one address, alone or with a name, like 'Followthrough <followthrough@example.com>'",
    );
  }
  const smtpPortText = raw.smtpPort || undefined;
  const smtpPort = smtpPortText === undefined ? undefined : wholeNumber(smtpPortText);
  if (smtpPort === null || (smtpPort !== undefined && smtpPort > 65_535)) {
    throw refuse('smtpPort', 'a whole number from 0 to 65535');
  }
  const mailDomain = raw.mailDomain?.toLowerCase() || undefined;
  if (
    mailDomain !== undefined &&
    !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(mailDomain)
  ) {
    throw refuse('mailDomain', 'a domain name, like followthrough.example.com');
  }
  return {
    host,
    smtpPort,
    mailDomain,
    smtpUrl,
    mailFrom,
    port,
    trustedProxies,
    schedulerMaxWaitMs: wait * 1000,
    logLevel,
    publicUrl: publicUrl?.replace(/\/$/, ''),
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
  };
}

const wholeNumber = (text: string): number | null => (/^\d{1,5}$/.test(text) ? Number(text) : null);

function isMailServerUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `followthrough@` the server's host name; an address has no name part, so localhost for an IP. */
function defaultSender(publicUrl: string): string {
  const hostname = new URL(publicUrl).hostname;
  const domain =
    /[a-z]/i.test(hostname) && !hostname.includes(':') && !hostname.startsWith('[') ? hostname : 'localhost';
  return `Followthrough <followthrough@${domain}>`;
}

/** One mailbox, with a name or not, on one line: what a From header may carry. */
function isOneAddress(text: string): boolean {
  if (/[\r\n\0]/.test(text)) return false;
  const found = addressparser(text, { flatten: true });
  return found.length === 1 && /^[^@\s]+@[^@\s]+\.?[^@\s]*$/.test(found[0]?.address ?? '');
}
