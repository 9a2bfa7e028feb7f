/**
 * Agent login/logout. Mounted at /api/auth.
 *
 * - POST /login  {email, password} -> sets the `handoff_session` cookie (HttpOnly, SameSite=Strict,
 *   Path=/, Secure on https) and returns { agent, csrfToken, expiresAt }. The console keeps csrfToken in
 *   memory and sends it as X-CSRF-Token on state changes.
 * - POST /token  {email, password} -> { token, agent, expiresAt } and no cookie: a bearer token for API
 *   clients, scripts and benchmarks (Authorization: Bearer <token>).
 * - POST /logout -> revokes the current session (cookie or bearer) and clears the cookie.
 * - GET  /me     -> { agent, csrfToken, expiresAt } (lets a reloaded console recover its CSRF token;
 *   a cross-site page cannot read this response).
 *
 * Wrong password, unknown email and disabled agent all get the same 401 `invalid_credentials` after the
 * same PBKDF2 work, so neither the message nor the timing says which emails exist. Attempts are counted
 * before the password check, per email and IP and per IP, with progressive backoff
 * (worker/db/login-attempts.ts): 429 `rate_limited` with Retry-After. Credentials must be
 * sent as application/json (415 otherwise), which keeps cross-site forms from logging a browser in.
 */
import { Hono, type Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { dummyPasswordHash, verifyPassword } from "../auth/password";
import { requireAgent, SESSION_COOKIE, type AgentHonoEnv } from "../auth/require-agent";
import { createSession, revokeSessionById, SESSION_TTL_MS, verifySession } from "../auth/sessions";
import { closeRevokedSockets } from "../lobby/revocation";
import { findAgentByEmail } from "../db/agents";
import { admitLoginAttempt, recordLoginSuccess } from "../db/login-attempts";
import { ApiError, handleApiError } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { clientIp } from "../http/rate-limit";
import { emailField } from "../http/validate";

// Exported for the OpenAPI document (worker/openapi).
export const LoginBody = v.object({
  email: emailField,
  password: v.pipe(v.string(), v.minLength(1, "password is required"), v.maxLength(1024)),
});

/**
 * Login CSRF: a cross-site <form> can POST text/plain or form bodies but not application/json without a
 * CORS preflight (which this API never grants), so requiring JSON stops a foreign page from signing the
 * browser into another account.
 */
const jsonOnly = createMiddleware(async (c, next) => {
  if (!/^application\/json\b/i.test(c.req.header("Content-Type") ?? "")) {
    throw new ApiError(415, "unsupported_media_type", "Send the credentials as application/json.");
  }
  await next();
});

/** Checks credentials; returns the agent's id or throws 401/429. */
async function authenticate(
  c: Context<AgentHonoEnv>,
  { email, password }: v.InferOutput<typeof LoginBody>,
): Promise<string> {
  const db = c.env.DB;
  // Callers that did not come through Cloudflare's edge (no CF-Connecting-IP) share one IP bucket.
  const ip = clientIp(c) ?? "unknown";
  const retryMs = await admitLoginAttempt(db, email, ip);
  if (retryMs > 0) {
    c.header("Retry-After", String(Math.ceil(retryMs / 1000)));
    throw new ApiError(429, "rate_limited", "Too many failed sign-in attempts. Try again later.");
  }
  const row = await findAgentByEmail(db, email);
  // Verify even when there is no such agent, against a dummy hash, so timing does not enumerate emails.
  const ok = await verifyPassword(password, row?.passwordHash ?? (await dummyPasswordHash()));
  if (!row || !ok || row.disabled) throw new ApiError(401, "invalid_credentials", "Email or password is incorrect.");
  await recordLoginSuccess(db, email, ip);
  return row.id;
}

/** Creates a session and reads it back through the verification path (so the agent carries its teams). */
async function startSession(c: Context<AgentHonoEnv>, agentId: string) {
  const session = await createSession(c.env.DB, agentId);
  const verified = await verifySession(c.env.DB, session.token);
  if (!verified) throw new ApiError(500, "internal", "Session could not be created.");
  return { ...session, agent: verified.agent };
}

export const authRoutes = new Hono<AgentHonoEnv>();
authRoutes.onError(handleApiError);

authRoutes.post("/login", jsonOnly, jsonBody(LoginBody), async (c) => {
  const session = await startSession(c, await authenticate(c, c.req.valid("json")));
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    // Secure on https only, so `wrangler dev` on http://localhost still works; production is https.
    secure: new URL(c.req.url).protocol === "https:",
    sameSite: "Strict",
    path: "/",
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
  return c.json({ agent: session.agent, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
});

authRoutes.post("/token", jsonOnly, jsonBody(LoginBody), async (c) => {
  const session = await startSession(c, await authenticate(c, c.req.valid("json")));
  return c.json({ token: session.token, agent: session.agent, expiresAt: session.expiresAt });
});

authRoutes.post("/logout", requireAgent(), async (c) => {
  await revokeSessionById(c.env.DB, c.var.session.id);
  await closeRevokedSockets(c.env, { agentId: c.var.agent.id, sessionId: c.var.session.id });
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: new URL(c.req.url).protocol === "https:" });
  return c.json({ ok: true });
});

authRoutes.get("/me", requireAgent(), (c) =>
  c.json({ agent: c.var.agent, csrfToken: c.var.session.csrfToken, expiresAt: c.var.session.expiresAt }),
);
