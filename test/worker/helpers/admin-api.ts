// The auth and admin API through the real Worker (SELF), as the console calls it: shared by the tests
// of test/worker/agents/ (login, admin-access, admin-agents, admin-content).
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createAgent, mintAgentSession } from "./agents";

export const BASE = "https://handoff.test";
export type ErrorJson = { error: { code: string; message: string } };

export function api(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  // The console's Origin, as a browser sends it: cookie writes are accepted from CONSOLE_ORIGINS only.
  const headers: Record<string, string> = { Origin: "http://localhost:8787", ...init.headers };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  return SELF.fetch(`${BASE}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
export async function code(res: Response) {
  return ((await res.json()) as ErrorJson).error.code;
}
export function sessionCookie(res: Response): string {
  const set = res.headers.get("Set-Cookie") ?? "";
  const m = /handoff_session=([^;]+)/.exec(set);
  if (!m) throw new Error(`no session cookie in ${set}`);
  return `handoff_session=${m[1]}`;
}

/** A new admin and the bearer headers of a session of theirs. */
export async function adminHeaders() {
  const admin = await createAgent(env, { role: "admin" });
  return { admin, headers: bearer(await mintAgentSession(env, admin.id)) };
}
