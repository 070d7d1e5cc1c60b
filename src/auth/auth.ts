import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { importPackage } from '../shared/packages.js';
import { sameServer } from '../web/origins.js';

/**
 * Accounts, passwords and sessions, by Better Auth on our own database connection, in the
 * tables migration 0007_accounts made (names and columns mapped below: change both together).
 * Loaded only by the server.
 */
export interface AuthSettings {
  /** Signs session cookies and tokens: at least 32 characters, never committed. */
  secret: string;
  /** Where people reach the server, like https://followthrough.example.com: cookies are Secure on https. */
  baseURL: string;
}

/** The header the server sets to the connecting address (replacing any a client sent), for rate limits. */
export const CLIENT_IP_HEADER = 'x-followthrough-client-ip';

export async function createAuth(db: Db, settings: AuthSettings, log: Logger) {
  const [{ betterAuth }, { bearer }] = await Promise.all([
    importPackage<typeof import('better-auth')>('better-auth'),
    importPackage<typeof import('better-auth/plugins')>('better-auth/plugins'),
  ]);
  return betterAuth({
    database: { db: db as never, type: isPostgres(db) ? 'postgres' : 'sqlite' },
    secret: settings.secret,
    baseURL: settings.baseURL,
    basePath: '/api/auth',
    trustedOrigins: sameServer(settings.baseURL),
    emailAndPassword: { enabled: true, autoSignIn: true },
    plugins: [bearer()],
    telemetry: { enabled: false },
    logger: {
      level: 'warn',
      log: (level, message) => log[level]({ auth: true }, message),
    },
    // Its refusals are logged here, as one JSON line each: left to itself, the library writes
    // some of them (a body that is not JSON) with a console logger of its own, in colour.
    onAPIError: {
      onError: (error) => {
        const status = (error as { statusCode?: unknown }).statusCode;
        const message = error instanceof Error ? error.message : String(error);
        if (typeof status === 'number' && status < 500) {
          log.warn({ auth: true, status }, message);
        } else {
          log.error({ auth: true, err: error }, message);
        }
      },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      // Sign-in counts wrong passwords only, in our routes (auth/address.limits.ts): the
      // library would count right ones too.
      customRules: { '/sign-in/email': false },
      modelName: 'auth_rate_limits',
      fields: { lastRequest: 'last_request' },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: settings.baseURL.startsWith('https:'),
    },
    user: {
      modelName: 'auth_users',
      fields: { emailVerified: 'email_verified', createdAt: 'created_at', updatedAt: 'updated_at' },
    },
    session: {
      modelName: 'auth_sessions',
      fields: {
        expiresAt: 'expires_at',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
        ipAddress: 'ip_address',
        userAgent: 'user_agent',
        userId: 'user_id',
      },
    },
    account: {
      modelName: 'auth_accounts',
      fields: {
        accountId: 'account_id',
        providerId: 'provider_id',
        userId: 'user_id',
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        idToken: 'id_token',
        accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
    },
    verification: {
      modelName: 'auth_verifications',
      fields: { expiresAt: 'expires_at', createdAt: 'created_at', updatedAt: 'updated_at' },
    },
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;
