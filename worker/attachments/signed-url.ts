/**
 * Short-lived signed links to one attachment, for an `<img>` (which cannot send the customer's token)
 * and for the links in transcript emails. HMAC-SHA256 with TOKEN_SECRET over the conversation, the
 * attachment and the expiry, like the customer tokens (worker/auth/customer-token.ts): stateless, and
 * a link opens that one file until it expires and nothing else.
 */
import { base64url, requireSecret } from "../auth/customer-token";
import { timingSafeEqual } from "../auth/password";

const encoder = new TextEncoder();
/** An `<img>` link lives an hour: clients ask for fresh ones (the list route) when they render later. */
export const IMAGE_LINK_TTL_SECONDS = 3600;
/** A link in a transcript email lives a week. */
export const EMAIL_LINK_TTL_SECONDS = 7 * 24 * 3600;

const keys = new Map<string, Promise<CryptoKey>>();
function linkKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    // A key of its own (the secret with a purpose prefix), so a link signature is never a valid token signature.
    const raw = encoder.encode(`attachment-link|${requireSecret(secret)}`);
    key = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

async function signature(secret: string, conversationId: string, attachmentId: string, exp: number) {
  const data = encoder.encode(`${conversationId}|${attachmentId}|${exp}`);
  return base64url(await crypto.subtle.sign("HMAC", await linkKey(secret), data));
}

/** `?exp=<seconds>&sig=<base64url>` for the download path of this attachment. */
export async function signLinkQuery(
  secret: string,
  conversationId: string,
  attachmentId: string,
  ttlSeconds: number,
  now = Date.now(),
): Promise<string> {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  return `exp=${exp}&sig=${await signature(secret, conversationId, attachmentId, exp)}`;
}

export async function verifyLink(
  secret: string,
  conversationId: string,
  attachmentId: string,
  query: { exp?: string; sig?: string },
  now = Date.now(),
): Promise<boolean> {
  const exp = Number(query.exp);
  if (!Number.isSafeInteger(exp) || exp * 1000 <= now || !query.sig || query.sig.length > 100) return false;
  const expected = await signature(secret, conversationId, attachmentId, exp);
  return timingSafeEqual(encoder.encode(expected), encoder.encode(query.sig));
}
