import { createHmac, timingSafeEqual } from 'node:crypto';

/** The file a signed link opens: the asset itself or, for films, its poster frame. */
export type MediaVariant = 'content' | 'poster';

export interface MediaGrant {
  mediaId: string;
  variant: MediaVariant;
  /** The user the link was issued to (kept for the access log; a link is personal). */
  userId: string;
  /** Unix seconds after which the link is refused. */
  expires: number;
}

/**
 * Short-lived signed links for media bytes. A <video> element cannot send a
 * bearer token, so the API checks who may see a course when it hands out the
 * link, and the link itself carries an HMAC over (media, variant, user,
 * expiry) that the streaming endpoint verifies.
 */
export class MediaUrlSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('qinglian:media-url:v1').digest();
  }

  sign(grant: MediaGrant): string {
    return createHmac('sha256', this.key)
      .update(`${grant.mediaId}\n${grant.variant}\n${grant.userId}\n${grant.expires}`)
      .digest('base64url');
  }

  /** The query string of a link: `u`, `e` and `s`. */
  query(grant: MediaGrant): string {
    return new URLSearchParams({ u: grant.userId, e: String(grant.expires), s: this.sign(grant) }).toString();
  }

  /** Why a link is refused, or null when it is good now. */
  refusal(grant: MediaGrant, signature: string | undefined, nowSeconds: number): string | null {
    if (!signature || !Number.isInteger(grant.expires)) return 'the link is not signed';
    const expected = Buffer.from(this.sign(grant));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'the link signature does not match this file';
    if (grant.expires < nowSeconds) return 'the link has expired; reopen the lesson for a new one';
    return null;
  }
}
