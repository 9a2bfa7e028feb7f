/** The attachment routes (worker/attachments/routes.ts, docs/attachments.md) for both sides. */
import type { RouteDoc } from "./route-doc";

const uploadResponses = {
  201: "{ attachment: { id, name, type, size, url } }: url is a signed link valid for an hour",
  404: "unknown conversation",
  411: "length_required: no Content-Length",
  413: "file_too_large (per file), attachments_full (the conversation's total or count)",
  415: "unsupported_type: the first bytes are not an allowed type",
};
const listResponses = { 200: "{ attachments: [{ id, name, type, size, uploadedBy, createdAt, url }] }" };
const downloadResponses = {
  200: "the file: inline for PNG/JPEG/GIF/WebP, else Content-Disposition: attachment; always nosniff and CSP sandbox",
  404: "no such attachment in this conversation",
};

export const ATTACHMENT_ROUTES: RouteDoc[] = [
  {
    method: "POST",
    path: "/api/conversations/:id/attachments",
    tag: "customer",
    auth: "customer",
    summary: "Upload a file (the raw bytes as the body, ?name= its file name); a message frame then references its id",
    responses: { ...uploadResponses, 401: "bad token", 403: "wrong conversation", 429: "rate_limited: uploads per IP" },
  },
  {
    method: "GET",
    path: "/api/conversations/:id/attachments",
    tag: "customer",
    auth: "customer",
    summary: "The conversation's files, each with a fresh signed url",
    responses: { ...listResponses, 401: "bad token", 403: "wrong conversation" },
  },
  {
    method: "GET",
    path: "/api/conversations/:id/attachments/:attachmentId",
    tag: "customer",
    auth: "customer",
    summary: "Download a file with the customer token, or with a signed link's ?exp=&sig= (for <img>)",
    responses: { ...downloadResponses, 401: "bad token", 403: "wrong conversation, or bad_link (forged or expired)" },
  },
  {
    method: "POST",
    path: "/api/agent/conversations/:id/attachments",
    tag: "conversations",
    auth: "agent",
    summary: "Upload a file as the agent (the raw bytes as the body, ?name= its file name)",
    responses: uploadResponses,
  },
  {
    method: "GET",
    path: "/api/agent/conversations/:id/attachments",
    tag: "conversations",
    auth: "agent",
    summary: "The conversation's files, each with a signed url",
    responses: listResponses,
  },
  {
    method: "GET",
    path: "/api/agent/conversations/:id/attachments/:attachmentId",
    tag: "conversations",
    auth: "agent",
    summary: "Download a file",
    responses: downloadResponses,
  },
];
