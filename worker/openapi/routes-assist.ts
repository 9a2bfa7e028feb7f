/** The agent-assist routes (worker/assist/routes.ts, docs/assist.md), as OpenAPI describes them. */
import { AssistReportQuery, KbDraftBody, PublishDraftBody } from "../assist/routes";
import type { RouteDoc } from "./route-doc";

export const ASSIST_ROUTES: RouteDoc[] = [
  {
    method: "POST",
    path: "/api/agent/conversations/:id/suggestion",
    tag: "assist",
    auth: "agent",
    summary: "A grounded draft reply for the agent holding the conversation (grounded false: no grounded draft)",
    responses: { 200: "{ text, citations, grounded }", 404: "unknown conversation", 409: "not the assigned agent" },
  },
  {
    method: "GET",
    path: "/api/agent/assist/report",
    tag: "assist",
    auth: "agent",
    query: AssistReportQuery,
    summary: "Drafted vs not (first reply, handle time), draft acceptance, knowledge gaps (JSON, or CSV)",
    responses: { 200: "{ report } or text/csv", 400: "invalid period" },
  },
  {
    method: "POST",
    path: "/api/agent/assist/kb-drafts",
    tag: "assist",
    auth: "agent",
    body: KbDraftBody,
    summary: "Draft a knowledge-base article from a conversation's resolving agent reply",
    responses: { 201: "{ draft }", 404: "unknown conversation", 409: "no agent reply to draft from" },
  },
  {
    method: "GET",
    path: "/api/admin/assist/kb-drafts",
    tag: "assist",
    auth: "admin",
    summary: "Draft knowledge-base articles, newest first",
    responses: { 200: "{ drafts }" },
  },
  {
    method: "POST",
    path: "/api/admin/assist/kb-drafts/:id/publish",
    tag: "assist",
    auth: "admin",
    body: PublishDraftBody,
    summary: "Publish a draft (with the admin's edits) as a live article",
    responses: { 201: "{ article }", 404: "no such draft", 409: "already published" },
  },
];
