/**
 * The attachment routes, for both sides of a conversation:
 *
 *   POST /api/conversations/:id/attachments?name=<file name>   body: the file's bytes (Content-Length required)
 *   GET  /api/conversations/:id/attachments                    the conversation's files, each with a fresh signed url
 *   GET  /api/conversations/:id/attachments/:attachmentId      the file (token, or a signed link's ?exp=&sig=)
 *
 * with the customer token of that very conversation (`Authorization: Bearer` or `?token=`), and the same
 * three under /api/agent/conversations/:id/attachments with an agent session (and, when teams are
 * boundaries, of the conversation's team: 403 outside_team). An upload answers
 * `201 {"attachment": {id, name, type, size, url}}`; a message frame then references the id.
 *
 * Refusals (schema/errors.ts): 411 length_required, 413 file_too_large (per file) and attachments_full
 * (the conversation's total or count), 415 unsupported_type (judged from the first bytes), 429 rate_limited
 * (uploads per IP), 403 bad_link, 404 not_found. A refused upload stores nothing.
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { ATTACHMENT_DEFAULTS, ATTACHMENT_ID } from "../../schema/attachments";
import { requireConversationWithinTeams } from "../auth/conversation-teams";
import { type AgentHonoEnv, requireAgent } from "../auth/require-agent";
import { conversationStub } from "../conversation/stub";
import type { Env } from "../env";
import { isConversationId } from "../http/conversation-id";
import { type CustomerHonoEnv, requireCustomerToken } from "../http/customer-token";
import { apiError, refusalResponse } from "../http/errors";
import { clientIp, enforceLimits } from "../http/rate-limit";
import type { ConversationQuota, RegisterResult, StoredAttachment, Uploader } from "./attachment-store";
import { serveObject } from "./download";
import { attachmentLimits } from "./limits";
import { objectKey } from "./r2-objects";
import { signedUrl } from "./links";
import { IMAGE_LINK_TTL_SECONDS, verifyLink } from "./signed-url";
import { cleanFileName, storeUpload } from "./upload";

/** The object's attachment RPCs, typed plainly (RPC's mapped types are too deep for tsc). */
interface AttachmentRpc {
  attachmentUsage(): Promise<{ bytes: number; files: number } | null>;
  registerAttachment(
    ref: StoredAttachment | object,
    uploader: Uploader,
    quota: ConversationQuota,
  ): Promise<RegisterResult>;
  listAttachments(): Promise<StoredAttachment[]>;
}
const rpc = (env: Env, conversationId: string) => conversationStub(env, conversationId) as unknown as AttachmentRpc;

/** Either side's context: the helpers below need only the bindings (read as `Env`) and the request. */
type AnyContext = Context;

const newAttachmentId = (): string => crypto.randomUUID().replace(/-/g, "");

async function upload(c: AnyContext, conversationId: string, uploader: Uploader): Promise<Response> {
  const env: Env = c.env;
  const limits = attachmentLimits(env);
  const declared = c.req.header("Content-Length");
  if (!declared || !/^\d{1,15}$/.test(declared))
    return apiError(c, 411, "length_required", "send the file with a Content-Length header");
  const length = Number(declared);
  if (length > limits.maxFileBytes)
    return apiError(c, 413, "file_too_large", `files may be at most ${limits.maxFileBytes} bytes`);
  const body = c.req.raw.body;
  if (length === 0 || !body) return apiError(c, 415, "unsupported_type", "the file is empty");
  const stub = rpc(env, conversationId);
  const usage = await stub.attachmentUsage();
  if (!usage) return apiError(c, 404, "not_found", "unknown conversation");
  if (usage.files + 1 > limits.maxConversationFiles || usage.bytes + length > limits.maxConversationBytes)
    return apiError(
      c,
      413,
      "attachments_full",
      `this conversation holds at most ${limits.maxConversationFiles} files and ${limits.maxConversationBytes} bytes of attachments`,
    );
  const id = newAttachmentId();
  const key = objectKey(conversationId, id);
  const name = cleanFileName(c.req.query("name"), ATTACHMENT_DEFAULTS.maxNameChars);
  const customMetadata = { uploaderRole: uploader.role, uploaderId: uploader.id };
  const stored = await storeUpload({ bucket: env.ATTACHMENTS, key, id, name, body, length, limits, customMetadata });
  if (!stored.ok) return refusalResponse(c, stored);
  const quota = {
    maxConversationBytes: limits.maxConversationBytes,
    maxConversationFiles: limits.maxConversationFiles,
  };
  const registered = await stub.registerAttachment(stored.ref, uploader, quota);
  if (!registered.ok) {
    // Another upload filled the conversation meanwhile: this one's bytes go.
    await env.ATTACHMENTS.delete(key);
    return refusalResponse(c, registered);
  }
  const url = await signedUrl(env, new URL(c.req.url).origin, conversationId, id, IMAGE_LINK_TTL_SECONDS);
  return c.json({ attachment: { ...stored.ref, url } }, 201);
}

