import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';

/** How long a follow-up's answer links work after it was sent. */
export const ANSWER_LINK_DAYS = 14;
/** Where a server is reached when nobody said (PUBLIC_URL): `ft serve`'s own default. */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:3000';

const keys = new WeakMap<Db, Promise<Buffer>>();

/**
 * The key that signs answer links, made on first use and kept with the data, so every process
 * on the same database signs and checks alike. Kept in memory once read.
 */
export function answerKey(db: Db, clock: Clock): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      await db
        .insertInto('keys')
        .values({
          name: 'answer_links',
          value: randomBytes(32).toString('base64url'),
          created_at: clock.now().toISOString(),
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db
        .selectFrom('keys')
        .select('value')
        .where('name', '=', 'answer_links')
        .executeTakeFirstOrThrow();
      return Buffer.from(row.value, 'base64url');
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/** What a signed link is for: a token made for one purpose is refused for another. */
export type LinkPurpose = 'answer' | 'agree';

/** When links made now stop working. */
export const linksExpire = (from: Date): Date => new Date(from.getTime() + ANSWER_LINK_DAYS * 86_400_000);

/**
 * `bound`, when given, is signed without being in the token: a link made for one owner of a
 * step stops working once the step has another.
 */
const signature = (key: Buffer, purpose: LinkPurpose, payload: string, bound?: number) =>
  createHmac('sha256', key)
    .update(`${purpose}:${payload}${bound === undefined ? '' : `:${bound}`}`)
    .digest()
    .subarray(0, 18)
    .toString('base64url');

/** A link's token: the id of what it acts on and when it stops working, signed for its purpose. */
export function signedToken(
  key: Buffer,
  purpose: LinkPurpose,
  id: number,
  expiresAt: Date,
  bound?: number,
): string {
  const payload = `${id}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${payload}.${signature(key, purpose, payload, bound)}`;
}

/** The id a token names, unchecked: to find what its signature is bound to. */
export const tokenId = (token: string): number | null => {
  const id = /^(\d{1,12})\./.exec(token)?.[1];
  return id ? Number(id) : null;
};

/** The token of a follow-up's answer links. */
export const answerToken = (key: Buffer, followUpId: number, expiresAt: Date): string =>
  signedToken(key, 'answer', followUpId, expiresAt);

export type ReadToken = { id: number } | { refused: 'invalid' | 'expired' };

/** What a token names, once its signature is checked; an altered or made-up one is refused. */
export function readSignedToken(
  key: Buffer,
  purpose: LinkPurpose,
  token: string,
  now: Date,
  bound?: number,
): ReadToken {
  const match = /^(\d{1,12})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{24})$/.exec(token);
  if (!match) return { refused: 'invalid' };
  const [, id, expires, given] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(signature(key, purpose, `${id}.${expires}`, bound));
  if (!timingSafeEqual(expected, Buffer.from(given))) return { refused: 'invalid' };
  if (Number.parseInt(expires, 36) * 1000 <= now.getTime()) return { refused: 'expired' };
  return { id: Number(id) };
}

/** The three links of a follow-up mail, each opening the answer page with its outcome chosen. */
export function answerLinks(base: string, token: string) {
  const page = `${base}/answer/${token}`;
  return {
    done: `${page}?outcome=done`,
    partly: `${page}?outcome=partly`,
    not_done: `${page}?outcome=not_done`,
  };
}

/**
 * What a signed reply address is for: `reply+` answers a follow-up (its answerer writes);
 * `note+` replies to an answer (its hearer writes back). Each is signed for its own kind.
 */
export type ReplyKind = 'reply' | 'note';

const replySignature = (key: Buffer, kind: ReplyKind, payload: string) =>
  createHmac('sha256', key).update(`${kind}:${payload}`).digest().subarray(0, 16).toString('hex');

/**
 * The local part of the address a follow-up's replies go to: `reply+ID.EXPIRES.SIGNATURE`
 * (`note+…` for replies to its answer), in lower case only (a mail server may change the case
 * of an address; it changes nothing here).
 */
export function replyLocalPart(
  key: Buffer,
  followUpId: number,
  expiresAt: Date,
  kind: ReplyKind = 'reply',
): string {
  const payload = `${followUpId}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${kind}+${payload}.${replySignature(key, kind, payload)}`;
}

/** What a reply address names, once its signature is checked. */
export function readReplyLocalPart(
  key: Buffer,
  local: string,
  now: Date,
): { id: number; kind: ReplyKind } | { refused: 'invalid' | 'expired' } {
  const match = /^(reply|note)\+(\d{1,12})\.([0-9a-z]{1,10})\.([0-9a-f]{32})$/.exec(local.toLowerCase());
  if (!match) return { refused: 'invalid' };
  const [, kind, id, expires, given] = match as unknown as [string, ReplyKind, string, string, string];
  if (!timingSafeEqual(Buffer.from(replySignature(key, kind, `${id}.${expires}`)), Buffer.from(given))) {
    return { refused: 'invalid' };
  }
  if (Number.parseInt(expires, 36) * 1000 <= now.getTime()) return { refused: 'expired' };
  return { id: Number(id), kind };
}
