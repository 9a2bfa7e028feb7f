/**
 * Test helpers for agents and sessions (real D1, migrations applied by test/worker/apply-migrations.ts).
 *
 *   const ana = await createAgent(env, { name: "Ana", teams: ["billing"] });
 *   const token = await mintAgentSession(env, ana.id);
 *   await SELF.fetch(url, { headers: { Authorization: `Bearer ${token}` } });
 */
import { hashPassword } from "../../../worker/auth/password";
import { createSession } from "../../../worker/auth/sessions";
import { insertAgent, type AgentView } from "../../../worker/db/agents";
import type { AgentRole, AgentStatus } from "../../../schema/db";

export const DEFAULT_TEST_PASSWORD = "test-password-123";

// PBKDF2 at 100k iterations costs tens of ms; hash the default password once per test file.
let defaultHash: string | undefined;

export interface CreateAgentOptions {
  id?: string;
  name?: string;
  email?: string;
  password?: string;
  role?: AgentRole;
  teams?: string[];
  maxConcurrent?: number;
  status?: AgentStatus;
  disabled?: boolean;
}

export type TestAgent = AgentView & { password: string };

let counter = 0;

/** Inserts an agent (and any missing teams). Defaults: role "agent", no teams, status "offline", max 3. */
export async function createAgent(env: { DB: D1Database }, opts: CreateAgentOptions = {}): Promise<TestAgent> {
  const n = ++counter;
  const password = opts.password ?? DEFAULT_TEST_PASSWORD;
  let passwordHash: string;
  if (opts.password === undefined) {
    defaultHash ??= await hashPassword(DEFAULT_TEST_PASSWORD);
    passwordHash = defaultHash;
  } else {
    passwordHash = await hashPassword(password);
  }
  const view = await insertAgent(env.DB, {
    id: opts.id,
    name: opts.name ?? `Agent ${n}`,
    email: opts.email ?? `agent${n}-${crypto.randomUUID().slice(0, 8)}@test.local`,
    passwordHash,
    role: opts.role,
    teams: opts.teams,
    maxConcurrent: opts.maxConcurrent,
    status: opts.status,
    disabled: opts.disabled,
  });
  return { ...view, password };
}

/** Creates a session for the agent and returns its bearer token. */
export async function mintAgentSession(
  env: { DB: D1Database },
  agentId: string,
  opts: { ttlMs?: number; now?: number } = {},
): Promise<string> {
  return (await createSession(env.DB, agentId, opts)).token;
}

/** Shortcut: `{ Authorization: "Bearer <token>" }` for a new session of the agent. */
export async function agentAuthHeaders(env: { DB: D1Database }, agentId: string): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await mintAgentSession(env, agentId)}` };
}

/** Creates an agent and a session for it: the agent and its bearer token, what a lobby or a claim needs. */
export async function createSignedInAgent(env: { DB: D1Database }, opts: CreateAgentOptions = {}) {
  const agent = await createAgent(env, opts);
  return { agent, token: await mintAgentSession(env, agent.id) };
}
