/**
 * Identity verification, as Intercom and Chatwoot do it: the embedding site's server computes
 * hex(HMAC-SHA256(site identity secret, userId)) and the widget passes it with the userId. A valid
 * hash marks the customer verified (agents see it, and the customer can list earlier conversations);
 * a wrong hash is refused; no hash means an anonymous, unverified customer unless the site requires it.
 */
import { loadSiteSettings } from "./site-settings";

export type IdentityCheck =
  | { ok: true; verified: boolean }
  | {
      ok: false;
      status: 401 | 403;
      code: "identity_invalid" | "identity_required" | "identity_not_configured";
      message: string;
    };

const encoder = new TextEncoder();

export async function identityHash(secret: string, userId: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(userId)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export async function checkIdentity(
  d1: D1Database,
  site: string,
  userId: string | undefined,
  userHash: string | undefined,
): Promise<IdentityCheck> {
  const settings = await loadSiteSettings(d1, site);
  if (!userId || !userHash) {
    if (settings.requireVerification)
      return {
        ok: false,
        status: 401,
        code: "identity_required",
        message: "this site requires a verified customer (userId and userHash)",
      };
    return { ok: true, verified: false };
  }
  if (!settings.identitySecret)
    return {
      ok: false,
      status: 403,
      code: "identity_not_configured",
      message: "this site has no identity secret configured",
    };
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(settings.identitySecret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  // verify() compares in constant time.
  const valid =
    /^[0-9a-f]{64}$/.test(userHash) &&
    (await crypto.subtle.verify("HMAC", key, hexToBytes(userHash), encoder.encode(userId)));
  if (!valid) return { ok: false, status: 403, code: "identity_invalid", message: "userHash does not match userId" };
  return { ok: true, verified: true };
}
