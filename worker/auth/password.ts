/**
 * Agent password hashing: WebCrypto PBKDF2-SHA256, a random 16-byte salt per hash, 100,000 iterations.
 *
 * Why exactly 100,000 (the floor): Cloudflare's runtime has capped PBKDF2 at 100,000 iterations
 * ("Pbkdf2 failed: iteration counts above 100000 are not supported"; cloudflare/workerd#1346, still open,
 * where the maintainers plan to allow more for higher CPU limits). The local workerd used by wrangler dev
 * and the tests here (1.2026111x) no longer enforces it (measured: 600,000 iterations derive in ~68 ms),
 * but production is what counts, so we stay at the cap. 100,000 iterations take ~12 ms here.
 * The count is stored in every hash, so it can be raised later without invalidating existing hashes.
 *
 * Format: `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>` (32-byte derived key).
 * Node's WebCrypto produces the same bytes (scripts/seed.ts hashes demo passwords with it).
 */
export const PBKDF2_ITERATIONS = 100_000;
/** Upper bound accepted from a stored hash: a guard against a tampered row asking for unbounded work. */
const MAX_VERIFY_ITERATIONS = 1_000_000;
const SALT_BYTES = 16;
const KEY_BITS = 256;
const PREFIX = "pbkdf2-sha256";

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  bits: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const out = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, bits);
  return new Uint8Array(out);
}

/** Constant-time comparison: the time taken does not depend on where the first differing byte is. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations, KEY_BITS);
  return `${PREFIX}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** False for a wrong password and for a malformed stored hash (never throws on bad input). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 4 || parts[0] !== PREFIX) return false;
  const iterations = Number(parts[1]);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_VERIFY_ITERATIONS) return false;
  let salt: Uint8Array<ArrayBuffer>;
  let expected: Uint8Array;
  try {
    salt = fromBase64(parts[2]);
    expected = fromBase64(parts[3]);
  } catch {
    return false;
  }
  if (salt.length === 0 || expected.length === 0) return false;
  let actual: Uint8Array;
  try {
    actual = await derive(password, salt, iterations, expected.length * 8);
  } catch {
    // e.g. a runtime that refuses this iteration count: a failed login, not a 500.
    return false;
  }
  return timingSafeEqual(actual, expected);
}

/**
 * A valid hash of a random password, used when a login names an unknown email: verifying against it
 * costs the same PBKDF2 time as a real account, so response time does not reveal which emails exist.
 */
// Cached as a string, not a promise: workerd cancels continuations of a promise created by another request.
let dummyHash: string | undefined;
export async function dummyPasswordHash(): Promise<string> {
  dummyHash ??= await hashPassword(toBase64(crypto.getRandomValues(new Uint8Array(18))));
  return dummyHash;
}
