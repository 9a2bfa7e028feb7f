/**
 * Agents and teams. Reading the directory is open to every signed-in agent (the console needs it to
 * pick a transfer target); creating, editing and disabling is admin-only. Mounted under /api.
 *
 *   GET    /agents            any agent   { agents: AgentView[] }
 *   GET    /agents/:id        any agent   { agent }
 *   POST   /agents            admin       { agent }  201; 409 `conflict` on a taken email
 *   PATCH  /agents/:id        admin       { agent }  password change or disable revokes their sessions
 *   DELETE /agents/:id        admin       { agent }  disables (kept for reports and ticket history)
 *   GET    /teams             any agent   { teams }
 *   GET    /teams/:id         any agent   { team }
 *   POST   /teams             admin       { team }   201; 409 on a taken id
 *   PATCH  /teams/:id         admin       { team }
 *   DELETE /teams/:id         admin       { ok }     memberships go with it; conversations keep the name
 */
import { Hono } from "hono";
import * as v from "valibot";
import { AGENT_ROLES } from "../../schema/db";
import { EXPECTED_RESPONSE_UNITS } from "../../schema/domain";
import { expectedResponseOverride } from "../languages/expected-response";
import { hashPassword } from "../auth/password";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { revokeAgentSessions } from "../auth/sessions";
import { closeRevokedSockets } from "../lobby/revocation";
import { type AgentChanges, disableAgent, getAgentView, insertAgent, listAgentViews, updateAgent } from "../db/agents";
import { deleteTeam, getTeam, insertTeam, listTeams, updateTeam } from "../db/teams";
import { pageOf, readPage } from "../http/pagination";
import { invalidateKnowledgeCache } from "../conversation/knowledge-cache";
import { isUniqueViolation } from "../db/errors";
import { ApiError, handleApiError } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { emailField, nameField, slugField } from "../http/validate";
import { LanguageList } from "../../schema/languages";

const passwordField = v.pipe(v.string(), v.minLength(8, "password must be at least 8 characters"), v.maxLength(256));
const teamList = v.pipe(v.array(slugField), v.maxLength(20));
const maxConcurrentField = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100));

// Exported for the OpenAPI document (worker/openapi).
export const CreateAgentBody = v.strictObject({
  name: nameField,
  email: emailField,
  password: passwordField,
  role: v.optional(v.picklist(AGENT_ROLES), "agent"),
  teams: v.optional(teamList, []),
  maxConcurrent: v.optional(maxConcurrentField, 3),
  /** Languages the agent speaks ("es", "pt-BR" kept as "pt"); empty: their teams' languages. */
  languages: v.optional(LanguageList, []),
});
// Exported for the OpenAPI document (worker/openapi).
export const UpdateAgentBody = v.strictObject({
  name: v.optional(nameField),
  email: v.optional(emailField),
  password: v.optional(passwordField),
  role: v.optional(v.picklist(AGENT_ROLES)),
  teams: v.optional(teamList),
  maxConcurrent: v.optional(maxConcurrentField),
  disabled: v.optional(v.boolean()),
  languages: v.optional(LanguageList),
});

const HHMM = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24 h)"));
const timeZone = v.pipe(
  v.string(),
  v.check((tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "tz must be an IANA time zone such as Europe/Berlin"),
);
/** null = always open. */
export const BusinessHoursSchema = v.nullable(
  v.pipe(
    v.strictObject({
      tz: timeZone,
      days: v.pipe(
        v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))),
        v.minLength(1),
        v.maxLength(7),
      ),
      open: HHMM,
      close: HHMM,
    }),
    // Same-day windows only, matching worker/routing/availability.ts isWithinBusinessHours.
    v.check((h) => h.open < h.close, "close must be later than open (overnight hours are not supported)"),
    v.check((h) => new Set(h.days).size === h.days.length, "days must not repeat"),
  ),
);
const slaField = v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(7 * 24 * 3600));
/** The admin's own wording, used as-is in every language; null clears it (the amount and unit are rendered). */
const expectedResponseField = v.nullable(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120)));
const expectedAmountField = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000));
const expectedUnitField = v.picklist(EXPECTED_RESPONSE_UNITS, `must be one of ${EXPECTED_RESPONSE_UNITS.join(", ")}`);
const languageWindowField = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600));
// Exported for the OpenAPI document (worker/openapi).
export const CreateTeamBody = v.strictObject({
  id: slugField,
  name: nameField,
  slaSeconds: v.optional(slaField, 300),
  businessHours: v.optional(BusinessHoursSchema, null),
  expectedResponse: v.optional(expectedResponseField),
  /** The expected response when nobody is online: an amount of a unit, in the customer's language. */
  expectedResponseAmount: v.optional(expectedAmountField),
  expectedResponseUnit: v.optional(expectedUnitField),
  /** Claim mode: seconds a new conversation is announced only to the agents who speak its language. */
  languageWindowSeconds: v.optional(languageWindowField),
  /** Languages the team speaks: routing prefers its agents who speak the customer's language. */
  languages: v.optional(LanguageList, []),
});
// Exported for the OpenAPI document (worker/openapi).
export const UpdateTeamBody = v.strictObject({
  name: v.optional(nameField),
  slaSeconds: v.optional(slaField),
  businessHours: v.optional(BusinessHoursSchema),
  expectedResponse: v.optional(expectedResponseField),
  expectedResponseAmount: v.optional(expectedAmountField),
  expectedResponseUnit: v.optional(expectedUnitField),
  languageWindowSeconds: v.optional(languageWindowField),
  languages: v.optional(LanguageList),
});

