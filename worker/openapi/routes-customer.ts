import { CreateConversationBody, HistoryBody } from "../routes/conversations";
import { ok, type RouteDoc } from "./route-doc";

export const CUSTOMER_ROUTES: RouteDoc[] = [
  // Customers (the widget)
  {
    method: "GET",
    path: "/api/health",
    tag: "meta",
    auth: "public",
    summary: "Health and the active scorer",
    responses: ok("{ ok, scorer }"),
  },
  {
    method: "GET",
    path: "/api/openapi.json",
    tag: "meta",
    auth: "public",
    summary: "This document",
    responses: ok("OpenAPI 3.0 document"),
  },
  {
    method: "POST",
    path: "/api/conversations",
    tag: "customer",
    auth: "public",
    body: CreateConversationBody,
    summary: "Start a conversation; returns its id and a customer token",
    responses: {
      201: "{ conversationId, token, expiresAt }",
      400: "invalid body",
      401: "identity hash does not verify",
      403: "the site requires verification",
      404: "unknown_site: the site is neither in SITES nor configured",
      429: "rate_limited: too many new conversations from this IP or on this site (Retry-After)",
    },
  },
  {
    method: "POST",
    path: "/api/conversations/history",
    tag: "customer",
    auth: "identity",
    body: HistoryBody,
    summary: "A verified customer's earlier conversations, each with a fresh token",
    responses: {
      200: "{ conversations }",
      400: "invalid body",
      401: "identity hash does not verify",
      404: "unknown_site",
    },
  },
  {
    method: "GET",
    path: "/api/conversations/:id",
    tag: "customer",
    auth: "customer",
    summary: "Whether a customer token still opens its conversation",
    responses: {
      200: "{ conversationId, status }",
      401: "bad token",
      403: "token for another conversation",
      404: "unknown conversation",
    },
  },
  {
    method: "POST",
    path: "/api/conversations/:id/transcript-email",
    tag: "customer",
    auth: "customer",
    summary: "Email the transcript to the conversation's own contact address (never one named in the request)",
    responses: {
      202: "{ sent, messageId }",
      400: "no_contact_address, or a body naming a recipient",
      401: "bad token",
      403: "token for another conversation",
      429: "rate_limited: per conversation, per IP or per site (Retry-After)",
      503: "email not set up",
    },
  },
  {
    method: "GET",
    path: "/api/conversations/:id/ws",
    tag: "customer",
    auth: "customer-ws",
    summary: "The customer's WebSocket (protocol v1, schema/protocol.ts)",
    responses: { 101: "upgraded", 401: "bad token", 403: "wrong conversation or Origin", 426: "not an upgrade" },
  },
];

export const PAGE_ROUTES: RouteDoc[] = [
  // Public pages
  {
    method: "GET",
    path: "/help",
    tag: "pages",
    auth: "page",
    summary: "Help centre: article list (HTML)",
    responses: ok("text/html"),
  },
  {
    method: "GET",
    path: "/help/:id",
    tag: "pages",
    auth: "page",
    summary: "Help centre: one article (HTML)",
    responses: { 200: "text/html", 404: "text/html" },
  },
  {
    method: "GET",
    path: "/console",
    tag: "pages",
    auth: "page",
    summary: "Agent console (static single-page app; its data comes from the agent API)",
    responses: { 200: "text/html", 307: "to /console/" },
  },
  {
    method: "GET",
    path: "/console/*",
    tag: "pages",
    auth: "page",
    summary: "Agent console files, with the console's Content Security Policy",
    responses: { 200: "the file", 404: "no such file" },
  },
];
