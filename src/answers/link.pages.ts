import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** What the pages opened by a signed link share: the answer and agreement pages alike. */

/** The link is the key: it must not leak to another site, nor stay in a shared cache. */
export const privately = { 'referrer-policy': 'no-referrer', 'cache-control': 'private, no-store' };

/** Why a link shows a notice instead of its page. */
export interface LinkNotice {
  notice: { status: ContentfulStatusCode; title: string; message: string };
}

/** A link whose token was cut short, changed or made up. */
export const brokenLink: LinkNotice = {
  notice: {
    status: 404,
    title: 'This link does not work',
    message: 'It may have been cut short or changed. Open it again from the mail, whole.',
  },
};

/** One field of a posted form, when it is text. */
export const formField = (body: Record<string, unknown>, name: string): string | undefined =>
  typeof body[name] === 'string' ? (body[name] as string) : undefined;