/** The stored override: "" when cleared (the column is NOT NULL). */
function storedOverride<T extends { expectedResponse?: string | null }>({ expectedResponse, ...rest }: T) {
  return expectedResponse === undefined ? rest : { ...rest, expectedResponse: expectedResponse ?? "" };
}

async function agentOr404(d1: D1Database, id: string) {
  const agent = await getAgentView(d1, id);
  if (!agent) throw new ApiError(404, "not_found", "No such agent.");
  return agent;
}

export const agentAdminRoutes = new Hono<AgentHonoEnv>();
agentAdminRoutes.onError(handleApiError);

agentAdminRoutes.get("/agents", requireAgent(), async (c) => {
  const page = readPage(c.req.query());
  const { items, nextCursor } = pageOf(await listAgentViews(c.env.DB, page), page);
  return c.json({ agents: items, nextCursor });
});

agentAdminRoutes.get("/agents/:id", requireAgent(), async (c) =>
  c.json({ agent: await agentOr404(c.env.DB, c.req.param("id")) }),
);

agentAdminRoutes.post("/agents", requireAgent("admin"), jsonBody(CreateAgentBody), async (c) => {
  const body = c.req.valid("json");
  try {
    const agent = await insertAgent(c.env.DB, { ...body, passwordHash: await hashPassword(body.password) });
    return c.json({ agent }, 201);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "An agent with this email already exists.");
    throw err;
  }
});

agentAdminRoutes.patch("/agents/:id", requireAgent("admin"), jsonBody(UpdateAgentBody), async (c) => {
  const id = c.req.param("id");
  const body = c.req.valid("json");
  await agentOr404(c.env.DB, id);
  // An admin cannot lock themselves out; another admin can still do it.
  if (id === c.var.agent.id && (body.disabled === true || body.role === "agent")) {
    throw new ApiError(409, "self_lockout", "You cannot disable yourself or remove your own admin role.");
  }
  const set: AgentChanges = {};
  if (body.name !== undefined) set.name = body.name;
  if (body.email !== undefined) set.email = body.email;
  if (body.role !== undefined) set.role = body.role;
  if (body.maxConcurrent !== undefined) set.maxConcurrent = body.maxConcurrent;
  if (body.disabled !== undefined) set.disabled = body.disabled;
  if (body.languages !== undefined) set.languages = body.languages;
  if (body.password !== undefined) set.passwordHash = await hashPassword(body.password);
  try {
    await updateAgent(c.env.DB, id, set, body.teams);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "An agent with this email already exists.");
    throw err;
  }
  // Sessions check `disabled` on every request anyway; revoking also ends them for good if re-enabled.
  if (body.disabled === true || body.password !== undefined) {
    await revokeAgentSessions(c.env.DB, id);
    await closeRevokedSockets(c.env, { agentId: id });
  }
  return c.json({ agent: await agentOr404(c.env.DB, id) });
});

agentAdminRoutes.delete("/agents/:id", requireAgent("admin"), async (c) => {
  const id = c.req.param("id");
  await agentOr404(c.env.DB, id);
  if (id === c.var.agent.id) throw new ApiError(409, "self_lockout", "You cannot disable yourself.");
  await disableAgent(c.env.DB, id);
  await revokeAgentSessions(c.env.DB, id);
  await closeRevokedSockets(c.env, { agentId: id });
  return c.json({ agent: await agentOr404(c.env.DB, id) });
});

// --- teams ---

/** A team as the API shows it: `expectedResponse` is the override, null when there is none. */
function teamView<T extends { expectedResponse: string }>(row: T) {
  return { ...row, expectedResponse: expectedResponseOverride(row.expectedResponse) };
}

async function teamOr404(d1: D1Database, id: string) {
  const team = await getTeam(d1, id);
  if (!team) throw new ApiError(404, "not_found", "No such team.");
  return teamView(team);
}

agentAdminRoutes.get("/teams", requireAgent(), async (c) => {
  const page = readPage(c.req.query());
  const { items, nextCursor } = pageOf(await listTeams(c.env.DB, page), page);
  return c.json({ teams: items.map(teamView), nextCursor });
});

agentAdminRoutes.get("/teams/:id", requireAgent(), async (c) =>
  c.json({ team: await teamOr404(c.env.DB, c.req.param("id")) }),
);

agentAdminRoutes.post("/teams", requireAgent("admin"), jsonBody(CreateTeamBody), async (c) => {
  const body = c.req.valid("json");
  try {
    await insertTeam(c.env.DB, storedOverride(body));
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "A team with this id already exists.");
    throw err;
  }
  invalidateKnowledgeCache(c.env.DB);
  return c.json({ team: await teamOr404(c.env.DB, body.id) }, 201);
});

agentAdminRoutes.patch("/teams/:id", requireAgent("admin"), jsonBody(UpdateTeamBody), async (c) => {
  const id = c.req.param("id");
  const body = c.req.valid("json");
  await teamOr404(c.env.DB, id);
  await updateTeam(c.env.DB, id, storedOverride(body));
  invalidateKnowledgeCache(c.env.DB);
  return c.json({ team: await teamOr404(c.env.DB, id) });
});

agentAdminRoutes.delete("/teams/:id", requireAgent("admin"), async (c) => {
  const id = c.req.param("id");
  await teamOr404(c.env.DB, id);
  await deleteTeam(c.env.DB, id);
  invalidateKnowledgeCache(c.env.DB);
  return c.json({ ok: true });
});