async function list(c: AnyContext, conversationId: string): Promise<Response> {
  const env: Env = c.env;
  const origin = new URL(c.req.url).origin;
  const stored = await rpc(env, conversationId).listAttachments();
  const attachments = await Promise.all(
    stored.map(async (a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      size: a.size,
      uploadedBy: a.uploader.role,
      createdAt: a.createdAt,
      ...(a.description ? { description: a.description } : {}),
      url: await signedUrl(env, origin, conversationId, a.id, IMAGE_LINK_TTL_SECONDS),
    })),
  );
  return c.json({ attachments });
}

async function download(c: AnyContext, conversationId: string, attachmentId: string): Promise<Response> {
  const unknown = () => apiError(c, 404, "not_found", "no such attachment in this conversation");
  if (!ATTACHMENT_ID.test(attachmentId)) return unknown();
  const env: Env = c.env;
  return (await serveObject(env.ATTACHMENTS, objectKey(conversationId, attachmentId))) ?? unknown();
}

// ---------------------------------------------------------------------------------------------
// The customer's side: the conversation's token, or a signed link for one file
// ---------------------------------------------------------------------------------------------

export const customerAttachmentRoutes = new Hono<CustomerHonoEnv>();

// requireCustomerToken asks only for TOKEN_SECRET of the bindings, which Hono's types cannot see is a subset here.
const customerToken = requireCustomerToken() as unknown as MiddlewareHandler<CustomerHonoEnv>;

/** A signed link (`?sig=`) opens its one file; without one, the conversation's token is needed. */
const tokenOrSignedLink = createMiddleware<CustomerHonoEnv>(async (c, next) => {
  const sig = c.req.query("sig");
  if (sig === undefined) return customerToken(c, next);
  const id = c.req.param("id") ?? "";
  const attachmentId = c.req.param("attachmentId") ?? "";
  const query = { exp: c.req.query("exp"), sig };
  if (!isConversationId(id) || !(await verifyLink(c.env.TOKEN_SECRET, id, attachmentId, query)))
    return apiError(c, 403, "bad_link", "this link is forged, for another file, or expired");
  await next();
});

customerAttachmentRoutes.post("/:id/attachments", requireCustomerToken(), async (c) => {
  const ip = clientIp(c);
  await enforceLimits(
    c,
    [ip ? { binding: c.env.ATTACHMENT_IP_LIMITER, key: ip, periodSeconds: 60 } : undefined],
    "Too many uploads; try again in a minute.",
  );
  return upload(c, c.var.customer.cid, { role: "customer", id: "customer" });
});

customerAttachmentRoutes.get("/:id/attachments", requireCustomerToken(), (c) => list(c, c.var.customer.cid));

customerAttachmentRoutes.get("/:id/attachments/:attachmentId", tokenOrSignedLink, (c) =>
  download(c, c.req.param("id"), c.req.param("attachmentId")),
);

// ---------------------------------------------------------------------------------------------
// The agents' side: an agent session (the console's cookie, or a bearer token)
// ---------------------------------------------------------------------------------------------

export const agentAttachmentRoutes = new Hono<AgentHonoEnv>();

const agentConversation = (c: Context<AgentHonoEnv>): string | null => {
  const id = c.req.param("id") ?? "";
  return isConversationId(id) ? id : null;
};

agentAttachmentRoutes.post("/:id/attachments", requireAgent(), requireConversationWithinTeams(), async (c) => {
  const id = agentConversation(c);
  if (!id) return apiError(c, 404, "not_found", "unknown conversation");
  return upload(c, id, { role: "agent", id: c.get("agent").id });
});

agentAttachmentRoutes.get("/:id/attachments", requireAgent(), requireConversationWithinTeams(), (c) => {
  const id = agentConversation(c);
  return id ? list(c, id) : apiError(c, 404, "not_found", "unknown conversation");
});

agentAttachmentRoutes.get("/:id/attachments/:attachmentId", requireAgent(), requireConversationWithinTeams(), (c) => {
  const id = agentConversation(c);
  return id ? download(c, id, c.req.param("attachmentId")) : apiError(c, 404, "not_found", "unknown conversation");
});
