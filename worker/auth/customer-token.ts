/**
 * Customer tokens: `<payload>.<signature>`, both base64url, signed with HMAC-SHA256 over the payload.
 * A token names exactly one conversation, so it opens that conversation and no other. Stateless on
 * purpose: the widget keeps it in localStorage and presents it on every reconnect without a D1 read.
 */
const encoder = new TextEncoder();
const TOKEN_TTL_SECONDS = 30 * 24 * 3600;

export interface CustomerClaims {
  /** Conversation id. */
  cid: string;
  /** Issued at / expires at, seconds since the epoch. */
  iat: number;
  exp: number;
}

export type TokenCheck =
  | { ok: true; claims: CustomerClaims }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

// importKey is comparatively slow; secrets don't change within an isolate's life.
const keyCache = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keyCache.set(secret, key);
  }
  return key;
}

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = "";
  for (const b of view) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function requireSecret(secret: string | undefined): string {
  if (!secret || secret.length < 16) {
    throw new Error(
      "TOKEN_SECRET is missing or shorter than 16 characters: set it in .dev.vars or with `wrangler secret put TOKEN_SECRET`",
    );
  }
  return secret;
}

export async function signCustomerToken(
  secret: string,
  conversationId: string,
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(now / 1000);
  const claims: CustomerClaims = { cid: conversationId, iat, exp: iat + TOKEN_TTL_SECONDS };
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(requireSecret(secret)), encoder.encode(payload));
  return { token: `${payload}.${base64url(signature)}`, expiresAt: claims.exp * 1000 };
}

export async function verifyCustomerToken(
  secret: string,
  token: string | null | undefined,
  now = Date.now(),
): Promise<TokenCheck> {
  if (!token || token.length > 1024) return { ok: false, reason: "malformed" };
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const sigBytes = fromBase64url(signature);
  const payloadBytes = fromBase64url(payload);
  if (!sigBytes || !payloadBytes) return { ok: false, reason: "malformed" };
  // crypto.subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify(
    "HMAC",
    await hmacKey(requireSecret(secret)),
    sigBytes,
    encoder.encode(payload),
  );
  if (!valid) return { ok: false, reason: "bad_signature" };
  let claims: CustomerClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(payloadBytes));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof claims.cid !== "string" || typeof claims.exp !== "number") return { ok: false, reason: "malformed" };
  if (claims.exp * 1000 <= now) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
