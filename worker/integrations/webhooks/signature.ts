/**
 * Delivery signatures: `X-Handoff-Signature: v1=<hex HMAC-SHA256("<timestamp>.<body>", secret)>` where
 * timestamp is `X-Handoff-Timestamp` (Unix seconds of the attempt). Signing the timestamp with the body
 * lets receivers refuse replays older than a few minutes; the `v1=` prefix leaves room for a second
 * scheme (e.g. during a secret rotation both could be sent). docs/webhooks.md has receiver snippets.
 */
const encoder = new TextEncoder();

export const SIGNATURE_HEADER = "X-Handoff-Signature";
export const TIMESTAMP_HEADER = "X-Handoff-Timestamp";
export const EVENT_HEADER = "X-Handoff-Event";
export const DELIVERY_HEADER = "X-Handoff-Delivery";

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function hmac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return toHex(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/** The header value for one attempt. */
export async function signWebhook(secret: string, timestamp: number, body: string): Promise<string> {
  return `v1=${await hmac(secret, `${timestamp}.${body}`)}`;
}

/**
 * Receiver-side check (used by the tests, and the reference for docs/webhooks.md): constant-time
 * compare, and refuse timestamps further than `toleranceSeconds` from `now`.
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | null,
  timestamp: string | null,
  body: string,
  opts: { toleranceSeconds?: number; now?: number } = {},
): Promise<boolean> {
  if (!header || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  if (Math.abs(now - Number(timestamp)) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = await signWebhook(secret, Number(timestamp), body);
  const given = header
    .split(",")
    .map((s) => s.trim())
    .find((s) => s.startsWith("v1="));
  if (!given || given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}

/** A new endpoint secret: 32 random bytes, hex, with a recognisable prefix (helps secret scanners). */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
