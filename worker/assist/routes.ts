/**
 * Agent-assist HTTP routes (docs/assist.md):
 *   POST /api/agent/conversations/:id/suggestion   agent holding it   { text, citations, grounded }
 *   GET  /api/agent/assist/report                  any agent          { report } or CSV (?format=csv)
 *   POST /api/agent/assist/kb-drafts               any agent          { draft } 201, from a conversation's resolving reply
 *   GET  /api/admin/assist/kb-drafts               admin              { drafts }
 *   POST /api/admin/assist/kb-drafts/:id/publish   admin              { article } 201, the edited draft goes live
 */
import { Hono } from "hono";
import * as v from "valibot";
import { denial } from "../../schema/access";
import type { SuggestionResponse } from "../../schema/assist";
import type { ContextPackage } from "../../schema/context";
import { requireConversationWithinTeams } from "../auth/conversation-teams";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { invalidateKnowledgeCache, KnowledgeCache } from "../conversation/knowledge-cache";
import { conversationStub } from "../conversation/stub";
import { getKbDraft, insertKbDraft, listKbDrafts, publishKbDraft, recordSuggestion } from "../db/assist";
import { listCannedResponses } from "../db/content";
import { CONVERSATION_ID } from "../http/conversation-id";
import { ApiError, apiError } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";
import { assistReport, reportCsv } from "./report";
import { draftReply } from "./suggestion";
import { llmDraftReply } from "./suggestion-llm";
import type { AiBinding } from "../ai/workers-ai/workers-ai-scorer";
import { kbDraftFrom } from "./kb-draft";

export const assistAgentRoutes = new Hono<AgentHonoEnv>();
export const assistAdminRoutes = new Hono<AgentHonoEnv>();

function stubFor(env: AgentHonoEnv["Bindings"], id: string) {
  if (!CONVERSATION_ID.test(id)) throw new ApiError(404, "not_found", "unknown conversation");
  return conversationStub(env, id);
}

assistAgentRoutes.post("/conversations/:id/suggestion", requireAgent(), requireConversationWithinTeams(), async (c) => {
  const agent = c.get("agent");
  const id = c.req.param("id");
  const context = (await stubFor(c.env, id).getContext()) as ContextPackage | null;
  if (!context) return apiError(c, 404, "not_found", "unknown conversation");
  const denied = denial(agent, "reply", {
    status: context.status,
    team: context.team,
    assignedAgentId: context.assignedAgent?.id ?? null,
  });
  if (denied) return apiError(c, 409, denied.code, denied.message);
  const knowledge = new KnowledgeCache(c.env.DB);
  const [articles, canned] = await Promise.all([
    knowledge.articles(),
    listCannedResponses(c.env.DB, { limit: 200, offset: 0 }, context.team ?? undefined),
  ]);
  const input = { transcript: context.transcript, stepsAttempted: context.stepsAttempted, articles, canned };
  const suggestion: SuggestionResponse =
    c.env.SCORER === "workers-ai" && c.env.AI
      ? await llmDraftReply(c.env.AI as unknown as AiBinding, input)
      : draftReply(input);
  await recordSuggestion(c.env.DB, {
    id: crypto.randomUUID(),
    conversationId: id,
    agentId: agent.id,
    grounded: suggestion.grounded,
    createdAt: Date.now(),
  });
  return c.json(suggestion);
});

// Exported for the OpenAPI document (worker/openapi).
export const AssistReportQuery = v.object({
  from: v.optional(v.pipe(v.string(), v.transform(Number), v.number(), v.integer())),
  to: v.optional(v.pipe(v.string(), v.transform(Number), v.number(), v.integer())),
  format: v.optional(v.picklist(["json", "csv"]), "json"),
});
const DAY = 24 * 3600 * 1000;

assistAgentRoutes.get("/assist/report", requireAgent(), async (c) => {
  const q = validate(AssistReportQuery, c.req.query());
  const to = q.to ?? Date.now();
  const from = q.from ?? to - 30 * DAY;
  if (from >= to) return apiError(c, 400, "bad_request", "from must be before to");
  const report = await assistReport(c.env.DB, from, to);
  if (q.format === "csv")
    return c.body(reportCsv(report), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="handoff-assist-report.csv"`,
    });
  return c.json({ report });
});

export const KbDraftBody = v.object({
  conversationId: v.pipe(v.string(), v.regex(CONVERSATION_ID, "conversationId is not a conversation id")),
  /** The question the article answers (the knowledge gap's); else the conversation's gap question. */
  question: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(300))),
});

assistAgentRoutes.post("/assist/kb-drafts", requireAgent(), jsonBody(KbDraftBody), async (c) => {
  const body = c.req.valid("json");
  const context = (await stubFor(c.env, body.conversationId).getContext()) as ContextPackage | null;
  if (!context) return apiError(c, 404, "not_found", "unknown conversation");
  const draft = kbDraftFrom(context, body.question, c.get("agent").id, Date.now());
  if (!draft) return apiError(c, 409, "invalid_state", "no agent reply in this conversation to draft an article from");
  await insertKbDraft(c.env.DB, draft);
  return c.json({ draft }, 201);
});

assistAdminRoutes.get("/assist/kb-drafts", requireAgent("admin"), async (c) =>
  c.json({ drafts: await listKbDrafts(c.env.DB) }),
);

export const PublishDraftBody = v.object({
  title: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
  body: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(20_000))),
  tags: v.optional(v.pipe(v.array(v.pipe(v.string(), v.trim(), v.maxLength(40))), v.maxLength(20))),
});

assistAdminRoutes.post(
  "/assist/kb-drafts/:id/publish",
  requireAgent("admin"),
  jsonBody(PublishDraftBody),
  async (c) => {
    const draft = await getKbDraft(c.env.DB, c.req.param("id"));
    if (!draft) return apiError(c, 404, "not_found", "no such draft");
    if (draft.publishedArticleId) return apiError(c, 409, "conflict", "this draft is already published");
    const edits = c.req.valid("json");
    const article = {
      id: `kb-${draft.id.slice(0, 8)}`,
      title: edits.title ?? draft.title,
      body: edits.body ?? draft.body,
      tags: edits.tags ?? draft.tags,
      url: null,
    };
    await publishKbDraft(c.env.DB, draft, article);
    invalidateKnowledgeCache(c.env.DB);
    return c.json({ article }, 201);
  },
);
